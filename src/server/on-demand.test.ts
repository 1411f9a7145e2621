/**
 * The on-demand layer through `createHandler`, over an in-memory build output, a memory cache
 * and a renderer the test controls, on a clock the test moves.
 */
import { describe, expect, it, vi } from 'vitest';
import type { ServerRenderer } from './bundle-renderer.ts';
import type { CacheHandler } from './cache-handler.ts';
import { closeHandler, createHandler, onDemandOf, type Handler } from './handler.ts';
import { createMemoryCache } from './memory-cache.ts';
import { BUILT_AT, memoryOutput } from './test-output.ts';
import { encodeResponseFile } from '../render/response-file.ts';

const encoder = new TextEncoder();

const route = (pattern: string, file: string, kind: string, o: { dynamicParams?: boolean; revalidate?: number | false; type?: string } = {}) => ({
  pattern,
  file,
  type: o.type ?? 'page',
  kind,
  dynamicParams: o.dynamicParams ?? true,
  revalidate: o.revalidate ?? false,
  dynamic: 'auto',
  paths: [],
});

const MANIFEST = {
  version: 1,
  appDir: 'app',
  buildId: 'b1',
  routes: [
    route('/', 'app/page.tsx', 'static'),
    route('/tags/[tag]', 'app/tags/[tag]/page.tsx', 'generated', { dynamicParams: false }),
    route('/blog/[slug]', 'app/blog/[slug]/page.tsx', 'generated'),
    route('/news/[id]', 'app/news/[id]/page.tsx', 'generated', { revalidate: 60 }),
    route('/live', 'app/live/page.tsx', 'dynamic'),
    route('/api/revalidate', 'app/api/revalidate/route.ts', 'dynamic', { type: 'handler' }),
    route('/feeds/[name]', 'app/feeds/[name]/route.ts', 'generated', { type: 'handler', revalidate: 60, dynamicParams: false }),
  ],
};

const FILES: Record<string, string | Uint8Array> = {
  'pages/@index.html': 'HOME built',
  'pages/@index.rsc': 'HOME-RSC built',
  'pages/tags/c%2B%2B.html': 'TAG c++ built',
  'pages/blog/first.html': 'BLOG first built',
  'pages/blog/first.rsc': 'BLOG first rsc built',
  'pages/news/1.html': 'NEWS 1 built',
  'pages/news/1.rsc': 'NEWS 1 rsc built',
  'pages/news/2.html': 'NEWS 2 built',
  'pages/news/3.html': 'NEWS 3 built',
  'pages/feeds/main.response': encodeResponseFile({
    status: 200,
    headers: { 'content-type': 'application/rss+xml' },
    body: encoder.encode('<rss>built</rss>'),
  }),
  'pages/@404.html': 'NOT FOUND PAGE',
};

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** A renderer whose output names the page and a version the test bumps; it can hold or fail renders. */
function fakeRenderer() {
  const renders: string[] = [];
  const state = { version: 1, gate: null as Promise<void> | null, fail: null as string | null, inFlight: 0, peak: 0 };
  const renderer: ServerRenderer = {
    async renderPage(file, params, pathname) {
      renders.push(pathname);
      state.inFlight++;
      state.peak = Math.max(state.peak, state.inFlight);
      try {
        if (state.gate) await state.gate;
        if (state.fail) throw new Error(state.fail);
        const missing = pathname.endsWith('/missing');
        const text = missing ? `NOT FOUND near ${pathname}` : `${file} ${pathname} v${state.version} ${JSON.stringify(params)}`;
        return { status: missing ? 404 : 200, html: encoder.encode(text), rsc: encoder.encode(`rsc ${text}`) };
      } finally {
        state.inFlight--;
      }
    },
    async renderNotFound(file, params, pathname) {
      if (file !== 'app/tags/[tag]/page.tsx') return null;
      renders.push(`not-found ${pathname}`);
      return { status: 404, html: encoder.encode(`TAG NOT FOUND ${JSON.stringify(params)}`), rsc: encoder.encode('') };
    },
    async callHandler(request) {
      const url = new URL(request.url);
      renders.push(`${request.method} ${url.pathname}`);
      if (url.pathname === '/api/revalidate') {
        const { revalidatePath } = await import('../next/cache.ts');
        for (const path of url.searchParams.getAll('path')) revalidatePath(path, (url.searchParams.get('type') ?? undefined) as 'layout' | undefined);
        return new Response('revalidated', { headers: { 'content-type': 'text/plain' } });
      }
      if (state.fail) return new Response('upstream down', { status: 502 });
      return new Response(`<rss>${url.pathname} v${state.version}</rss>`, {
        headers: { 'content-type': 'application/rss+xml', 'set-cookie': 'a=b', 'x-feed': 'yes' },
      });
    },
  };
  return { renderer, renders, state };
}

