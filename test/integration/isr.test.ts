/**
 * `kiln start`'s server over a real build of test/fixtures/isr, over HTTP: pages rendered on
 * demand, dynamicParams=false, ISR with a data source that counts calls, failing
 * regenerations, single flight, revalidatePath from a route handler, and the filesystem cache
 * surviving a restart. generateStaticParams call counts stay at their build-time values.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { buildIsrFixture, shown, startTestServer, type IsrFixture, type TestServer } from './isr-helpers.ts';

let fx: IsrFixture;
let server: TestServer;
const MINUTE = 60_000;

beforeAll(async () => {
  fx = await buildIsrFixture('isr');
  // Start with a filesystem cache whatever the environment says.
  server = await startTestServer(fx.outDir, { cache: { redisUrl: '' } });
});
afterAll(async () => {
  await server?.close();
  await fx?.cleanup();
});

/** generateStaticParams ran once per route, at build time, and never again. */
async function gspCountsAtBuildTime(): Promise<void> {
  expect([await fx.count('gsp posts'), await fx.count('gsp tags'), await fx.count('gsp items')]).toEqual([1, 1, 1]);
}

describe('the build', () => {
  it('recorded the routes as the server needs them', () => {
    const byPattern = Object.fromEntries(
      fx.result.routes.map((r) => [r.pattern, [r.kind, r.dynamicParams, r.revalidate, r.pages]]),
    );
    expect(byPattern).toEqual({
      '/': ['static', true, false, 1],
      '/posts/[id]': ['generated', true, 60, 3],
      '/tags/[tag]': ['generated', false, false, 2],
      '/items/[id]': ['generated', true, false, 0],
      '/live/[id]': ['dynamic', true, false, 0],
      '/api/revalidate': ['dynamic', true, false, 0],
      // A GET route handler with generateStaticParams is prerendered like a page.
      '/feeds/[name]/feed.xml': ['generated', false, 60, 1],
    });
  });
});

describe('on demand', () => {
  it('renders a path no one prerendered on its first request, then serves it from the cache', async () => {
    const first = await server.get('/items/x');
    expect([first.status, shown(first.text), first.cache]).toEqual([200, 'item x data v1', 'MISS']);
    await fx.setData('v1-later');
    const second = await server.get('/items/x');
    expect([second.status, shown(second.text), second.cache]).toEqual([200, 'item x data v1', 'HIT']);
    const payload = await server.get('/_kiln/rsc/items/x.rsc');
    expect([payload.status, payload.type, payload.cache, payload.text.includes('item ')]).toEqual([200, 'text/x-component', 'HIT', true]);
    expect(await fx.count('render /items/x')).toBe(1);
    await fx.setData('v1');
    await gspCountsAtBuildTime();
  });

  it('renders a missing page once for 50 concurrent first requests', async () => {
    const answers = await Promise.all(Array.from({ length: 50 }, () => server.get('/items/burst')));
    expect(new Set(answers.map((a) => `${a.status} ${shown(a.text)}`))).toEqual(new Set(['200 item burst data v1']));
    expect(await fx.count('render /items/burst')).toBe(1);
  });

  it('answers 404 with the nearest not-found page for unknown params of a dynamicParams=false route', async () => {
    const miss = await server.get('/tags/zzz');
    expect([miss.status, shown(miss.text), miss.type, miss.cache]).toEqual([404, 'no such tag', 'text/html; charset=utf-8', null]);
    expect(miss.text).toContain('<title>ISR fixture</title>');
    expect(await fx.count('render /tags/zzz')).toBe(0);
    expect((await server.get('/tags/c%2B%2B')).status).toBe(200);
    const nowhere = await server.get('/nowhere');
    expect([nowhere.status, shown(nowhere.text)]).toEqual([404, 'isr fixture: nothing here']);
  });

  it('renders a dynamic route without generateStaticParams per request, never stored', async () => {
    const a = await server.get('/live/1');
    const b = await server.get('/live/1');
    expect([a.status, shown(a.text), a.cacheControl, a.cache, b.status]).toEqual([200, 'live 1 data v1', 'no-store', null, 200]);
    expect(await fx.count('render /live/1')).toBe(2);
  });
});

describe('a prerendered GET route handler (feed.xml with generateStaticParams)', () => {
  it('serves the build-time response with its content type, 404s other params, and regenerates it', async () => {
    // A server of its own, whose clock the other tests have not moved.
    const server = await startTestServer(fx.outDir, { cache: { redisUrl: '' } });
    onTestFinished(() => server.close());
    const gspBefore = await fx.count('gsp feeds');
    const built = await server.get('/feeds/main/feed.xml');
    expect([built.status, built.text, built.type, built.cache, built.cacheControl]).toEqual([
      200,
      '<rss><channel>main v1</channel></rss>',
      'application/rss+xml; charset=utf-8',
      'HIT',
      's-maxage=60, stale-while-revalidate',
    ]);
    expect((await server.get('/feeds/other/feed.xml')).status).toBe(404);
    const rendersBefore = await fx.count('render /feeds/main/feed.xml');
    await fx.setData('feed-v2');
    server.clock.now += MINUTE + 1000;
    const stale = await server.get('/feeds/main/feed.xml');
    expect([stale.text, stale.cache]).toEqual(['<rss><channel>main v1</channel></rss>', 'STALE']);
    await server.idle();
    const fresh = await server.get('/feeds/main/feed.xml');
    expect([fresh.text, fresh.type, fresh.cache]).toEqual(['<rss><channel>main feed-v2</channel></rss>', 'application/rss+xml; charset=utf-8', 'HIT']);
    expect((await fx.count('render /feeds/main/feed.xml')) - rendersBefore).toBe(1);
    expect(await fx.count('gsp feeds')).toBe(gspBefore);
    await fx.setData('v1');
  });
});

