/**
 * The contract between the rsc entry (built into `server/rsc/index.js`) and whoever drives it:
 * the build, the dev server and `kiln start`. Types only, so Node-side code can import them
 * without pulling React or Vite into its process.
 */
import type { MatchResult, Params, Route, RouteTree } from '../routing/types.ts';
import type { ReactNode } from 'react';
import type { LoadModule } from '../params/types.ts';
import type { MetadataRoutes } from './metadata-routes.ts';

/** A page to render: a pathname to match, or an already matched route (what the build streams). */
export type RenderInput = string | { route: Route; params: Params; pathname: string; request?: Request };

export interface RenderResult {
  /**
   * 200 for a page; 404 when nothing matched or a component called `notFound()`; 307 when a
   * server component, layout or `generateMetadata` called `redirect()`, 308 `permanentRedirect()`.
   */
  status: 200 | 404 | 307 | 308;
  /** The complete HTML document, the Flight payload inlined for hydration. */
  html: Uint8Array;
  /** The Flight payload alone, served for client navigation. */
  rsc: Uint8Array;
  /**
   * Set for 307/308 only: the `Location` to answer with, base path included for a local path
   * (`redirect('/b')` in an app under `/docs` gives `/docs/b`). `html` is then a small document
   * that sends the browser there by `<meta http-equiv="refresh">` (for static hosts), and `rsc` a
   * payload whose `redirect` the client router follows; the payload is served with status 200.
   */
  location?: string;
  /**
   * Build prerenders only: the URL of a fetch this render made with `cache: 'no-store'` (or
   * `next: { revalidate: 0 }`). The page is then rendered per request, never written.
   */
  dynamicFetch?: string;
  /**
   * The first request API (`cookies()`, `headers()`, `unstable_noStore()`) this render called with
   * no request to read. In a build the page is then rendered per request, never written.
   */
  dynamicApi?: string;
  /** Cache tags of the data the render used, sorted: `revalidateTag` marks the page stale by them. */
  tags?: string[];
  /** Build prerenders: the smallest `next: { revalidate: N }` of the render's fetches, in seconds. */
  revalidate?: number;
}

/** What `server/rsc/index.js` exports as `kiln`. */
/** The app's middleware as the server bundle runs it. */
export interface MiddlewareEntry {
  /** Project-relative file (`middleware.ts`, `src/proxy.ts`). */
  file: string;
  /** The module's `config.matcher` as written. */
  matcher(): Promise<unknown>;
  /** Runs it for a request: its answer, or undefined when it returned nothing. */
  run(request: Request): Promise<Response | undefined>;
}

export interface RscEntry {
  /** Project-relative app folder: `app` or `src/app`. */
  appDir: string;
  /**
   * next.config's `basePath` and `trailingSlash` as this bundle was built with them (what the
   * build records in `manifest.json` for `kiln start`).
   */
  urlConfig: { basePath: string; trailingSlash: boolean };
  /** Project-relative paths of the app's special files (`app/blog/[slug]/page.tsx`, …). */
  files: string[];
  tree: RouteTree;
  /** Imports one of `files` from the bundle. */
  load: LoadModule;
  match(pathname: string): MatchResult;
  /** Renders a page. A string that matches nothing renders the root not-found page (404). */
  renderPath(input: RenderInput): Promise<RenderResult>;
  /**
   * Renders the root not-found page, as written to `pages/@404.html`; with `within`, the
   * not-found page nearest to that route inside its layouts (a `dynamicParams = false` route
   * asked for params it does not have).
   */
  renderNotFound(pathname?: string, within?: { route: Route; params: Params }): Promise<RenderResult>;
  /**
   * A minimal Web handler over `renderPath` and route handlers: pages (a redirecting page answers
   * 307/308 with `Location`), `/_kiln/rsc/….rsc` payloads (200, a redirect's included) and
   * `route.ts` handlers. Takes public URLs: the base path, if any, included.
   */
  handler(request: Request): Promise<Response>;
  /** The app's metadata files (`favicon.ico`, `robots.ts`, …): their URLs and code modules' answers. */
  metadata: MetadataRoutes;
  /** The app's middleware (`middleware.ts` or `proxy.ts` beside the app folder); null without one. */
  middleware: MiddlewareEntry | null;
}

/** What the ssr entry answers; plain data so nothing depends on class identity across bundles. */
export type HtmlResult =
  | { ok: true; html: Uint8Array }
  | { ok: false; error: unknown; componentStack: string };

/** The Flight payload's top-level shape, shared by the rsc, ssr and browser entries. */
export interface Payload {
  root: ReactNode;
  pathname: string;
  params: Params;
  status: 200 | 404 | 307 | 308;
  /** A page that redirects: `root` is null and the router goes here (the app's URL, as written). */
  redirect?: string;
}
