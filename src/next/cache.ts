/**
 * `next/cache` (also `kilnjs/cache`) for Kiln apps.
 *
 * - `revalidatePath(path, type?)` marks a page stale in `kiln start`'s page cache; the next
 *   request for it renders it afresh. `type: 'layout'` marks every page at or below `path`, and a
 *   route pattern such as `/blog/[slug]` marks every page of that route. In `kiln dev` and during
 *   `kiln build` nothing is cached, so it does nothing there.
 * - `unstable_cache`, `revalidateTag` and `unstable_noStore` / `noStore` each have their own
 *   file beside this one.
 *
 * This module is bundled into the app's server build, a different module graph from the server
 * that owns the cache; the two meet through a function the server puts on `globalThis`.
 */

import { kilnError } from '../errors.ts';

const HOOK = Symbol.for('kiln.revalidatePath');
const EXAMPLE = "revalidatePath('/blog/[slug]', 'page')";

type Hook = (path: string, type?: 'page' | 'layout') => void;

export function revalidatePath(path: string, type?: 'page' | 'layout'): void {
  if (typeof path !== 'string' || !path.startsWith('/')) {
    throw kilnError('NEXT_CACHE_ARGUMENT_INVALID', { call: 'revalidatePath()', name: 'the path', value: path, expected: 'a path starting with "/"', example: EXAMPLE });
  }
  if (type !== undefined && type !== 'page' && type !== 'layout') {
    throw kilnError('NEXT_CACHE_ARGUMENT_INVALID', { call: 'revalidatePath()', name: 'the type', value: type, expected: '"page", "layout" or no value', example: EXAMPLE });
  }
  const hook = (globalThis as Record<symbol, Hook | undefined>)[HOOK];
  hook?.(path, type);
}

export { unstable_cache, type UnstableCacheOptions } from './unstable-cache.ts';
export { revalidateTag } from './revalidate-tag.ts';
export { unstable_noStore, noStore } from './no-store.ts';
