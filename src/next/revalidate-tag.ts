/**
 * `revalidateTag(tag)` from `next/cache`: drops the `unstable_cache` entries carrying `tag` in this
 * process, and, in `kiln start`, marks stale every cached page whose render read data with that
 * tag (an `unstable_cache` entry, or `fetch(url, { next: { tags } })`); the next request for such
 * a page renders it afresh. Called in a route handler, the marks are stored before the handler's
 * response is sent, as with `revalidatePath`.
 *
 * The app's bundle and the server that owns the page cache meet through a function the server
 * puts on `globalThis` (src/server/revalidate-path.ts).
 */
import { kilnError } from '../errors.ts';
import { invalidateTags } from '../render/data-cache.ts';

const HOOK = Symbol.for('kiln.revalidateTag');

type Hook = (tag: string) => void;

export function revalidateTag(tag: string): void {
  if (typeof tag !== 'string' || tag === '') {
    throw kilnError('NEXT_CACHE_ARGUMENT_INVALID', { call: 'revalidateTag()', name: 'the tag', value: tag, expected: 'a non-empty string', example: "revalidateTag('posts')" });
  }
  invalidateTags([tag]);
  (globalThis as Record<symbol, Hook | undefined>)[HOOK]?.(tag);
}
