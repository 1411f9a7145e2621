/**
 * At most `limit` requests in flight per origin, build-wide: every fetch of a build goes through
 * the main thread, so one counter per origin is the global limit. Waiters are served in order.
 */
export interface OriginLimit {
  run<T>(url: string, task: () => Promise<T>): Promise<T>;
}

export function createOriginLimit(limit: number): OriginLimit {
  if (!(limit >= 1)) throw new RangeError(`fetchConcurrency must be at least 1 (got ${limit})`);
  const origins = new Map<string, { active: number; queue: Array<() => void> }>();
  const acquire = async (origin: string): Promise<void> => {
    let state = origins.get(origin);
    if (!state) {
      state = { active: 0, queue: [] };
      origins.set(origin, state);
    }
    if (state.active < limit) {
      state.active++;
      return;
    }
    // The releasing request hands its slot straight to the first waiter.
    await new Promise<void>((resolve) => state.queue.push(resolve));
  };
  const release = (origin: string): void => {
    const state = origins.get(origin)!;
    const next = state.queue.shift();
    if (next) next();
    else if (--state.active === 0) origins.delete(origin);
  };
  return {
    async run(url, task) {
      const origin = originOf(url);
      await acquire(origin);
      try {
        return await task();
      } finally {
        release(origin);
      }
    },
  };
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
