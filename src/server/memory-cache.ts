/**
 * A cache handler in this process's memory, least recently used entries out first. It backs the
 * shared handlers while they are unreachable, and serves tests; it survives no restart.
 */
import type { CacheEntry, CacheHandler, CacheLock } from './cache-handler.ts';
import { createLocalLocks } from './local-locks.ts';

export interface MemoryCacheOptions {
  /** Bytes of bodies and payloads kept; default 64 MB. */
  maxBytes?: number;
  now?: () => number;
}

export function createMemoryCache(options: MemoryCacheOptions = {}): CacheHandler {
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const entries = new Map<string, CacheEntry>();
  const marks = new Map<string, number>();
  const locks = createLocalLocks(options.now);
  let bytes = 0;
  const sizeOf = (e: CacheEntry): number => e.body.byteLength + (e.rsc?.byteLength ?? 0);

  return {
    name: 'memory',
    async get(key) {
      const entry = entries.get(key);
      if (entry === undefined) return null;
      entries.delete(key);
      entries.set(key, entry);
      return entry;
    },
    async set(key, entry) {
      const old = entries.get(key);
      if (old !== undefined) {
        entries.delete(key);
        bytes -= sizeOf(old);
      }
      const size = sizeOf(entry);
      if (size > maxBytes) return;
      entries.set(key, entry);
      bytes += size;
      for (const [k, e] of entries) {
        if (bytes <= maxBytes) break;
        entries.delete(k);
        bytes -= sizeOf(e);
      }
    },
    lock(key, ttlMs): Promise<CacheLock | null> {
      return Promise.resolve(locks.acquire(key, ttlMs));
    },
    async mark(name, at) {
      marks.set(name, Math.max(at, marks.get(name) ?? 0));
    },
    async marks() {
      return marks;
    },
    async close() {},
  };
}