describe('ISR', () => {
  it('serves the built page while fresh, the stale page once while it regenerates, then the new page', async () => {
    const built = await server.get('/posts/1');
    expect([built.status, shown(built.text), built.cache, built.cacheControl]).toEqual([
      200,
      'post 1 data v1',
      'HIT',
      's-maxage=60, stale-while-revalidate',
    ]);
    await fx.setData('v2');
    server.clock.now += MINUTE + 1000;
    const stale = await server.get('/posts/1');
    expect([stale.status, shown(stale.text), stale.cache]).toEqual([200, 'post 1 data v1', 'STALE']);
    await server.idle();
    const fresh = await server.get('/posts/1');
    expect([fresh.status, shown(fresh.text), fresh.cache]).toEqual([200, 'post 1 data v2', 'HIT']);
    // One render at build time, one regeneration.
    expect(await fx.count('render /posts/1')).toBe(2);
    await gspCountsAtBuildTime();
    // The build's file is left as it was: the new page lives in the cache.
    expect(shown(await readFile(path.join(fx.outDir, 'pages/posts/1.html'), 'utf8'))).toBe('post 1 data v1');
    expect(existsSync(path.join(fx.outDir, 'cache', 'entries'))).toBe(true);
  });

  it('keeps serving the last good page when a regeneration throws, and logs the path and the error', async () => {
    const before = server.errors.length;
    await fx.setData('throw');
    server.clock.now += MINUTE + 1000;
    for (let i = 0; i < 2; i++) {
      const answer = await server.get('/posts/2');
      expect([answer.status, shown(answer.text), answer.cache]).toEqual([200, 'post 2 data v1', 'STALE']);
      await server.idle();
    }
    const logged = server.errors.slice(before).map((e) => e.message);
    expect(logged).toHaveLength(2);
    expect(logged[0]).toMatch(/^Regenerating \/posts\/2 \(route \/posts\/\[id\], app\/posts\/\[id\]\/page\.tsx\) failed; still serving the page rendered at \d{4}-.*Z: .*data source failed for \/posts\/2/);
    await fx.setData('v3');
    await server.get('/posts/2');
    await server.idle();
    expect(shown((await server.get('/posts/2')).text)).toBe('post 2 data v3');
  });

  it('regenerates a stale page once for 200 concurrent requests', async () => {
    await fx.setData('v4');
    server.clock.now += MINUTE + 1000;
    const rendersBefore = await fx.count('render /posts/3');
    const answers = await Promise.all(Array.from({ length: 200 }, () => server.get('/posts/3')));
    await server.idle();
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(answers[0].cache).toBe('STALE');
    for (const a of answers) {
      expect([a.cache, shown(a.text)]).toEqual(a.cache === 'STALE' ? ['STALE', 'post 3 data v1'] : ['HIT', 'post 3 data v4']);
    }
    expect((await fx.count('render /posts/3')) - rendersBefore).toBe(1);
    expect(shown((await server.get('/posts/3')).text)).toBe('post 3 data v4');
    await gspCountsAtBuildTime();
  });
});

describe('revalidatePath from a route handler', () => {
  it('makes the next request render afresh; a prerendered page of a dynamicParams=false route stays 200', async () => {
    expect(shown((await server.get('/tags/c++')).text)).toBe('tag c++ data v1');
    await fx.setData('v5');
    server.clock.now += 1000;
    const post = await server.get('/api/revalidate', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: '/tags/c++' }),
    });
    expect([post.status, post.text]).toEqual([200, '{"revalidated":"/tags/c++"}']);
    const after = await server.get('/tags/c%2B%2B');
    expect([after.status, shown(after.text), after.cache]).toEqual([200, 'tag c++ data v5', 'MISS']);
    const again = await server.get('/tags/c++');
    expect([again.status, shown(again.text), again.cache]).toEqual([200, 'tag c++ data v5', 'HIT']);
    // Only that page.
    expect(shown((await server.get('/tags/a')).text)).toBe('tag a data v1');
    await gspCountsAtBuildTime();
  });
});

describe('the filesystem cache', () => {
  it('survives a restart of the server', async () => {
    const clock = { now: server.clock.now };
    await server.close();
    const rendersBefore = await fx.count('render /posts/1');
    server = await startTestServer(fx.outDir, { cache: { redisUrl: '' } }, clock);
    const answer = await server.get('/items/x');
    expect([shown(answer.text), answer.cache]).toEqual(['item x data v1', 'HIT']);
    const tag = await server.get('/tags/c++');
    expect([shown(tag.text), tag.cache]).toEqual(['tag c++ data v5', 'HIT']);
    expect(await fx.count('render /items/x')).toBe(1);
    expect(await fx.count('render /posts/1')).toBe(rendersBefore);
  });
});
