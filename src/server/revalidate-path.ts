/**
 * The server's side of `revalidatePath` (src/next/cache.ts) and `revalidateTag`
 * (src/next/revalidate-tag.ts). The app's code runs from its own
 * bundle, so the two meet through one function on `globalThis`. A route handler's calls are
 * attributed to the server answering it (an AsyncLocalStorage scope), and the response waits
 * until the marks are stored, so the client's next request already sees them. A call outside
 * any request (a timer in app code) reaches every server in this process.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { RevalidateType } from './marks.ts';

export type Revalidate = (path: string, type: RevalidateType | undefined) => Promise<void>;
export type RevalidateTag = (tag: string) => Promise<void>;

const HOOK = Symbol.for('kiln.revalidatePath');
const TAG_HOOK = Symbol.for('kiln.revalidateTag');

interface Scope {
  revalidate: Revalidate;
  revalidateTag: RevalidateTag | undefined;
  pending: Array<Promise<void>>;
}

const scope = new AsyncLocalStorage<Scope>();
/** Each server's `revalidatePath`, with its `revalidateTag` when it has one. */
const servers = new Map<Revalidate, RevalidateTag | undefined>();
let onError: (error: unknown) => void = (error) => console.error(error);

function hook(path: string, type: RevalidateType | undefined): void {
  const current = scope.getStore();
  if (current) {
    current.pending.push(current.revalidate(path, type));
    return;
  }
  for (const revalidate of servers.keys()) revalidate(path, type).catch(onError);
}

function tagHook(tag: string): void {
  const current = scope.getStore();
  if (current) {
    if (current.revalidateTag) current.pending.push(current.revalidateTag(tag));
    return;
  }
  for (const revalidateTag of servers.values()) revalidateTag?.(tag).catch(onError);
}

/** Makes `revalidate` (and `revalidateTag`) reachable from app code; returns a function that removes them. */
export function registerRevalidator(
  revalidate: Revalidate,
  reportError?: (error: unknown) => void,
  revalidateTag?: RevalidateTag,
): () => void {
  if (reportError) onError = reportError;
  servers.set(revalidate, revalidateTag);
  const g = globalThis as Record<symbol, unknown>;
  g[HOOK] = hook;
  g[TAG_HOOK] = tagHook;
  return () => {
    servers.delete(revalidate);
    if (servers.size === 0) {
      delete g[HOOK];
      delete g[TAG_HOOK];
    }
  };
}

/**
 * Runs app code (a route handler) so its `revalidatePath` calls go to `revalidate`, and its
 * `revalidateTag` calls to the one registered with it, stored before this resolves.
 */
export async function withRevalidation<T>(revalidate: Revalidate, run: () => Promise<T>): Promise<T> {
  const current: Scope = { revalidate, revalidateTag: servers.get(revalidate), pending: [] };
  try {
    return await scope.run(current, run);
  } finally {
    for (const outcome of await Promise.allSettled(current.pending)) {
      if (outcome.status === 'rejected') onError(outcome.reason);
    }
  }
}
