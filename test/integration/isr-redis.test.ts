/**
 * Two `kiln start` servers over one build and one real Redis (redis-server started here on a
 * free port): they share pages, regenerate a stale page once between them, and keep answering
 * 200 from their own rendering when Redis goes away.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRedisServer, REDIS_SKIP_MESSAGE, startRedis, type TestRedis } from '../../src/server/test-redis.ts';
import { buildIsrFixture, shown, startTestServer, type IsrFixture, type TestServer } from './isr-helpers.ts';

const binary = findRedisServer();
if (!binary) console.warn(REDIS_SKIP_MESSAGE);

describe.skipIf(!binary)('two servers sharing one Redis', () => {
  let fx: IsrFixture;
  let redis: TestRedis;
  let a: TestServer;
  let b: TestServer;
  const clock = { now: Date.now() };

  beforeAll(async () => {
    [fx, redis] = await Promise.all([buildIsrFixture('isr-redis'), startRedis(binary!)]);
    // Pages age from their build; the clock starts once they exist.
    clock.now = Date.now();
    a = await startTestServer(fx.outDir, { cache: { redisUrl: redis.url } }, clock);
    b = await startTestServer(fx.outDir, { cache: { redisUrl: redis.url } }, clock);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await redis?.stop();
    await fx?.cleanup();
  });

  it('says which cache it uses', () => {
    expect(a.logs).toEqual([`info pages rendered on demand are cached in redis (${redis.url})`]);
  });

  it('shares a page one of them rendered', async () => {
    const first = await a.get('/items/shared');
    expect([first.status, shown(first.text), first.cache]).toEqual([200, 'item shared data v1', 'MISS']);
    const other = await b.get('/items/shared');
    expect([other.status, shown(other.text), other.cache]).toEqual([200, 'item shared data v1', 'HIT']);
    expect(await fx.count('render /items/shared')).toBe(1);
  });

  it('renders a missing page once when both are asked for it at the same time', async () => {
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).get('/items/together')));
    expect(new Set(answers.map((r) => `${r.status} ${shown(r.text)}`))).toEqual(new Set(['200 item together data v1']));
    expect(await fx.count('render /items/together')).toBe(1);
  });

  it('regenerates a stale page once between them', async () => {
    await fx.setData('v2');
    clock.now += 61_000;
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 2 ? a : b).get('/posts/1')));
    await Promise.all([a.idle(), b.idle()]);
    expect(answers.every((r) => r.status === 200)).toBe(true);
    expect(answers.filter((r) => r.cache === 'STALE').length).toBeGreaterThan(0);
    // Build time, then one regeneration for both servers.
    expect(await fx.count('render /posts/1')).toBe(2);
    for (const server of [a, b]) {
      const fresh = await server.get('/posts/1');
      expect([shown(fresh.text), fresh.cache]).toEqual(['post 1 data v2', 'HIT']);
    }
    expect([await fx.count('gsp posts'), await fx.count('gsp items')]).toEqual([1, 1]);
  });

  it('shares revalidatePath between them', async () => {
    await fx.setData('v3');
    clock.now += 1000;
    const post = await a.get('/api/revalidate', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: '/items/shared' }),
    });
    expect(post.status).toBe(200);
    // The mark reaches b by pub/sub, before or just after a's answer: allow it a moment.
    let fromB = await b.get('/items/shared');
    for (let i = 0; i < 40 && fromB.cache === 'HIT'; i++) {
      await new Promise((r) => setTimeout(r, 25));
      fromB = await b.get('/items/shared');
    }
    expect([shown(fromB.text), fromB.cache]).toEqual(['item shared data v3', 'MISS']);
    expect([shown((await a.get('/items/shared')).text)]).toEqual(['item shared data v3']);
    expect(await fx.count('render /items/shared')).toBe(2);
  });

  it('keeps answering 200 when Redis stops, and says so once', async () => {
    await redis.stop();
    await fx.setData('v4');
    const paths = ['/posts/1', '/posts/2', '/tags/a', '/items/shared', '/items/new-during-outage', '/', '/live/1'];
    for (let round = 0; round < 3; round++) {
      for (const server of [a, b]) {
        for (const p of paths) {
          const answer = await server.get(p);
          expect([p, answer.status]).toEqual([p, 200]);
        }
        await server.idle();
      }
    }
    // A page rendered during the outage is kept by the server that rendered it.
    expect((await a.get('/items/new-during-outage')).cache).toBe('HIT');
    for (const server of [a, b]) {
      const unreachable = server.logs.filter((line) => line.includes('is unreachable'));
      expect(unreachable).toHaveLength(1);
      expect(unreachable[0]).toMatch(/^warn cache redis \(redis:\/\/127\.0\.0\.1:\d+\) is unreachable \(.*\); this instance renders and caches pages itself until it is back\.$/);
      expect(server.errors).toEqual([]);
    }
  });
});
