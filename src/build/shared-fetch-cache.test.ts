import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRedisServer, REDIS_SKIP_MESSAGE, startRedis, type TestRedis } from '../server/test-redis.ts';
import { createSharedFetch, type SharedFetch } from './shared-fetch-cache.ts';
import type { WireResponse } from './wire.ts';

const binary = findRedisServer();
if (!binary) console.warn(REDIS_SKIP_MESSAGE);

const response = (text: string, status = 200): WireResponse => ({
  status,
  statusText: '',
  headers: [['content-type', 'text/plain']],
  url: 'http://api.test/x',
  redirected: false,
  body: new TextEncoder().encode(text).buffer as ArrayBuffer,
});
const text = (r: WireResponse): string => new TextDecoder().decode(r.body!);
const storable = (r: WireResponse): boolean => r.status < 500;

describe.skipIf(!binary)('the shared fetch cache', () => {
  let redis: TestRedis;
  const open: SharedFetch[] = [];
  let run = 0;
  /** Two shards of a fresh run. */
  const shards = (options: { lockMs?: number } = {}): SharedFetch[] => {
    run++;
    const made = [1, 2].map(() => createSharedFetch({ url: redis.url, run: `r${run}`, onUnavailable: () => {}, ...options }));
    for (const s of made) s.scope('bundle');
    open.push(...made);
    return made;
  };

  beforeAll(async () => {
    redis = await startRedis(binary!);
  });

  afterAll(async () => {
    await Promise.all(open.map((s) => s.close()));
    await redis?.stop();
  });

  it('fetches a URL once for two shards asking at once; the other reads what it stored', async () => {
    const [a, b] = shards();
    let sends = 0;
    const send = async (): Promise<WireResponse> => {
      sends++;
      await new Promise((r) => setTimeout(r, 50));
      return response('data');
    };
    const [ra, rb] = await Promise.all([a.fetch('k', send, storable), b.fetch('k', send, storable)]);
    expect(sends).toBe(1);
    expect([ra.shared, rb.shared].sort()).toEqual([false, true]);
    expect([text(ra.response), text(rb.response)]).toEqual(['data', 'data']);
  });

  it('passes a failed fetch to its caller; a waiting shard then fetches for itself', async () => {
    const [a, b] = shards();
    const failing = async (): Promise<WireResponse> => {
      await new Promise((r) => setTimeout(r, 30));
      throw new TypeError('fetch failed');
    };
    const first = a.fetch('k', failing, storable);
    await new Promise((r) => setTimeout(r, 5));
    const second = b.fetch('k', async () => response('mine'), storable);
    await expect(first).rejects.toThrow('fetch failed');
    expect(text((await second).response)).toBe('mine');
  });

  it('does not share a response that may not be stored', async () => {
    const [a, b] = shards();
    await a.fetch('k', async () => response('busy', 503), storable);
    const again = await b.fetch('k', async () => response('ok'), storable);
    expect(again).toMatchObject({ shared: false });
    expect(text(again.response)).toBe('ok');
  });

  it('takes over the lock of a shard that died while fetching, once it expires', async () => {
    const [a] = shards({ lockMs: 150 });
    const raw = new Redis(redis.url);
    try {
      await raw.set(`kiln:fetch:bundle:r${run}:l:k`, 'dead', 'PX', 150);
      const started = Date.now();
      const result = await a.fetch('k', async () => response('late'), storable);
      expect(text(result.response)).toBe('late');
      expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    } finally {
      raw.disconnect();
    }
  });

  it('without Redis: says so once and fetches for itself', async () => {
    const reasons: string[] = [];
    const lone = createSharedFetch({ url: 'redis://127.0.0.1:1', run: 'x', onUnavailable: (reason) => reasons.push(reason) });
    open.push(lone);
    const results = await Promise.all([1, 2, 3].map(() => lone.fetch('k', async () => response('own'), storable)));
    expect(results.map((r) => [r.shared, text(r.response)])).toEqual([
      [false, 'own'],
      [false, 'own'],
      [false, 'own'],
    ]);
    expect(reasons).toHaveLength(1);
  });
});
