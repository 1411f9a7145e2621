import type { Params, Route } from '../routing/types.ts';

/**
 * `params` as Next.js 13.5/14 and 15/16 both pass it: a Promise (for `await params`) that also
 * carries every key (for `params.slug`). The copy keeps callers from mutating the shared object.
 */
export type ParamsProp<P extends Params = Params> = Promise<P> & P;

export function paramsProp<P extends Params>(params: P): ParamsProp<P> {
  const copy = { ...params };
  return Object.assign(Promise.resolve(copy), copy);
}

/**
 * `paramsProp` for a `"use client"` page or layout, built in the browser (and in the HTML pass)
 * from the plain object the server sent: a Promise cannot cross the Flight boundary with keys on
 * it. The Promise is marked settled the way React marks the thenables it tracks, so `use(params)`
 * reads it in the first render instead of suspending, during hydration too. React's `status` and
 * `value` win over params of those names, which stay readable through `use()` and `await`.
 */
export function settledParamsProp<P extends Params>(params: P): ParamsProp<P> {
  const copy = { ...params };
  const prop = Object.assign(Promise.resolve(copy), copy);
  return Object.assign(prop, { status: 'fulfilled', value: copy });
}

/** The params a layout at `levelIndex` of `route` may see: its own and its ancestors'. */
export function paramsUpTo(route: Route, levelIndex: number, params: Params): Params {
  const visible: Params = {};
  for (const def of route.params) {
    if (def.level <= levelIndex && Object.hasOwn(params, def.name)) visible[def.name] = params[def.name];
  }
  return visible;
}
