/** Shapes shared by the routing layer and everything above it. Pure data, no behaviour. */

export type SegmentKind =
  | 'static' // blog
  | 'dynamic' // [slug]
  | 'catchAll' // [...slug]
  | 'optionalCatchAll' // [[...slug]]
  | 'group' // (marketing): no URL part
  | 'private'; // _components: not routable, nothing below is a route

export interface Segment {
  /** The folder name as written, e.g. `[...slug]`. */
  raw: string;
  kind: SegmentKind;
  /** Param name for dynamic kinds (`slug`); absent otherwise. */
  param?: string;
  /**
   * Static kind only: the decoded URL part the folder matches. Usually equal to `raw`; a folder
   * written percent-encoded (`%5Fabout`, Next's way to get a leading underscore) matches `_about`.
   */
  value?: string;
}

export type SpecialFileKind =
  | 'page'
  | 'layout'
  | 'not-found'
  | 'loading'
  | 'error'
  | 'template'
  | 'route'
  | 'default'
  | 'global-error';

/** One folder on the way from the app root to a route, groups included. */
export interface RouteLevel {
  /** Project-relative folder, e.g. `app/products/[category]` (`app` for the root). */
  dir: string;
  /** null for the app root folder itself. */
  segment: Segment | null;
  /** Project-relative special files present in this folder. */
  layout?: string;
  notFound?: string;
  loading?: string;
  error?: string;
  template?: string;
  /** The folder's own page, when it has one (also for ancestors of a deeper route). */
  page?: string;
}

export interface ParamDef {
  name: string;
  kind: 'dynamic' | 'catchAll' | 'optionalCatchAll';
  /** Index of the level (in `Route.levels`) that declares it. */
  level: number;
}

/** Decoded params: `[x]` → string, `[...x]` → string[], `[[...x]]` → string[] or absent. */
export type Params = Record<string, string | string[]>;

export interface Route {
  /** URL pattern with groups removed, e.g. `/products/[category]/[product]`; `/` for the root. */
  pattern: string;
  /** `page` for page.*, `handler` for route.* (route handlers). */
  type: 'page' | 'handler';
  /** Project-relative page or route-handler file. */
  file: string;
  /** Root→leaf folders, groups included; the last is the route's own folder. */
  levels: RouteLevel[];
  /** URL segments only (no groups), in order. */
  segments: Segment[];
  /** Dynamic params in URL order. */
  params: ParamDef[];
}

export interface RouteTree {
  /** Routes in match priority order (most specific first). */
  routes: Route[];
  /** Project-relative app folder, `app` or `src/app`. */
  appDir: string;
  /** Root not-found file, if any. */
  notFound?: string;
  /** Root layout, if any. */
  rootLayout?: string;
  /** Root `global-error.*`, if any. */
  globalError?: string;
}

export type MatchResult =
  | { kind: 'found'; route: Route; params: Params }
  | { kind: 'none' }
  /** The path could not be decoded (bad percent-encoding, NUL, …): answer 400. */
  | { kind: 'malformed'; reason: string };
