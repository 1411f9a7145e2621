/**
 * The server's side of `revalidatePath` (src/next/cache.ts). The app's code runs from its own
 * bundle, so the two meet through one function on `globalThis`. A route handler's calls are
 * attributed to the server answering it (an AsyncLocalStorage scope), and the response waits
 * until the marks are stored, so the client's next request already sees them. A call outside
 * any request (a timer in app code) reaches every server in this process.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { RevalidateType } from './marks.ts';

export type Revalidate = (path: string, type: RevalidateType | undefined) => Promise<void>;

const HOOK = Symbol.for('kiln.revalidatePath');

interface Scope {
  revalidate: Revalidate;
  pending: Array<Promise<void>>;
}

const scope = new AsyncLocalStorage<Scope>();
const servers = new Set<Revalidate>();
let onError: (error: unknown) => void = (error) => console.error(error);

function hook(path: string, type: RevalidateType | undefined): void {
  const current = scope.getStore();
  if (current) {
    current.pending.push(current.revalidate(path, type));
    return;
  }
  for (const revalidate of servers) revalidate(path, type).catch(onError);
}

/** Makes `revalidate` reachable from app code; returns a function that removes it. */
export function registerRevalidator(revalidate: Revalidate, reportError?: (error: unknown) => void): () => void {
  if (reportError) onError = reportError;
  servers.add(revalidate);
  (globalThis as Record<symbol, unknown>)[HOOK] = hook;
  return () => {
    servers.delete(revalidate);
    if (servers.size === 0) delete (globalThis as Record<symbol, unknown>)[HOOK];
  };
}

/** Runs app code (a route handler) so its `revalidatePath` calls go to `revalidate`, stored before this resolves. */
export async function withRevalidation<T>(revalidate: Revalidate, run: () => Promise<T>): Promise<T> {
  const current: Scope = { revalidate, pending: [] };
  try {
    return await scope.run(current, run);
  } finally {
    for (const outcome of await Promise.allSettled(current.pending)) {
      if (outcome.status === 'rejected') onError(outcome.reason);
    }
  }
}
