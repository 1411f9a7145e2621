/** `Cache-Control` and `x-kiln-cache` values of pages served through the page cache. */
import { CACHE_PAGE } from './replies.ts';

/** Rendered per request: nothing may keep it. */
export const CACHE_NONE = 'no-store';

/** Where the answer came from: fresh from the cache, stale while a regeneration runs, or rendered for it. */
export type CacheStatus = 'HIT' | 'STALE' | 'MISS';

export const CACHE_STATUS_HEADER = 'x-kiln-cache';

/**
 * ISR pages may be kept by shared caches (CDNs) for `revalidate` seconds and then served stale
 * while they ask again, as the server itself does. Pages that never expire by time keep the
 * server's page policy: revalidatePath and the next deploy can still change them.
 */
export function pageCacheControl(revalidate: number | false): string {
  if (revalidate === false) return CACHE_PAGE;
  return `s-maxage=${Math.max(1, Math.ceil(revalidate))}, stale-while-revalidate`;
}
