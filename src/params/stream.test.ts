import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Params } from '../routing/types.ts';
import { generateRouteParams } from './walk.ts';
import { collect, page, pathnames, rejection, testApp } from './test-app.ts';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('streaming with bounded memory: a gSP result is read lazily, item by item', () => {
  it('a 100,000-item async generator is pulled lazily: the producer is never ahead of the consumer by more than one', async () => {
    const N = 100_000;
    let produced = 0;
    let consumed = 0;
    let maxAhead = 0;
    const app = testApp({
      'app/n/[id]/page.tsx': page({
        async *generateStaticParams() {
          for (let i = 0; i < N; i++) {
            produced++;
            maxAhead = Math.max(maxAhead, produced - consumed);
            yield { id: String(i) };
          }
        },
      }),
    });
    const concurrency = 4;
    let last = '';
    for await (const entry of generateRouteParams(app.route('/n/[id]'), { load: app.load, concurrency })) {
      consumed++;
      last = entry.pathname;
      if (consumed % 10_000 === 0) await tick();
    }
    expect(consumed).toBe(N);
    expect(last).toBe(`/n/${N - 1}`);
    expect(maxAhead).toBe(1);
    expect(maxAhead).toBeLessThanOrEqual(concurrency);
  });

  it('per-parent calls run ahead only within concurrency × highWaterMark items, and concurrently', async () => {
    const parents = 8;
    const perParent = 500;
    const concurrency = 3;
    const highWaterMark = 4;
    let produced = 0;
    let consumed = 0;
    let maxAhead = 0;
    let open = 0;
    let maxOpen = 0;
    const app = testApp({
      'app/[p]/layout.tsx': { generateStaticParams: () => Array.from({ length: parents }, (_, i) => ({ p: `p${i}` })) },
      'app/[p]/[c]/page.tsx': page({
        async *generateStaticParams({ params }: { params: Params }) {
          open++;
          maxOpen = Math.max(maxOpen, open);
          try {
            for (let i = 0; i < perParent; i++) {
              await Promise.resolve();
              produced++;
              maxAhead = Math.max(maxAhead, produced - consumed);
              yield { c: `${String(params.p)}-${i}` };
            }
          } finally {
            open--;
          }
        },
      }),
    });
    const seen: string[] = [];
    for await (const entry of generateRouteParams(app.route('/[p]/[c]'), { load: app.load, concurrency, highWaterMark })) {
      consumed++;
      seen.push(entry.pathname);
      // A slow consumer: give producers every chance to run ahead.
      if (consumed % 7 === 0) await tick();
    }
    expect(consumed).toBe(parents * perParent);
    // Exactly the sequential order, whatever ran early.
    expect(seen.slice(0, 2)).toEqual(['/p0/p0-0', '/p0/p0-1']);
    expect(seen[perParent]).toBe('/p1/p1-0');
    expect(seen.at(-1)).toBe(`/p${parents - 1}/p${parents - 1}-${perParent - 1}`);
    expect(maxOpen).toBeGreaterThan(1);
    expect(maxOpen).toBeLessThanOrEqual(concurrency);
    expect(maxAhead).toBeGreaterThan(1);
    expect(maxAhead).toBeLessThanOrEqual(concurrency * highWaterMark + 1);
    expect(open).toBe(0);
  });

  it('concurrency 1 never runs two calls at once', async () => {
    let open = 0;
    let maxOpen = 0;
    const app = testApp({
      'app/[p]/layout.tsx': { generateStaticParams: () => [{ p: '1' }, { p: '2' }, { p: '3' }] },
      'app/[p]/[c]/page.tsx': page({
        async generateStaticParams() {
          open++;
          maxOpen = Math.max(maxOpen, open);
          await tick();
          open--;
          return [{ c: 'x' }];
        },
      }),
    });
    expect(await pathnames(generateRouteParams(app.route('/[p]/[c]'), { load: app.load, concurrency: 1 }))).toEqual(['/1/x', '/2/x', '/3/x']);
    expect(maxOpen).toBe(1);
  });
});

