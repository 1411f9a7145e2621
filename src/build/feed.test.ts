import { describe, expect, test } from 'vitest';
import { startFeed } from './feed.ts';

const tick = () => new Promise((r) => setImmediate(r));

/** Lanes that record what they were sent and finish items when the test says so. */
function lanes(count: number) {
  const batches: number[][][] = Array.from({ length: count }, () => []);
  const held: number[][] = Array.from({ length: count }, () => []);
  return {
    batches,
    held,
    send: (lane: number, batch: number[]) => {
      batches[lane].push(batch);
      held[lane].push(...batch);
    },
  };
}

describe('startFeed', () => {
  test('the producer is never more than the window ahead of the lanes', async () => {
    let pulled = 0;
    let maxAhead = 0;
    let completed = 0;
    function* source() {
      for (let i = 0; i < 100; i++) {
        pulled++;
        maxAhead = Math.max(maxAhead, pulled - completed);
        yield i;
      }
    }
    const l = lanes(2);
    const feed = startFeed(source(), { lanes: 2, send: l.send, window: 6, batchSize: 3 });
    await tick();
    // Two lanes × window 6: twelve items pulled, none more, until something completes.
    expect(pulled).toBe(12);
    expect(feed.outstanding).toBe(12);
    expect(l.held.map((h) => h.length)).toEqual([6, 6]);
    // Idle lanes got their first items at once, then whole batches.
    expect(l.batches[0].map((b) => b.length)).toEqual([1, 1, 1, 3]);

    // Finish everything lane 0 holds, one item at a time, then drain both lanes to the end.
    while (pulled < 100 || l.held.some((h) => h.length > 0)) {
      for (let lane = 0; lane < 2; lane++) {
        const n = l.held[lane].splice(0, 1).length;
        if (n > 0) {
          completed += n;
          feed.complete(lane, n);
        }
      }
      await tick();
    }
    await feed.done;
    expect(maxAhead).toBe(12);
    expect(l.batches.flat(2).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  test('a failure stops producing, closes the source and rejects done', async () => {
    let pulled = 0;
    let closed = false;
    async function* source() {
      try {
        for (let i = 0; i < 1000; i++) {
          pulled++;
          yield i;
        }
      } finally {
        closed = true;
      }
    }
    const l = lanes(1);
    const feed = startFeed(source(), { lanes: 1, send: l.send, window: 4, batchSize: 2 });
    await tick();
    expect(pulled).toBe(4);
    feed.fail(new Error('page /a failed'));
    await expect(feed.done).rejects.toThrow('page /a failed');
    // Completions after the failure send nothing more and pull nothing more.
    const sentBefore = l.batches[0].flat().length;
    feed.complete(0, 4);
    await tick();
    expect(pulled).toBe(4);
    expect(l.batches[0].flat().length).toBe(sentBefore);
    expect(closed).toBe(true);
  });

  test('an error from the producer rejects done and sends nothing after it', async () => {
    async function* source() {
      yield 1;
      throw new Error('gSP failed');
    }
    const l = lanes(1);
    const feed = startFeed(source(), { lanes: 1, send: l.send, window: 4, batchSize: 4 });
    await expect(feed.done).rejects.toThrow('gSP failed');
    expect(l.batches).toEqual([[[1]]]);
  });

  test('an empty source is done at once', async () => {
    const l = lanes(3);
    await startFeed([], { lanes: 3, send: l.send, window: 4, batchSize: 2 }).done;
    expect(l.batches).toEqual([[], [], []]);
  });

  test('items wait for a busy lane until its batch fills or it runs low', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    async function* source() {
      yield* [1, 2, 3, 4, 5, 6, 7];
      await gate;
    }
    const l = lanes(1);
    const feed = startFeed(source(), { lanes: 1, send: l.send, window: 8, batchSize: 3 });
    await tick();
    // 1, 2, 3 go one by one while the lane holds less than a batch; then 4–6 as a batch; 7 waits.
    expect(l.batches[0]).toEqual([[1], [2], [3], [4, 5, 6]]);
    feed.complete(0, 4);
    await tick();
    expect(l.batches[0]).toEqual([[1], [2], [3], [4, 5, 6], [7]]);
    feed.complete(0, 3);
    release();
    await feed.done;
    expect(feed.outstanding).toBe(0);
  });
});
