import { describe, expect, test } from 'vitest';
import { forEachBounded } from './bounded.ts';

/** A controllable async task: resolves or rejects when the test says so. */
function deferred() {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('forEachBounded', () => {
  test('never has more than `limit` tasks in flight and pulls only when a slot frees', async () => {
    const pulled: number[] = [];
    async function* source() {
      for (let i = 0; i < 6; i++) {
        pulled.push(i);
        yield i;
      }
    }
    const tasks = new Map<number, ReturnType<typeof deferred>>();
    let inFlight = 0;
    let maxInFlight = 0;
    const run = forEachBounded(source(), 2, async (i) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const d = deferred();
      tasks.set(i, d);
      await d.promise;
      inFlight--;
    });
    await tick();
    expect(pulled).toEqual([0, 1]);
    tasks.get(1)!.resolve();
    await tick();
    expect(pulled).toEqual([0, 1, 2]);
    for (const i of [0, 2, 3, 4, 5]) {
      while (!tasks.has(i)) await tick();
      tasks.get(i)!.resolve();
    }
    await run;
    expect(maxInFlight).toBe(2);
    expect(pulled).toEqual([0, 1, 2, 3, 4, 5]);
  });

  test('a failure stops the feed, waits for tasks in flight, closes the source and rethrows', async () => {
    let closed = false;
    const pulled: number[] = [];
    async function* source() {
      try {
        for (let i = 0; i < 100; i++) {
          pulled.push(i);
          yield i;
        }
      } finally {
        closed = true;
      }
    }
    const slow = deferred();
    let slowDone = false;
    const run = forEachBounded(source(), 2, async (i) => {
      if (i === 0) {
        await slow.promise;
        slowDone = true;
      }
      if (i === 1) throw new Error('render failed');
    });
    await tick();
    slow.resolve();
    await expect(run).rejects.toThrow('render failed');
    expect(slowDone).toBe(true);
    expect(closed).toBe(true);
    expect(pulled.length).toBeLessThanOrEqual(3);
  });

  test('an error from the source is rethrown after tasks in flight finish', async () => {
    async function* source() {
      yield 1;
      throw new Error('gSP failed');
    }
    const seen: number[] = [];
    await expect(forEachBounded(source(), 4, async (i) => void seen.push(i))).rejects.toThrow('gSP failed');
    expect(seen).toEqual([1]);
  });
});