describe('stopping early', () => {
  function infinite(log: string[], name: string) {
    return async function* ({ params }: { params: Params }) {
      try {
        for (let i = 0; ; i++) {
          await Promise.resolve();
          yield { c: `${String(params.p ?? name)}-${i}` };
        }
      } finally {
        log.push(`closed ${String(params.p ?? name)}`);
      }
    };
  }

  it('break calls return() on the generators, including calls started ahead', async () => {
    const log: string[] = [];
    const layout = {
      *generateStaticParams() {
        try {
          yield { p: 'a' };
          yield { p: 'b' };
          yield { p: 'c' };
        } finally {
          log.push('closed layout');
        }
      },
    };
    const app = testApp({
      'app/[p]/layout.tsx': layout,
      'app/[p]/[c]/page.tsx': page({ generateStaticParams: infinite(log, 'page') }),
    });
    const got: string[] = [];
    for await (const entry of generateRouteParams(app.route('/[p]/[c]'), { load: app.load, concurrency: 3 })) {
      got.push(entry.pathname);
      await tick();
      if (got.length === 5) break;
    }
    expect(got).toEqual(['/a/a-0', '/a/a-1', '/a/a-2', '/a/a-3', '/a/a-4']);
    // Calls for b and c were started ahead (concurrency 3); all three and the layout are closed.
    await tick();
    expect(log.sort()).toEqual(['closed a', 'closed b', 'closed c', 'closed layout']);
  });

  it('a sync generator is closed too', async () => {
    const log: string[] = [];
    const app = testApp({
      'app/[c]/page.tsx': page({
        *generateStaticParams() {
          try {
            for (let i = 0; ; i++) yield { c: String(i) };
          } finally {
            log.push('closed');
          }
        },
      }),
    });
    for await (const entry of generateRouteParams(app.route('/[c]'), { load: app.load })) if (entry.pathname === '/2') break;
    expect(log).toEqual(['closed']);
  });

  it('aborting the signal rejects with its reason and closes the generators', async () => {
    const log: string[] = [];
    const app = testApp({ 'app/[c]/page.tsx': page({ generateStaticParams: infinite(log, 'page') }) });
    const controller = new AbortController();
    const reason = new Error('stop the build');
    let count = 0;
    const error = await rejection(
      (async () => {
        for await (const _ of generateRouteParams(app.route('/[c]'), { load: app.load, signal: controller.signal })) {
          if (++count === 3) controller.abort(reason);
        }
      })(),
    );
    expect(error).toBe(reason);
    expect(count).toBe(3);
    await tick();
    expect(log).toEqual(['closed page']);
  });

  it('a signal aborted before the start stops at once', async () => {
    const app = testApp({ 'app/[c]/page.tsx': page({ generateStaticParams: () => [{ c: '1' }] }) });
    const reason = new Error('early');
    const error = await rejection(collect(generateRouteParams(app.route('/[c]'), { load: app.load, signal: AbortSignal.abort(reason) })));
    expect(error).toBe(reason);
  });

  it('aborting while a call is pending rejects without waiting for it', async () => {
    const app = testApp({ 'app/[c]/page.tsx': page({ generateStaticParams: () => new Promise(() => {}) }) });
    const controller = new AbortController();
    const pending = rejection(collect(generateRouteParams(app.route('/[c]'), { load: app.load, signal: controller.signal })));
    await tick();
    controller.abort(new Error('cancelled'));
    expect((await pending).message).toBe('cancelled');
  });
});

describe('timeouts', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a call that never returns fails with file, route, parent params and the limit', async () => {
    vi.useFakeTimers();
    const app = testApp({
      'app/[a]/layout.tsx': { generateStaticParams: () => [{ a: 'x' }] },
      'app/[a]/[b]/page.tsx': page({ generateStaticParams: () => new Promise(() => {}) }),
    });
    const pending = rejection(collect(generateRouteParams(app.route('/[a]/[b]'), { load: app.load, timeoutMs: 5_000 })));
    await vi.advanceTimersByTimeAsync(4_999);
    let settled = false;
    void pending.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await pending).toMatchObject({
      code: 'PARAMS_GSP_TIMEOUT',
      message:
        'app/[a]/[b]/page.tsx: generateStaticParams for route /[a]/[b], called with { params: { a: "x" } }, did not ' +
        'return within 5000 ms. Hint: Make it faster (e.g. fetch in parallel), or raise the params timeout (timeoutMs).',
    });
  });

  it('an async generator that stalls fails naming the item it did not produce', async () => {
    vi.useFakeTimers();
    const app = testApp({
      'app/[c]/page.tsx': page({
        async *generateStaticParams() {
          yield { c: '1' };
          await new Promise(() => {});
        },
      }),
    });
    const seen: string[] = [];
    const pending = rejection(
      (async () => {
        for await (const e of generateRouteParams(app.route('/[c]'), { load: app.load, timeoutMs: 100 })) seen.push(e.pathname);
      })(),
    );
    await vi.advanceTimersByTimeAsync(100);
    expect((await pending).message).toBe(
      'app/[c]/page.tsx: generateStaticParams for route /[c], called with { params: {} }, did not produce item 1 ' +
        'within 100 ms. Hint: Make it faster (e.g. fetch in parallel), or raise the params timeout (timeoutMs).',
    );
    expect(seen).toEqual(['/1']);
  });
});

describe('errors under concurrency', () => {
  it('surface in sequential order: the pages before a failing parent set come first, then its error', async () => {
    const app = testApp({
      'app/[p]/layout.tsx': { generateStaticParams: () => [{ p: 'a' }, { p: 'b' }, { p: 'c' }] },
      'app/[p]/[c]/page.tsx': page({
        async generateStaticParams({ params }: { params: Params }) {
          // a is slow, b and c fail at once: b's error is the one reported, after a's pages.
          if (params.p === 'a') for (let i = 0; i < 5; i++) await tick();
          if (params.p !== 'a') throw new Error(`failed ${String(params.p)}`);
          return [{ c: '1' }, { c: '2' }];
        },
      }),
    });
    const seen: string[] = [];
    const error = await rejection(
      (async () => {
        for await (const e of generateRouteParams(app.route('/[p]/[c]'), { load: app.load, concurrency: 3 })) seen.push(e.pathname);
      })(),
    );
    expect(seen).toEqual(['/a/1', '/a/2']);
    expect((error.cause as Error).message).toBe('failed b');
  });
});
