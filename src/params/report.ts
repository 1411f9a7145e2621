import type { Params, Route, RouteTree } from '../routing/types.ts';
import { routeConfig } from './config.ts';
import { staticParamsKind } from './holders.ts';
import type { LoadModule, ParamsWarning, RouteConfig } from './types.ts';
import { generateAllParams, type GenerateParamsOptions } from './walk.ts';

/** How the build treats a route: one page, pages from gSP, or rendered per request / on demand. */
export type PrerenderKind = 'static' | 'generated' | 'dynamic';

/**
 * `dynamic = 'force-dynamic'` and `revalidate = 0` render per request; other routes are static,
 * generated from gSP, or (dynamic without gSP) on demand. A route handler is generated only when
 * gSP lists its paths (its GET is then prerendered, as the build does); otherwise it answers
 * every request itself.
 */
export async function prerenderKind(route: Route, config: RouteConfig, load: LoadModule): Promise<PrerenderKind> {
  if (config.dynamic === 'force-dynamic' || config.revalidate === 0) return 'dynamic';
  const how = await staticParamsKind(route, load);
  if (route.type !== 'page') return how === 'generated' ? 'generated' : 'dynamic';
  return how === 'on-demand' ? 'dynamic' : how;
}

export interface RouteCallReport {
  file: string;
  /** The parent params the call received. */
  params: Params;
  count: number;
  ms: number;
}

/** One route as `kiln routes` shows it. */
export interface RouteReport {
  pattern: string;
  file: string;
  type: Route['type'];
  kind: PrerenderKind;
  config: RouteConfig;
  calls: RouteCallReport[];
  /** Pathnames it prerenders, in walk order (empty unless `generated` or `static`). */
  paths: string[];
}

/**
 * Walks every route of the tree as the build would, keeping each call and path for display.
 * Holds every path in memory: meant for listing an app, not for the build itself.
 */
export async function collectRouteReport(
  tree: RouteTree,
  options: Omit<GenerateParamsOptions, 'onCall'> & { onWarning?: (warning: ParamsWarning) => void },
): Promise<RouteReport[]> {
  const reports = new Map<Route, RouteReport>();
  for (const route of tree.routes) {
    const config = await routeConfig(route, options.load);
    const kind = await prerenderKind(route, config, options.load);
    reports.set(route, { pattern: route.pattern, file: route.file, type: route.type, kind, config, calls: [], paths: [] });
  }
  const prerendered = tree.routes.filter((r) => reports.get(r)!.kind !== 'dynamic');
  const walk = generateAllParams(prerendered, {
    ...options,
    onCall: (e) => reports.get(e.route)!.calls.push({ file: e.file, params: e.parentParams, count: e.count, ms: e.ms }),
  });
  for await (const entry of walk) reports.get(entry.route)!.paths.push(entry.pathname);
  return [...reports.values()];
}
