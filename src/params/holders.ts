import { kilnError } from '../errors.ts';
import type { Route } from '../routing/types.ts';
import type { LoadModule, RouteModule } from './types.ts';

/** A user function as Kiln calls it: Next passes only `{ params }`. */
export type GenerateStaticParams = (props: { params: Record<string, unknown> }) => unknown;

/** One module of a route that exports generateStaticParams, in the order it is called. */
export interface Holder {
  file: string;
  kind: 'layout' | 'page';
  /** Index in `route.levels`; a layout may return params declared at this level or above. */
  level: number;
  fn: GenerateStaticParams;
}

/** The module's generateStaticParams, or undefined; a non-function export is an error. */
export function readGenerateStaticParams(file: string, mod: RouteModule, route?: Route): GenerateStaticParams | undefined {
  const value = mod.generateStaticParams;
  if (value === undefined) return undefined;
  if (typeof value !== 'function') {
    throw kilnError('PARAMS_GSP_NOT_FUNCTION', { file, route: route?.pattern, value });
  }
  return value as GenerateStaticParams;
}

/**
 * The holders of a route: each level's layout exporting gSP, root → leaf, then the
 * route's own page (or route handler). Pages of ancestor folders are not holders: a page's gSP is
 * its own route's and never feeds deeper routes.
 */
export async function staticParamsHolders(route: Route, load: LoadModule): Promise<Holder[]> {
  const candidates: { file: string; kind: Holder['kind']; level: number }[] = [];
  route.levels.forEach((level, i) => {
    if (level.layout) candidates.push({ file: level.layout, kind: 'layout', level: i });
  });
  candidates.push({ file: route.file, kind: 'page', level: route.levels.length - 1 });

  const modules = await Promise.all(candidates.map((c) => load(c.file)));
  const holders: Holder[] = [];
  candidates.forEach((c, i) => {
    const fn = readGenerateStaticParams(c.file, modules[i], route);
    if (fn) holders.push({ ...c, fn });
  });
  return holders;
}

/**
 * How a route gets its pages: `static` (no dynamic params: one page), `generated` (some segment
 * exports gSP; it may still produce zero pages) or `on-demand` (dynamic, no gSP anywhere).
 */
export type StaticParamsKind = 'static' | 'generated' | 'on-demand';

export async function staticParamsKind(route: Route, load: LoadModule): Promise<StaticParamsKind> {
  if (route.params.length === 0) return 'static';
  return (await staticParamsHolders(route, load)).length > 0 ? 'generated' : 'on-demand';
}

/** True when the route's pages are known at build time (static, or gSP somewhere in its chain). */
export async function hasStaticParams(route: Route, load: LoadModule): Promise<boolean> {
  return (await staticParamsKind(route, load)) !== 'on-demand';
}
