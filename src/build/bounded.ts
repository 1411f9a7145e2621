/**
 * Runs `task` over an (async) iterable with at most `limit` tasks in flight, pulling the next
 * item only when a slot frees: the bounded queue between params and rendering, so memory stays
 * flat however many pages there are. The first failure stops the feed, waits for the tasks in
 * flight and is rethrown.
 */
export async function forEachBounded<T>(
  items: AsyncIterable<T> | Iterable<T>,
  limit: number,
  task: (item: T) => Promise<void>,
  hooks: { onWait?: (ms: number) => void } = {},
): Promise<void> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`concurrency must be a positive integer (got ${limit})`);
  const iterator = Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : toAsync(items[Symbol.iterator]());
  const running = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;

  const start = (item: T): void => {
    const p = task(item).then(
      () => {
        running.delete(p);
      },
      (error: unknown) => {
        running.delete(p);
        failure ??= { error };
      },
    );
    running.add(p);
  };

  try {
    while (!failure) {
      if (running.size >= limit) {
        await Promise.race(running);
        continue;
      }
      const t0 = performance.now();
      const step = await iterator.next();
      hooks.onWait?.(performance.now() - t0);
      if (step.done) break;
      start(step.value);
    }
  } catch (error) {
    failure ??= { error };
  }
  await Promise.all(running);
  if (failure) {
    // Let the producer release what it holds (open gSP calls, timers).
    await iterator.return?.().catch(() => undefined);
    throw failure.error;
  }
}

function toAsync<T>(it: Iterator<T>): AsyncIterator<T> {
  return {
    next: async () => it.next(),
    return: async () => it.return?.() ?? { done: true, value: undefined },
  };
}
