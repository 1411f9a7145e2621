/** Expiring locks inside one process, for handlers whose store has no locks of its own. */
import type { CacheLock } from './cache-handler.ts';

export interface LocalLocks {
  /** The lock, or null while an unexpired one is held. */
  acquire(key: string, ttlMs: number): CacheLock | null;
}

export function createLocalLocks(now: () => number = Date.now): LocalLocks {
  const held = new Map<string, { token: object; expires: number }>();
  return {
    acquire(key, ttlMs) {
      const current = held.get(key);
      if (current !== undefined && current.expires > now()) return null;
      const token = {};
      held.set(key, { token, expires: now() + ttlMs });
      return {
        async release() {
          // An expired lock may have been taken over since: only its own holder removes it.
          if (held.get(key)?.token === token) held.delete(key);
        },
      };
    },
  };
}
