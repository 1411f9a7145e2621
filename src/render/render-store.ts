/**
 * Per-render state, the fetch memo: the GET fetches of one render of one path, shared by
 * generateMetadata, layouts, the page and nested server components. Lives in AsyncLocalStorage
 * so concurrent renders in one process never see each other's data.
 *
 * React `cache()` needs nothing from here: plugin-rsc gives React's Flight server an
 * AsyncLocalStorage, which scopes `cache()` to one Flight render, and metadata is resolved inside
 * that render.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { DynamicMode } from '../params/types.ts';

export interface RenderStore {
  /** Memo key → the first response; every caller gets its own clone. */
  fetches: Map<string, Promise<Response>>;
  /**
   * Set during a build prerender only: the URL of the first fetch made with `cache: 'no-store'`
   * (or `next: { revalidate: 0 }`). Such a page cannot be a snapshot, so the build renders its
   * route per request instead of prerendering it.
   */
  dynamicFetch?: string;
  /**
   * The request this render answers (`kiln dev`, per-request pages of `kiln start`), read by
   * `headers()` and `cookies()`; absent while prerendering or filling the page cache.
   */
  request?: Request;
  /** The route's `export const dynamic`, which decides what `headers()` and `cookies()` may do. */
  dynamic?: DynamicMode;
  /**
   * The first request API this render called without a request to read (`cookies()`, …). In a
   * build the page is then rendered per request, as for `dynamicFetch`.
   */
  dynamicApi?: string;
  /**
   * Cache tags of the data this render used (`unstable_cache` tags, `fetch`'s `next.tags`):
   * `revalidateTag` marks the stored page stale through them.
   */
  tags: Set<string>;
  /**
   * The smallest `next: { revalidate: N }` (N > 0 seconds) among this render's fetches: the build
   * lowers the route's `revalidate` to it, as Next.js lets a fetch shorten its page's lifetime.
   */
  fetchRevalidate?: number;
}

// Held on globalThis so a reloaded or duplicated copy of this module (dev HMR, two bundles in one
// process) shares one storage and one fetch patch instead of stacking wrappers.
const STORAGE = Symbol.for('kiln.renderStorage');
const PATCHED = Symbol.for('kiln.fetchMemo');
// The build's data cache (each GET fetched once per build) and the fetch beneath every Kiln wrapper, shared the same way
// between the built bundle's copy of this module and the build's own.
const BUILD_FETCH = Symbol.for('kiln.buildFetch');
const NETWORK_FETCH = Symbol.for('kiln.networkFetch');
type Fetch = typeof globalThis.fetch;
type Globals = typeof globalThis & {
  [STORAGE]?: AsyncLocalStorage<RenderStore>;
  [PATCHED]?: true;
  [BUILD_FETCH]?: Fetch;
  [NETWORK_FETCH]?: Fetch;
};
const g = globalThis as Globals;
const storage = (g[STORAGE] ??= new AsyncLocalStorage<RenderStore>());

export function createRenderStore(): RenderStore {
  return { fetches: new Map(), tags: new Set() };
}

export function runWithStore<T>(store: RenderStore, fn: () => T): T {
  return storage.run(store, fn);
}

export function currentStore(): RenderStore | undefined {
  return storage.getStore();
}

/**
 * The memo key of a fetch, or null when it must not be shared: not GET/HEAD, `cache: 'no-store'`,
 * or an abort signal (one caller aborting must not abort another's request).
 */
export function fetchMemoKey(input: RequestInfo | URL, init?: RequestInit & { next?: unknown }): string | null {
  if (init?.signal) return null;
  let request: Request;
  try {
    request = new Request(input, init);
  } catch {
    return null; // let the real fetch report the bad input
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') return null;
  if (request.cache === 'no-store' || init?.cache === 'no-store') return null;
  const headers = [...request.headers].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([
    request.method,
    request.url,
    headers,
    request.mode,
    request.credentials,
    request.cache,
    request.redirect,
    request.integrity,
    init?.next ?? null,
  ]);
}

/**
 * While `kiln build` runs, every fetch beneath the per-render memo (and outside renders, e.g. in
 * generateStaticParams) goes through `fetch`, the build-wide data cache; `undefined` removes it.
 * Never set at run time, so revalidation always fetches fresh data.
 */
export function setBuildFetch(fetch: Fetch | undefined): void {
  g[BUILD_FETCH] = fetch;
}

/** True while `kiln build` prerenders in this thread (the build's data cache is installed). */
export function isBuilding(): boolean {
  return g[BUILD_FETCH] !== undefined;
}

/** The fetch that reaches the network, beneath the memo and the build cache. */
export function networkFetch(): Fetch {
  return g[NETWORK_FETCH] ?? globalThis.fetch;
}

/** Wraps `globalThis.fetch` once; outside a render it behaves exactly like the original. */
export function installFetchMemo(): void {
  if (g[PATCHED]) return;
  g[PATCHED] = true;
  const original = globalThis.fetch;
  g[NETWORK_FETCH] = original;
  globalThis.fetch = function memoFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const base = g[BUILD_FETCH] ?? original;
    const store = storage.getStore();
    if (store && g[BUILD_FETCH] && store.dynamicFetch === undefined) {
      const url = noStoreUrl(input, init as RequestInit & { next?: { revalidate?: unknown } });
      if (url !== null) store.dynamicFetch = url;
    }
    if (store) {
      for (const tag of fetchTags(init as RequestInit & { next?: unknown })) store.tags.add(tag);
      const seconds = fetchRevalidate(init as RequestInit & { next?: unknown });
      if (seconds !== undefined && !(store.fetchRevalidate !== undefined && store.fetchRevalidate <= seconds)) store.fetchRevalidate = seconds;
    }
    const key = store ? fetchMemoKey(input, init) : null;
    if (!store || key === null) return base(input, init);
    let first = store.fetches.get(key);
    if (!first) {
      first = base(input, init);
      store.fetches.set(key, first);
    }
    return first.then((response) => response.clone());
  };
}

/** The URL of a fetch that asks never to be cached (`cache: 'no-store'`, `next.revalidate: 0`), else null. */
export function noStoreUrl(input: RequestInfo | URL, init?: RequestInit & { next?: { revalidate?: unknown } }): string | null {
  const fromRequest = input instanceof Request ? input : null;
  const noStore = init?.cache === 'no-store' || (init?.cache === undefined && fromRequest?.cache === 'no-store') || init?.next?.revalidate === 0;
  if (!noStore) return null;
  return fromRequest ? fromRequest.url : String(input);
}

/** `fetch(url, { next: { revalidate: N } })`'s N when it is a lifetime (a number above 0), else undefined. */
export function fetchRevalidate(init?: RequestInit & { next?: unknown }): number | undefined {
  const seconds = (init?.next as { revalidate?: unknown } | undefined)?.revalidate;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}

/** The tags of `fetch(url, { next: { tags } })`; strings only, as Next.js keeps them. */
export function fetchTags(init?: RequestInit & { next?: unknown }): string[] {
  const tags = (init?.next as { tags?: unknown } | undefined)?.tags;
  return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string' && t !== '') : [];
}
