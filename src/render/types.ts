/**
 * The contract between the rsc entry (built into `server/rsc/index.js`) and whoever drives it:
 * the build, the dev server and `kiln start`. Types only, so Node-side code can import them
 * without pulling React or Vite into its process.
 */
import type { MatchResult, Params, Route, RouteTree } from '../routing/types.ts';
import type { ReactNode } from 'react';
import type { LoadModule } from '../params/types.ts';

/** A page to render: a pathname to match, or an already matched route (what the build streams). */
export type RenderInput = string | { route: Route; params: Params; pathname: string };

export interface RenderResult {
  /** 200 for a page; 404 when nothing matched or a component called `notFound()`. */
  status: 200 | 404;
  /** The complete HTML document, the Flight payload inlined for hydration. */
  html: Uint8Array;
  /** The Flight payload alone, served for client navigation. */
  rsc: Uint8Array;
}

/** What `server/rsc/index.js` exports as `kiln`. */
export interface RscEntry {
  /** Project-relative app folder: `app` or `src/app`. */
  appDir: string;
  /** Project-relative paths of the app's special files (`app/blog/[slug]/page.tsx`, …). */
  files: string[];
  tree: RouteTree;
  /** Imports one of `files` from the bundle. */
  load: LoadModule;
  match(pathname: string): MatchResult;
  /** Renders a page. A string that matches nothing renders the root not-found page (404). */
  renderPath(input: RenderInput): Promise<RenderResult>;
  /**
   * Renders the root not-found page, as written to `pages/404.html`; with `within`, the
   * not-found page nearest to that route inside its layouts (a `dynamicParams = false` route
   * asked for params it does not have).
   */
  renderNotFound(pathname?: string, within?: { route: Route; params: Params }): Promise<RenderResult>;
  /** A minimal Web handler over `renderPath` (pages and `/_kiln/rsc/…/index.rsc` payloads). */
  handler(request: Request): Promise<Response>;
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
  status: 200 | 404;
}
