/**
 * Collapses concurrent calls for one key into one: while a call for a key runs, later callers
 * get its promise instead of starting another. Once it settles the key is free again, so a
 * failure is not remembered.
 */
export interface SingleFlight<T> {
  run(key: string, work: () => Promise<T>): Promise<T>;
  /** True while a call for the key runs. */
  has(key: string): boolean;
  readonly size: number;
}

export function createSingleFlight<T>(): SingleFlight<T> {
  const running = new Map<string, Promise<T>>();
  return {
    run(key, work) {
      const current = running.get(key);
      if (current !== undefined) return current;
      let promise: Promise<T>;
      try {
        promise = work();
      } catch (error) {
        promise = Promise.reject(error);
      }
      const tracked = promise.finally(() => {
        if (running.get(key) === tracked) running.delete(key);
      });
      running.set(key, tracked);
      return tracked;
    },
    has: (key) => running.has(key),
    get size() {
      return running.size;
    },
  };
}
