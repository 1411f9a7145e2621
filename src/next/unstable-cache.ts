/**
 * `unstable_cache(fn, keyParts?, { revalidate?, tags? })` from `next/cache`: `fn` memoized by its
 * arguments (as JSON), across requests in a server process and across a whole `kiln build`. The
 * result must survive JSON, as in Next.js. `revalidate` (seconds) ages an entry out;
 * `revalidateTag` drops the entries with that tag and marks stale the cached pages that read them.
 * See src/render/data-cache.ts for where entries live.
 */
import { cachedJson } from '../render/data-cache.ts';

export interface UnstableCacheOptions {
  revalidate?: number | false;
  tags?: string[];
}

export function unstable_cache<A extends unknown[], R>(
  fn: (...args: A) => R | Promise<R>,
  keyParts?: readonly string[],
  options: UnstableCacheOptions = {},
): (...args: A) => Promise<Awaited<R>> {
  if (typeof fn !== 'function') throw new TypeError(`unstable_cache expects a function, got ${typeof fn}.`);
  const { revalidate = false, tags = [] } = options;
  if (revalidate !== false && !(typeof revalidate === 'number' && revalidate >= 0)) {
    throw new TypeError(`unstable_cache revalidate must be a number of seconds or false, got ${JSON.stringify(revalidate)}.`);
  }
  for (const tag of tags) {
    if (typeof tag !== 'string' || tag === '') throw new TypeError(`unstable_cache tags must be non-empty strings, got ${JSON.stringify(tag)}.`);
  }
  // As in Next.js the function's source is part of the key, so two functions given the same
  // keyParts do not share entries; keyParts tell apart closures over different values.
  const prefix = JSON.stringify([...(keyParts ?? []), fn.toString()]);
  const cacheOptions = { tags: [...tags], revalidate };
  return async (...args: A): Promise<Awaited<R>> => {
    const key = `${prefix}${JSON.stringify(args)}`;
    // revalidate: 0 keeps nothing: every call runs.
    if (revalidate === 0) return (await fn(...args)) as Awaited<R>;
    return (await cachedJson(key, cacheOptions, async () => fn(...args))) as Awaited<R>;
  };
}
