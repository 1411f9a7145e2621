/**
 * `unstable_cache(fn, keyParts?, { revalidate?, tags? })` from `next/cache`: `fn` memoized by its
 * arguments (as JSON), across requests in a server process and across a whole `kiln build`. The
 * result must survive JSON, as in Next.js. `revalidate` (seconds) ages an entry out;
 * `revalidateTag` drops the entries with that tag and marks stale the cached pages that read them.
 * See src/render/data-cache.ts for where entries live.
 */
import { kilnError } from '../errors.ts';
import { cachedJson } from '../render/data-cache.ts';

const EXAMPLE = "unstable_cache(async (id) => getPost(id), ['post'], { revalidate: 60, tags: ['posts'] })";

export interface UnstableCacheOptions {
  revalidate?: number | false;
  tags?: string[];
}

export function unstable_cache<A extends unknown[], R>(
  fn: (...args: A) => R | Promise<R>,
  keyParts?: readonly string[],
  options: UnstableCacheOptions = {},
): (...args: A) => Promise<Awaited<R>> {
  const invalid = (name: string, value: unknown, expected: string) =>
    kilnError('NEXT_CACHE_ARGUMENT_INVALID', { call: 'unstable_cache()', name, value, expected, example: EXAMPLE });
  if (typeof fn !== 'function') throw invalid('the first argument', fn, 'a function');
  const { revalidate = false, tags = [] } = options;
  if (revalidate !== false && !(typeof revalidate === 'number' && revalidate >= 0)) {
    throw invalid('options.revalidate', revalidate, 'a number of seconds >= 0, or false');
  }
  tags.forEach((tag, i) => {
    if (typeof tag !== 'string' || tag === '') throw invalid(`options.tags[${i}]`, tag, 'a non-empty string');
  });
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
