/**
 * Keeps a server answering when its cache store fails (Redis down, a read-only output folder):
 * every operation goes to the primary handler, and on failure to a local fallback. The change is
 * logged once each way, never per request. While the primary is down it is tried again at most
 * once per `retryMs`, so requests do not each wait for it to fail.
 */
import type { CacheHandler, CacheLock } from './cache-handler.ts';

export interface FallbackOptions {
  log: (level: 'warn' | 'info', message: string) => void;
  retryMs?: number;
  now?: () => number;
}

export function withFallback(primary: CacheHandler, fallback: CacheHandler, options: FallbackOptions): CacheHandler {
  const retryMs = options.retryMs ?? 1000;
  const now = options.now ?? Date.now;
  let down = false;
  let retryAt = 0;
  /** The primary's marks as last seen, so an outage does not forget what was invalidated. */
  let knownMarks: ReadonlyMap<string, number> = new Map();
  /** Marks made during an outage, written to the primary once it is back. */
  const pendingMarks = new Map<string, number>();

  function failed(error: unknown): void {
    if (!down) {
      const reason = error instanceof Error ? error.message : String(error);
      options.log(
        'warn',
        `cache ${primary.name} is unreachable (${reason}); this instance renders and caches pages itself until it is back.`,
      );
    }
    down = true;
    retryAt = now() + retryMs;
  }

  async function recovered(): Promise<void> {
    if (!down) return;
    down = false;
    options.log('info', `cache ${primary.name} is reachable again.`);
    const marks = [...pendingMarks];
    pendingMarks.clear();
    for (const [name, at] of marks) await primary.mark(name, at).catch(() => pendingMarks.set(name, at));
  }

  async function attempt<T>(run: (h: CacheHandler) => Promise<T>, local: (h: CacheHandler) => Promise<T>): Promise<T> {
    if (down && now() < retryAt) return local(fallback);
    let result: T;
    try {
      result = await run(primary);
    } catch (error) {
      failed(error);
      return local(fallback);
    }
    await recovered();
    return result;
  }

  const same = <T>(op: (h: CacheHandler) => Promise<T>) => attempt(op, op);

  return {
    name: primary.name,
    get: (key) => same((h) => h.get(key)),
    set: (key, entry) => same((h) => h.set(key, entry)),
    lock: (key, ttlMs) =>
      attempt<CacheLock | null>(
        async (h) => {
          const lock = await h.lock(key, ttlMs);
          // A lost connection only means the lock expires by itself.
          return lock && { release: () => lock.release().catch(() => {}) };
        },
        (h) => h.lock(key, ttlMs),
      ),
    mark: (name, at) =>
      attempt(
        (h) => h.mark(name, at),
        async (h) => {
          pendingMarks.set(name, Math.max(at, pendingMarks.get(name) ?? 0));
          await h.mark(name, at);
        },
      ),
    marks: () =>
      attempt(
        async (h) => {
          knownMarks = await h.marks();
          return knownMarks;
        },
        async (h) => {
          const local = await h.marks();
          if (local.size === 0) return knownMarks;
          const merged = new Map(knownMarks);
          for (const [name, at] of local) merged.set(name, Math.max(at, merged.get(name) ?? 0));
          return merged;
        },
      ),
    async close() {
      await Promise.all([primary.close().catch(() => {}), fallback.close()]);
    },
  };
}
