import type { Params, Route } from '../routing/types.ts';

/** What Kiln reads from a page or layout module. Everything is optional and validated. */
export interface RouteModule {
  default?: unknown;
  generateStaticParams?: unknown;
  generateMetadata?: unknown;
  metadata?: unknown;
  dynamicParams?: unknown;
  revalidate?: unknown;
  dynamic?: unknown;
  [key: string]: unknown;
}

/** Loads a module by its project-relative path. The only door to I/O for the params layer. */
export type LoadModule = (file: string) => Promise<RouteModule>;

export type DynamicMode = 'auto' | 'force-static' | 'error' | 'force-dynamic';

/** The effective config of one route, combined over its segments (see `combineSegmentConfigs`). */
export interface RouteConfig {
  /** False if any segment says false. */
  dynamicParams: boolean;
  /** Seconds; the minimum over segments; false = never. */
  revalidate: number | false;
  dynamic: DynamicMode;
}

/** One page to prerender. */
export interface PageEntry {
  route: Route;
  params: Params;
  /** Encoded URL path, e.g. `/tags/c%2B%2B`. */
  pathname: string;
}

/** Reported once per generateStaticParams call (for `kiln routes` and progress). */
export interface ParamsCallEvent {
  route: Route;
  file: string;
  parentParams: Params;
  count: number;
  ms: number;
}

/** One item of a route with open segments (no gSP fills them), reported instead of a page. */
export interface PartialParamsEvent {
  route: Route;
  /** The route's open params, in URL order. */
  open: readonly string[];
  /** The generated params: every param of the route but the open ones. */
  params: Params;
}

export interface ParamsWarning {
  code: string;
  message: string;
}
