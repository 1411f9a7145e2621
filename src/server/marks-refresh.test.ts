import { describe, expect, test } from 'vitest';
import { marksRefresher } from './marks-refresh.ts';

function setup() {
  let clock = 0;
  let loaded = false;
  let loads = 0;
  let release: (() => void) | null = null;
  let fail = false;
  const refresh = marksRefresher({
    load: () => {
      loads++;
      return new Promise<void>((resolve, reject) => {
        release = () => (fail ? reject(new Error('store down')) : ((loaded = true), resolve()));
      });
    },
    loaded: () => loaded,
    refreshMs: 1000,
    now: () => clock,
  });
  return {
    refresh,
    /** The first load, done. */
    async loadOnce() {
      const first = refresh();
      release?.();
      await first;
    },
    loads: () => loads,
    release: () => release?.(),
    tick: (ms: number) => (clock += ms),
    drop: () => (loaded = false),
    failNext: () => (fail = true),
  };
}

const settled = async (p: Promise<unknown>) => {
  let done = false;
  void p.then(() => (done = true), () => (done = true));
  await new Promise((r) => setImmediate(r));
  return done;
};

describe('marksRefresher', () => {
  test('the first calls wait for one shared load', async () => {
    const s = setup();
    const a = s.refresh();
    const b = s.refresh();
    expect(s.loads()).toBe(1);
    expect(await settled(a)).toBe(false);
    s.release();
    await Promise.all([a, b]);
    expect(s.loads()).toBe(1);
  });

  test('afterwards, a reload starts at most every refreshMs, in the background', async () => {
    const s = setup();
    await s.loadOnce();
    s.tick(999);
    await s.refresh();
    expect(s.loads()).toBe(1);
    s.tick(1);
    // Answers at once although the reload has not finished.
    expect(await settled(s.refresh())).toBe(true);
    expect(s.loads()).toBe(2);
    await s.refresh();
    expect(s.loads()).toBe(2);
  });

  test('a failed background reload is swallowed; a failed first load is not', async () => {
    const s = setup();
    await s.loadOnce();
    s.failNext();
    s.tick(1000);
    await s.refresh();
    s.release();
    await new Promise((r) => setImmediate(r));
    s.drop();
    const again = s.refresh();
    s.release();
    await expect(again).rejects.toThrow('store down');
  });

  test('when the handler drops its copy, the next call waits for a load again', async () => {
    const s = setup();
    await s.loadOnce();
    s.drop();
    const next = s.refresh();
    expect(await settled(next)).toBe(false);
    s.release();
    await next;
    expect(s.loads()).toBe(2);
  });
});
