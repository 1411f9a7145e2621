import { kilnError } from '../errors.ts';
import type { Route } from '../routing/types.ts';
import type { DynamicMode, LoadModule, RouteConfig, RouteModule } from './types.ts';

/** What one page or layout module says about itself; absent options are undefined. */
export interface SegmentConfig {
  dynamicParams?: boolean;
  revalidate?: number | false;
  dynamic?: DynamicMode;
}

const DYNAMIC_MODES: ReadonlySet<string> = new Set<DynamicMode>(['auto', 'force-static', 'error', 'force-dynamic']);

export const DEFAULT_ROUTE_CONFIG: Readonly<RouteConfig> = Object.freeze({
  dynamicParams: true,
  revalidate: false,
  dynamic: 'auto',
});

/**
 * Reads and validates the segment config exports of one module: `dynamicParams`, `revalidate` and `dynamic`. `route` only
 * names the route in the error. `revalidate = Infinity` means the same as `false` (never).
 */
export function readSegmentConfig(file: string, mod: RouteModule, route?: Route): SegmentConfig {
  const config: SegmentConfig = {};
  const fail = (option: keyof SegmentConfig, value: unknown): never => {
    throw kilnError('PARAMS_CONFIG_INVALID', { file, route: route?.pattern, option, value });
  };

  const { dynamicParams, revalidate, dynamic } = mod;
  if (dynamicParams !== undefined) {
    if (typeof dynamicParams !== 'boolean') fail('dynamicParams', dynamicParams);
    config.dynamicParams = dynamicParams as boolean;
  }
  if (revalidate !== undefined) {
    if (revalidate === false || revalidate === Infinity) config.revalidate = false;
    else if (typeof revalidate === 'number' && Number.isFinite(revalidate) && revalidate >= 0) {
      config.revalidate = revalidate;
    } else fail('revalidate', revalidate);
  }
  if (dynamic !== undefined) {
    if (typeof dynamic !== 'string' || !DYNAMIC_MODES.has(dynamic)) fail('dynamic', dynamic);
    config.dynamic = dynamic as DynamicMode;
  }
  return config;
}

/**
 * Combines segment configs given root → leaf (the layouts, then the page):
 * - `dynamicParams`: false if any segment says false.
 * - `revalidate`: the smallest number any segment gives; `false` only when none gives a number
 *   at all. `false` never overrides a number, as in Next.js.
 * - `dynamic`: `'force-dynamic'` anywhere wins, because Next.js forces dynamic rendering for the
 *   whole render once any segment asks for it and no deeper segment can undo that. Otherwise the
 *   deepest segment that sets it wins (a page overrides its layouts), which is how Next.js reduces
 *   the config of a route's segments.
 */
export function combineSegmentConfigs(configs: Iterable<SegmentConfig>): RouteConfig {
  const out: RouteConfig = { ...DEFAULT_ROUTE_CONFIG };
  let forceDynamic = false;
  for (const c of configs) {
    if (c.dynamicParams === false) out.dynamicParams = false;
    if (typeof c.revalidate === 'number' && (out.revalidate === false || c.revalidate < out.revalidate)) {
      out.revalidate = c.revalidate;
    }
    if (c.dynamic !== undefined) {
      out.dynamic = c.dynamic;
      if (c.dynamic === 'force-dynamic') forceDynamic = true;
    }
  }
  if (forceDynamic) out.dynamic = 'force-dynamic';
  return out;
}

/** The files whose config applies to a route: every level's layout root → leaf, then the route file. */
export function configFiles(route: Route): string[] {
  const files: string[] = [];
  for (const level of route.levels) if (level.layout) files.push(level.layout);
  files.push(route.file);
  return files;
}

/** The effective config of a route over its layouts and page. */
export async function routeConfig(route: Route, load: LoadModule): Promise<RouteConfig> {
  const files = configFiles(route);
  const modules = await Promise.all(files.map((file) => load(file)));
  return combineSegmentConfigs(modules.map((mod, i) => readSegmentConfig(files[i], mod, route)));
}
