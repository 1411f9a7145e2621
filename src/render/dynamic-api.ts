/**
 * What a request API (`headers()`, `cookies()`, `unstable_noStore()`) finds when it is called, and
 * what calling it does to the page, as in Next.js:
 * - in a route handler, or a page rendered for a request (`kiln dev`, a per-request page of
 *   `kiln start`): the request;
 * - under `export const dynamic = 'force-static'`: nothing (empty headers and cookies), and the
 *   page stays prerendered;
 * - under `dynamic = 'error'`: an error naming the API;
 * - while the build prerenders a page: nothing, and the render is marked so the build renders its
 *   route per request instead (λ), as a `cache: 'no-store'` fetch does;
 * - when `kiln start` fills its page cache (ISR, `dynamicParams` pages): nothing. Such a page is
 *   shared by every visitor, so there is no one request to read.
 */
import { kilnError } from '../errors.ts';
import { currentHandlerScope } from './handler-scope.ts';
import { currentStore, isBuilding } from './render-store.ts';

export type RequestSource = { kind: 'handler'; request: Request } | { kind: 'page'; request: Request } | { kind: 'none' };

/** Where `api` (`"cookies()"`) reads from now; throws outside any request or render, and under `dynamic = 'error'`. */
export function requestSource(api: string): RequestSource {
  const handler = currentHandlerScope();
  if (handler) return { kind: 'handler', request: handler.request };
  const store = currentStore();
  if (!store) throw kilnError('REQUEST_API_OUTSIDE_REQUEST', { api });
  if (store.dynamic === 'force-static') return { kind: 'none' };
  if (store.dynamic === 'error') throw kilnError('REQUEST_API_DYNAMIC_ERROR', { api });
  if (store.request) return { kind: 'page', request: store.request };
  if (isBuilding()) store.dynamicApi ??= api;
  return { kind: 'none' };
}

/** `unstable_noStore()`: a prerendered page that calls it is rendered per request instead; nothing else changes. */
export function markDynamic(api: string): void {
  if (currentHandlerScope()) return;
  const store = currentStore();
  if (!store || store.request || store.dynamic === 'force-static') return;
  if (isBuilding()) store.dynamicApi ??= api;
}