async function setup(o: { cache?: CacheHandler; maxRegenerations?: number; renderer?: ServerRenderer | null } = {}) {
  const { source, opened } = memoryOutput(FILES, MANIFEST);
  const fake = fakeRenderer();
  const clock = { now: BUILT_AT + 1000 };
  const errors: unknown[] = [];
  const cache = o.cache ?? createMemoryCache();
  const handler = await createHandler({
    outDir: 'dist',
    files: source,
    cache: false,
    onError: (e) => errors.push(e),
    isr: {
      renderer: o.renderer === undefined ? fake.renderer : o.renderer,
      cache: { handler: cache },
      now: () => clock.now,
      maxRegenerations: o.maxRegenerations,
      log: () => {},
    },
  });
  return { handler, clock, errors, opened, cache, ...fake, get: (path: string, init?: RequestInit) => get(handler, path, init) };
}

async function get(handler: Handler, path: string, init?: RequestInit) {
  const response = await handler(new Request(`http://localhost${path}`, init));
  return {
    status: response.status,
    text: await response.text(),
    cache: response.headers.get('x-kiln-cache'),
    cacheControl: response.headers.get('cache-control'),
    type: response.headers.get('content-type'),
    headers: response.headers,
  };
}

const summary = (r: { status: number; text: string; cache: string | null }) => [r.status, r.text, r.cache];

