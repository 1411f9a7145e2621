/**
 * `manifest.json`, the one file `kiln build` writes about the routes and `kiln start` reads:
 * every route, its kind and config, and the paths prerendered for it. `Manifest` is the file as
 * written; `ServerManifest` is what the server keeps of it (see parse-manifest.ts).
 */
import type { ManifestMiddleware, RequestRules } from './request-rules.ts';
import type { UrlLayout } from './url-layout.ts';

export const MANIFEST_FILE = 'manifest.json';

export type RouteType = 'page' | 'handler';
/** static: no params; generated: prerendered from generateStaticParams; dynamic: rendered on demand. */
export type RouteKind = 'static' | 'generated' | 'dynamic';

/** One route as `manifest.json` holds it. */
export interface ManifestRouteEntry {
  pattern: string;
  /** Project-relative page or route-handler file, e.g. `app/tags/[tag]/page.tsx`. */
  file: string;
  type: RouteType;
  kind: RouteKind;
  dynamicParams: boolean;
  revalidate: number | false;
  dynamic: string;
  /** Prerendered pathnames, encoded as `href()` gives them. */
  paths: string[];
  /** Open params: segments no generateStaticParams fills, rendered on demand. */
  open?: string[];
  /**
   * With `open` and `dynamicParams` false: the `generatedKey`s of the values generated for the
   * other params, the only ones the server renders open pages for.
   */
  generated?: string[];
}

/**
 * A prerendered page that called `redirect()` / `permanentRedirect()`: its `pages/` files are a
 * meta-refresh document and the redirect payload; a document request answers `status` with
 * `Location: location`.
 */
export interface ManifestRedirect {
  status: 307 | 308;
  /** The `Location` to answer with, as the header carries it: base path included for a local path. */
  location: string;
}

/** `manifest.json` as the build writes it. */
export interface Manifest extends UrlLayout {
  version: 1;
  /** Project-relative app folder, `app` or `src/app`. */
  appDir: string;
  /** A digest of the bundle and every page: the same sources and data give the same id. */
  buildId: string;
  /** A digest of the bundle alone (`server/` and `client/` as Vite wrote them). */
  bundleId?: string;
  routes: ManifestRouteEntry[];
  /** By canonical path (as `href()` writes it, without the base path). */
  redirects: Record<string, ManifestRedirect>;
  /** next.config's redirects, rewrites and headers; absent when it has none. */
  rules?: RequestRules;
  /** The app's middleware; absent when it has none. */
  middleware?: ManifestMiddleware;
  /**
   * Only in a shard's partial output (`kiln build --shard i/n`): which shard it is. `kiln merge`
   * joins the shards into one output without it.
   */
  shard?: ManifestShard;
}

/** A shard's place in a sharded build, and what `kiln merge` needs to compute the whole build's id. */
export interface ManifestShard {
  /** 1 … count. */
  index: number;
  count: number;
  /** The digest of the not-found page (every shard writes it). */
  notFound: string;
  /**
   * Per route, in `routes` order: the sum of the digests of this shard's pages of it, so a
   * route that bails out in any shard can be left out of the whole build's sum.
   */
  digests: string[];
}

/** What the server keeps of one route. */
export interface ManifestRoute extends Omit<ManifestRouteEntry, 'dynamic' | 'paths' | 'open' | 'generated'> {
  /** Open params (segments no gSP fills): not restricted by `dynamicParams`. Absent: none. */
  open?: readonly string[];
  /** With `open` and `dynamicParams` false: the `generatedKey`s open pages may have. */
  generated?: ReadonlySet<string>;
}

/**
 * The server's view of `manifest.json`. Per-route `paths` lists are deliberately dropped: the
 * files under `pages/` are the truth about what was prerendered, and a big site's list would
 * only take memory.
 */
export interface ServerManifest extends UrlLayout {
  version: 1;
  appDir: string;
  /** '' when the manifest has none. */
  buildId: string;
  routes: ManifestRoute[];
  /** By canonical path (as `href()` writes it, without the base path). */
  redirects: ReadonlyMap<string, ManifestRedirect>;
  /** next.config's redirects, rewrites and headers (no rules when the build recorded none). */
  rules: RequestRules;
  middleware: ManifestMiddleware | null;
}
