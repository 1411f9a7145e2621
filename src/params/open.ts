/**
 * Open segments: dynamic segments of a route that no generateStaticParams of the route
 * can fill, e.g. `[slug]` below a layout that generates `[locale]` when the page has none. A
 * route with open segments is partially generated: its generated params are known at build
 * time, its open ones only per request, and `dynamicParams = false` restricts only the former.
 */
import type { Params, Route } from '../routing/types.ts';
import type { Holder } from './holders.ts';

/**
 * The names of the route's open params. The route's own page (or handler) may return every
 * param; a layout only its own and those above it. So with a page holder nothing is open, and
 * otherwise every param declared below the deepest layout holder is.
 */
export function openParams(route: Route, holders: readonly Pick<Holder, 'kind' | 'level'>[]): string[] {
  if (holders.length === 0 || holders.some((h) => h.kind === 'page')) return [];
  const deepest = Math.max(...holders.map((h) => h.level));
  return route.params.filter((def) => def.level > deepest).map((def) => def.name);
}

/**
 * One key per set of generated values: the route's params other than `open`, in URL order, as
 * JSON (an absent optional catch-all is null). The build keys what generateStaticParams gave this
 * way, and the servers key a request's params the same way to look it up.
 */
export function generatedKey(route: Pick<Route, 'params'>, open: readonly string[], params: Params): string {
  const values = route.params.filter((def) => !open.includes(def.name)).map((def) => params[def.name] ?? null);
  return JSON.stringify(values);
}