describe('prerendered pages and pages rendered on demand', () => {
  it('serves a prerendered page from its file without rendering', async () => {
    const t = await setup();
    expect(summary(await t.get('/tags/c++'))).toEqual([200, 'TAG c++ built', 'HIT']);
    const home = await t.get('/_kiln/rsc.rsc');
    expect([home.text, home.cacheControl]).toEqual(['HOME-RSC built', 'public, max-age=0, must-revalidate']);
    expect(t.renders).toEqual([]);
  });

  it('renders an unknown param of a dynamicParams route once, then serves it from the cache', async () => {
    const t = await setup();
    const first = await t.get('/blog/new%20post');
    expect(summary(first)).toEqual([200, 'app/blog/[slug]/page.tsx /blog/new%20post v1 {"slug":"new post"}', 'MISS']);
    expect(first.cacheControl).toBe('public, max-age=0, must-revalidate');
    t.state.version = 2;
    expect(summary(await t.get('/blog/new post'))).toEqual([200, first.text, 'HIT']);
    expect((await t.get('/_kiln/rsc/blog/new%20post.rsc')).text).toBe(`rsc ${first.text}`);
    expect(t.renders).toEqual(['/blog/new%20post']);
  });

  it('renders one page once for many concurrent first requests', async () => {
    const cache = createMemoryCache();
    let lookups = 0;
    const t = await setup({ cache: { ...cache, get: (key) => (lookups++, cache.get(key)) } });
    const gate = deferred();
    t.state.gate = gate.promise;
    const pending = Array.from({ length: 50 }, () => t.get('/blog/popular'));
    // The render is held, and every request has found the cache empty (50 lookups, and the
    // render's own under its lock): all of them are first requests.
    await vi.waitFor(() => expect([t.renders, lookups]).toEqual([['/blog/popular'], 50 + 1]));
    gate.resolve();
    const results = await Promise.all(pending);
    expect(new Set(results.map((r) => `${r.status} ${r.cache}`))).toEqual(new Set(['200 MISS']));
    expect(t.renders).toEqual(['/blog/popular']);
  });

  it('answers 404 with the nearest not-found page for an unknown param of a dynamicParams=false route', async () => {
    const t = await setup();
    const miss = await t.get('/tags/unknown');
    expect([miss.status, miss.text, miss.cache, miss.type]).toEqual([404, 'TAG NOT FOUND {"tag":"unknown"}', null, 'text/html; charset=utf-8']);
    const payload = await t.get('/_kiln/rsc/tags/unknown.rsc');
    expect([payload.status, payload.text]).toEqual([404, 'Not Found\n']);
    // The page itself is never rendered for params the route does not have.
    expect(t.renders).toEqual(['not-found /tags/unknown']);
  });

  it('serves the prerendered root not-found page when it is the nearest one', async () => {
    const t = await setup();
    const miss = await t.get('/feeds/unknown');
    expect([miss.status, miss.text]).toEqual([404, 'NOT FOUND PAGE']);
    expect(t.renders).toEqual([]);
  });

  it('answers a render that calls notFound() with its 404 page, and does not keep it', async () => {
    const t = await setup();
    expect(summary(await t.get('/blog/missing'))).toEqual([404, 'NOT FOUND near /blog/missing', 'MISS']);
    await t.get('/blog/missing');
    expect(t.renders).toEqual(['/blog/missing', '/blog/missing']);
  });

  it('renders per-request pages every time, never stored', async () => {
    const t = await setup();
    const a = await t.get('/live');
    t.state.version = 2;
    const b = await t.get('/live');
    expect([a.text, b.text, a.cacheControl, a.cache]).toEqual([
      'app/live/page.tsx /live v1 {}',
      'app/live/page.tsx /live v2 {}',
      'no-store',
      null,
    ]);
  });

  it('answers 500 when a first render fails, and renders again on the next request', async () => {
    const t = await setup();
    t.state.fail = 'database down';
    expect((await t.get('/blog/x')).status).toBe(500);
    expect((t.errors[0] as Error).message).toBe('database down');
    t.state.fail = null;
    expect(summary(await t.get('/blog/x'))).toEqual([200, 'app/blog/[slug]/page.tsx /blog/x v1 {"slug":"x"}', 'MISS']);
  });

  it('without a server bundle, answers 404 for what it cannot render', async () => {
    const t = await setup({ renderer: null });
    expect((await t.get('/blog/new')).status).toBe(404);
    expect((await t.get('/live')).status).toBe(404);
    expect((await t.get('/api/revalidate')).status).toBe(404);
    expect(summary(await t.get('/blog/first'))).toEqual([200, 'BLOG first built', 'HIT']);
  });

  it('answers 405 for methods other than GET and HEAD on pages', async () => {
    const t = await setup();
    const r = await t.get('/blog/first', { method: 'POST', body: 'x' });
    expect([r.status, r.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
  });
});

describe('ISR', () => {
  it('serves the page while fresh, then stale once while one regeneration runs, then the new page', async () => {
    const t = await setup();
    const fresh = await t.get('/news/1');
    expect(summary(fresh)).toEqual([200, 'NEWS 1 built', 'HIT']);
    expect(fresh.cacheControl).toBe('s-maxage=60, stale-while-revalidate');

    t.clock.now = BUILT_AT + 61_000;
    t.state.version = 2;
    expect(summary(await t.get('/news/1'))).toEqual([200, 'NEWS 1 built', 'STALE']);
    await onDemandOf(t.handler)!.idle();
    const next = await t.get('/news/1');
    expect(summary(next)).toEqual([200, 'app/news/[id]/page.tsx /news/1 v2 {"id":"1"}', 'HIT']);
    expect(next.cacheControl).toBe('s-maxage=60, stale-while-revalidate');
    expect((await t.get('/_kiln/rsc/news/1.rsc')).text).toBe(`rsc ${next.text}`);
    expect(t.renders).toEqual(['/news/1']);

    // Its age now counts from the regeneration.
    t.clock.now += 59_000;
    expect((await t.get('/news/1')).cache).toBe('HIT');
    t.clock.now += 2_000;
    expect((await t.get('/news/1')).cache).toBe('STALE');
    await onDemandOf(t.handler)!.idle();
    expect(t.renders).toEqual(['/news/1', '/news/1']);
  });

  it('regenerates a stale page once for 200 concurrent requests', async () => {
    const t = await setup();
    t.clock.now = BUILT_AT + 61_000;
    const gate = deferred();
    t.state.gate = gate.promise;
    const results = await Promise.all(Array.from({ length: 200 }, () => t.get('/news/2')));
    expect(new Set(results.map((r) => `${r.status} ${r.text} ${r.cache}`))).toEqual(new Set(['200 NEWS 2 built STALE']));
    gate.resolve();
    await onDemandOf(t.handler)!.idle();
    expect(t.renders).toEqual(['/news/2']);
  });

  it('keeps serving the last good page when a regeneration throws, and logs the path and error', async () => {
    const t = await setup();
    t.clock.now = BUILT_AT + 61_000;
    t.state.fail = 'CMS timeout';
    expect(summary(await t.get('/news/3'))).toEqual([200, 'NEWS 3 built', 'STALE']);
    await onDemandOf(t.handler)!.idle();
    expect(summary(await t.get('/news/3'))).toEqual([200, 'NEWS 3 built', 'STALE']);
    await onDemandOf(t.handler)!.idle();
    expect(t.errors.map((e) => (e as Error).message)).toEqual([
      `Regenerating /news/3 (route /news/[id], app/news/[id]/page.tsx) failed; still serving the page rendered at ${new Date(BUILT_AT).toISOString()}: CMS timeout. Hint: Fix the error; the next stale request or revalidatePath() tries again. The original error is the cause.`,
    ].concat([expect.stringContaining('Regenerating /news/3') as unknown as string]));
    t.state.fail = null;
    await t.get('/news/3');
    await onDemandOf(t.handler)!.idle();
    expect(summary(await t.get('/news/3'))).toEqual([200, 'app/news/[id]/page.tsx /news/3 v1 {"id":"3"}', 'HIT']);
  });

  it('caps regenerations in flight', async () => {
    const t = await setup({ maxRegenerations: 2 });
    t.clock.now = BUILT_AT + 61_000;
    const gate = deferred();
    t.state.gate = gate.promise;
    for (const id of ['1', '2', '3', 'a', 'b']) {
      // a and b are rendered on first request (MISS), not regenerations: request them early.
      if (id === 'a' || id === 'b') continue;
      expect((await t.get(`/news/${id}`)).cache).toBe('STALE');
    }
    // The third waits for a slot, which the held renders do not give up.
    await vi.waitFor(() => expect(t.state.inFlight).toBe(2));
    expect(t.renders).toEqual(['/news/1', '/news/2']);
    gate.resolve();
    await onDemandOf(t.handler)!.idle();
    expect([t.state.peak, t.renders]).toEqual([2, ['/news/1', '/news/2', '/news/3']]);
  });

  it('regenerates once when two instances share one cache', async () => {
    const shared = createMemoryCache();
    const a = await setup({ cache: shared });
    const b = await setup({ cache: shared });
    for (const t of [a, b]) t.clock.now = BUILT_AT + 61_000;
    const gate = deferred();
    a.state.gate = gate.promise;
    b.state.gate = gate.promise;
    expect((await a.get('/news/1')).cache).toBe('STALE');
    expect((await b.get('/news/1')).cache).toBe('STALE');
    gate.resolve();
    await onDemandOf(a.handler)!.idle();
    await onDemandOf(b.handler)!.idle();
    expect([a.renders, b.renders]).toEqual([['/news/1'], []]);
    a.state.version = 7;
    expect((await b.get('/news/1')).text).toBe('app/news/[id]/page.tsx /news/1 v1 {"id":"1"}');
  });
});

describe('revalidatePath', () => {
  it('makes the next request render the page afresh, even a prerendered page of a dynamicParams=false route', async () => {
    const t = await setup();
    expect((await t.get('/tags/c++')).text).toBe('TAG c++ built');
    const r = await t.get('/api/revalidate?path=/tags/c%2B%2B&path=/blog/first');
    expect([r.status, r.text]).toEqual([200, 'revalidated']);
    t.state.version = 2;
    const tag = await t.get('/tags/c++');
    expect(summary(tag)).toEqual([200, 'app/tags/[tag]/page.tsx /tags/c%2B%2B v2 {"tag":"c++"}', 'MISS']);
    expect(summary(await t.get('/tags/c%2B%2B'))).toEqual([200, tag.text, 'HIT']);
    expect((await t.get('/blog/first')).text).toBe('app/blog/[slug]/page.tsx /blog/first v2 {"slug":"first"}');
    // Only the paths it named.
    expect((await t.get('/')).text).toBe('HOME built');
    expect(t.renders).toEqual(['GET /api/revalidate', '/tags/c%2B%2B', '/blog/first']);
  });

  it('marks a whole subtree with type layout', async () => {
    const t = await setup();
    await t.get('/blog/other');
    t.clock.now += 1;
    await t.get('/api/revalidate?path=/blog&type=layout');
    t.state.version = 2;
    expect((await t.get('/blog/other')).text).toContain('v2');
    expect((await t.get('/blog/first')).text).toContain('v2');
    expect((await t.get('/')).text).toBe('HOME built');
  });

  it('keeps the last good page when the render after it fails', async () => {
    const t = await setup();
    await t.get('/api/revalidate?path=/tags/c%2B%2B');
    t.state.fail = 'CMS timeout';
    expect(summary(await t.get('/tags/c++'))).toEqual([200, 'TAG c++ built', 'STALE']);
    expect((t.errors[0] as Error).message).toMatch(/^Regenerating \/tags\/c%2B%2B \(route \/tags\/\[tag\], app\/tags\/\[tag\]\/page\.tsx\) failed; .*: CMS timeout\./);
  });
});

describe('route handlers', () => {
  it('calls a per-request handler with the request, any method', async () => {
    const t = await setup();
    const r = await t.get('/api/revalidate', { method: 'POST', body: 'x' });
    expect([r.status, r.text]).toEqual([200, 'revalidated']);
    expect(t.renders).toEqual(['POST /api/revalidate']);
  });

  it('serves a prerendered GET response with its headers, regenerates it, and 404s unknown params', async () => {
    const t = await setup();
    const built = await t.get('/feeds/main');
    expect([built.status, built.text, built.type, built.cache, built.cacheControl]).toEqual([
      200,
      '<rss>built</rss>',
      'application/rss+xml',
      'HIT',
      's-maxage=60, stale-while-revalidate',
    ]);
    expect((await t.get('/feeds/other')).status).toBe(404);
    expect((await t.get('/_kiln/rsc/feeds/main.rsc')).status).toBe(404);

    t.clock.now = BUILT_AT + 61_000;
    expect((await t.get('/feeds/main')).cache).toBe('STALE');
    await onDemandOf(t.handler)!.idle();
    const next = await t.get('/feeds/main');
    expect([next.text, next.type, next.headers.get('x-feed'), next.headers.get('set-cookie'), next.cache]).toEqual([
      '<rss>/feeds/main v1</rss>',
      'application/rss+xml',
      'yes',
      null,
      'HIT',
    ]);
  });

  it('keeps the last good response when the handler answers an error while regenerating', async () => {
    const t = await setup();
    t.clock.now = BUILT_AT + 61_000;
    t.state.fail = 'x';
    await t.get('/feeds/main');
    await onDemandOf(t.handler)!.idle();
    expect((await t.get('/feeds/main')).text).toBe('<rss>built</rss>');
    expect((t.errors[0] as Error).message).toContain(
      'app/feeds/[name]/route.ts: GET for /feeds/main (route /feeds/[name]) answered 502; expected 200 to cache it.',
    );
  });
});

describe('closing', () => {
  it('lets running regenerations finish, then closes the cache', async () => {
    /** What had happened when the cache was closed. */
    let closedWith: { rendering: number; stored: boolean } | null = null;
    const inner = createMemoryCache();
    const state = { rendering: () => 0 };
    const cache: CacheHandler = {
      ...inner,
      close: async () => void (closedWith = { rendering: state.rendering(), stored: (await inner.get('/news/1')) !== null }),
    };
    const t = await setup({ cache });
    state.rendering = () => t.state.inFlight;
    t.clock.now = BUILT_AT + 61_000;
    const gate = deferred();
    t.state.gate = gate.promise;
    await t.get('/news/1');
    await vi.waitFor(() => expect(t.state.inFlight).toBe(1));
    const closing = closeHandler(t.handler);
    gate.resolve();
    await closing;
    expect([closedWith, t.renders]).toEqual([{ rendering: 0, stored: true }, ['/news/1']]);
  });
});
