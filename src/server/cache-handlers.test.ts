import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cacheHandlerContract, pageEntry } from './test-cache-contract.ts';
import { decodeEntry, encodeEntry } from './cache-entry-codec.ts';
import type { CacheHandler } from './cache-handler.ts';
import { withFallback } from './fallback-cache.ts';
import { createFsCache } from './fs-cache.ts';
import { createMemoryCache } from './memory-cache.ts';
import { createRedisCache } from './redis-cache.ts';
import { findRedisServer, REDIS_SKIP_MESSAGE, startRedis, type TestRedis } from './test-redis.ts';

const opened: CacheHandler[] = [];
const track = (cache: CacheHandler): CacheHandler => {
  opened.push(cache);
  return cache;
};
afterEach(async () => {
  await Promise.all(opened.splice(0).map((c) => c.close()));
});

describe('entry codec', () => {
  it('round-trips an entry and refuses one stored under another key or cut short', () => {
    const entry = pageEntry('<p>héllo</p>');
    const bytes = encodeEntry('/a', entry);
    expect(decodeEntry('/a', bytes)).toEqual(entry);
    expect(decodeEntry('/b', bytes)).toBeNull();
    expect(decodeEntry('/a', bytes.subarray(0, bytes.byteLength - 1))).toBeNull();
    expect(decodeEntry('/a', new Uint8Array([0, 0]))).toBeNull();
  });

  it('keeps the cache tags of a page that read tagged data', () => {
    const entry = { ...pageEntry('<p>t</p>'), tags: ['posts', 'users'] };
    expect(decodeEntry('/t', encodeEntry('/t', entry))).toEqual(entry);
    expect(decodeEntry('/t', encodeEntry('/t', { ...entry, tags: [] }))?.tags).toBeUndefined();
  });
});

describe('memory cache handler', () => {
  cacheHandlerContract(async () => track(createMemoryCache()));

  it('drops the least recently used entries beyond its size', async () => {
    // pageEntry('x') is 1 byte of HTML + 10 of payload.
    const cache = createMemoryCache({ maxBytes: 25 });
    await cache.set('/a', pageEntry('a'));
    await cache.set('/b', pageEntry('b'));
    await cache.get('/a');
    await cache.set('/c', pageEntry('c'));
    expect([!!(await cache.get('/a')), !!(await cache.get('/b')), !!(await cache.get('/c'))]).toEqual([true, false, true]);
  });
});

describe('filesystem cache handler', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'kiln-fs-cache-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });
  let n = 0;
  const freshDir = () => path.join(root, `c${n++}`);

  cacheHandlerContract(async () => track(createFsCache({ dir: freshDir() })));

  it('survives a restart: a new handler over the folder has the entries and marks', async () => {
    const dir = freshDir();
    const before = createFsCache({ dir });
    await before.set('/tags/c%2B%2B', pageEntry('tag'));
    await before.mark('page:/a', 123);
    await before.close();
    const after = track(createFsCache({ dir }));
    expect(await after.get('/tags/c%2B%2B')).toEqual(pageEntry('tag'));
    expect(Object.fromEntries(await after.marks())).toEqual({ 'page:/a': 123 });
  });

  it('writes only inside its folder, with hashed names whatever the key', async () => {
    const dir = freshDir();
    const cache = track(createFsCache({ dir }));
    await cache.set('/../../escape', pageEntry('x'));
    await cache.set('/a/b', pageEntry('y'));
    expect((await readdir(dir)).sort()).toEqual(['entries', 'tmp']);
    const names = await readdir(path.join(dir, 'entries'));
    expect(names).toHaveLength(2);
    for (const name of names) expect(name).toMatch(/^[0-9a-f]{40}$/);
    expect(await readdir(path.join(dir, 'tmp'))).toEqual([]);
  });

  it('shares locks and marks between two processes over one folder', async () => {
    const dir = freshDir();
    const a = track(createFsCache({ dir, marksRefreshMs: 0 }));
    const b = track(createFsCache({ dir, marksRefreshMs: 0 }));
    const lock = await a.lock('/page', 10_000);
    expect(lock).not.toBeNull();
    expect(await b.lock('/page', 10_000)).toBeNull();
    await lock!.release();
    expect(await b.lock('/page', 10_000)).not.toBeNull();

    expect([...(await b.marks())]).toEqual([]);
    await a.mark('page:/x', 500);
    await b.mark('page:/y', 600);
    // b's write re-read the file, so a's mark survived it; a sees b's once a call's background
    // refresh (started by that call, answered from the old copy) has landed.
    expect(Object.fromEntries(await b.marks())).toEqual({ 'page:/x': 500, 'page:/y': 600 });
    await expect.poll(async () => Object.fromEntries(await a.marks())).toEqual({ 'page:/x': 500, 'page:/y': 600 });
  });

  it('answers null for an entry file that is not an entry', async () => {
    const dir = freshDir();
    const cache = track(createFsCache({ dir }));
    await cache.set('/a', pageEntry('a'));
    const [name] = await readdir(path.join(dir, 'entries'));
    await writeFile(path.join(dir, 'entries', name), 'garbage');
    expect(await cache.get('/a')).toBeNull();
  });

  it('stays failed once it cannot write, so the fallback does not flip-flop between reads and writes', async () => {
    // Reads find nothing (entries/ exists) while every write fails (a file where tmp/ goes):
    // as with a read-only output folder.
    const dir = freshDir();
    await mkdir(path.join(dir, 'entries'), { recursive: true });
    await writeFile(path.join(dir, 'tmp'), 'in the way');
    const logs: string[] = [];
    let clock = 0;
    const cache = track(withFallback(createFsCache({ dir }), createMemoryCache(), { log: (l, m) => logs.push(l), now: () => clock }));
    for (let i = 0; i < 3; i++) {
      clock += 5000;
      expect(await cache.get(`/p${i}`)).toBeNull();
      await cache.set(`/p${i}`, pageEntry('x'));
      expect(await cache.get(`/p${i}`)).toEqual(pageEntry('x'));
    }
    expect(logs).toEqual(['warn']);
  });

  it('fails its writes in a folder it cannot create, which the fallback then covers', async () => {
    const file = path.join(root, 'a-file');
    await writeFile(file, 'not a folder');
    const logs: string[] = [];
    let clock = 0;
    const cache = track(
      withFallback(createFsCache({ dir: path.join(file, 'cache') }), createMemoryCache(), {
        log: (l, m) => logs.push(`${l} ${m}`),
        now: () => clock,
      }),
    );
    await cache.set('/a', pageEntry('a'));
    await cache.set('/b', pageEntry('b'));
    expect(await cache.get('/a')).toEqual(pageEntry('a'));
    // Retried after the delay: reads fail too, so it does not look recovered between writes.
    clock = 5000;
    expect(await cache.get('/b')).toEqual(pageEntry('b'));
    await cache.set('/c', pageEntry('c'));
    clock = 10_000;
    expect(await cache.get('/c')).toEqual(pageEntry('c'));
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/^warn cache filesystem \(.*a-file\/cache\) is unreachable \(ENOTDIR: .*\); this instance renders and caches pages itself until it is back\.$/);
  });
});

/** A handler whose store can be switched off, to drive the fallback. */
function switchable(inner: CacheHandler) {
  let up = true;
  const guard = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
    if (!up) throw new Error('connection refused');
    return fn(...args);
  };
  const handler: CacheHandler = {
    name: 'test store',
    get: guard(inner.get),
    set: guard(inner.set),
    lock: guard(inner.lock),
    mark: guard(inner.mark),
    marks: guard(inner.marks),
    close: inner.close,
  };
  return { handler, down: () => (up = false), up: () => (up = true) };
}

describe('fallback', () => {
  it('answers from memory while the store fails, logs once each way, and replays marks', async () => {
    const store = createMemoryCache();
    const s = switchable(store);
    const logs: string[] = [];
    let clock = 0;
    const cache = withFallback(s.handler, createMemoryCache(), { log: (l, m) => logs.push(`${l}: ${m}`), retryMs: 1000, now: () => clock });
    await cache.set('/a', pageEntry('stored'));
    await cache.mark('page:/old', 1);
    expect(Object.fromEntries(await cache.marks())).toEqual({ 'page:/old': 1 });

    s.down();
    expect(await cache.get('/a')).toBeNull();
    await cache.set('/b', pageEntry('local'));
    expect(await cache.get('/b')).toEqual(pageEntry('local'));
    await cache.mark('page:/new', 2);
    // Marks known from before the outage are not forgotten.
    expect(Object.fromEntries(await cache.marks())).toEqual({ 'page:/old': 1, 'page:/new': 2 });
    const lock = await cache.lock('/b', 1000);
    expect(lock).not.toBeNull();
    expect(await cache.lock('/b', 1000)).toBeNull();
    await lock!.release();
    expect(logs).toEqual([
      'warn: cache test store is unreachable (connection refused); this instance renders and caches pages itself until it is back.',
    ]);

    s.up();
    // Within the retry delay the store is not asked.
    expect(await cache.get('/a')).toBeNull();
    clock = 1000;
    expect(await cache.get('/a')).toEqual(pageEntry('stored'));
    expect(logs.slice(1)).toEqual(['info: cache test store is reachable again.']);
    expect(Object.fromEntries(await store.marks())).toEqual({ 'page:/old': 1, 'page:/new': 2 });
  });
});

const redisBinary = findRedisServer();
if (!redisBinary) console.warn(REDIS_SKIP_MESSAGE);

describe.skipIf(!redisBinary)('redis cache handler (real redis-server)', () => {
  let redis: TestRedis;
  let build = 0;
  beforeAll(async () => {
    redis = await startRedis(redisBinary!);
  });
  afterAll(async () => {
    await redis?.stop();
  });

  cacheHandlerContract(async () => track(await createRedisCache({ url: redis.url, buildId: `contract-${build++}` })));

  it('shares entries, locks and marks between instances of one build, not across builds', async () => {
    const a = track(await createRedisCache({ url: redis.url, buildId: 'shared', marksRefreshMs: 0 }));
    const b = track(await createRedisCache({ url: redis.url, buildId: 'shared', marksRefreshMs: 0 }));
    const other = track(await createRedisCache({ url: redis.url, buildId: 'next-build' }));
    await a.set('/p', pageEntry('from a'));
    expect(await b.get('/p')).toEqual(pageEntry('from a'));
    expect(await other.get('/p')).toBeNull();
    const lock = await a.lock('/p', 10_000);
    expect(await b.lock('/p', 10_000)).toBeNull();
    expect(await other.lock('/p', 10_000)).not.toBeNull();
    await lock!.release();
    expect(await b.lock('/p', 10_000)).not.toBeNull();

    expect([...(await b.marks())]).toEqual([]);
    await a.mark('page:/p', 42);
    // b answers from its copy and refreshes it in the background.
    await expect.poll(async () => Object.fromEntries(await b.marks())).toEqual({ 'page:/p': 42 });
  });

  it('fails fast while Redis is down, and works again once it is back', async () => {
    const cache = track(await createRedisCache({ url: redis.url, buildId: 'outage' }));
    await cache.set('/p', pageEntry('before'));
    await redis.stop();
    await expect(cache.get('/p')).rejects.toThrow();
    await redis.restart();
    // The client reconnects on its own schedule: back once a read succeeds.
    await vi.waitFor(() => cache.get('/p'), { timeout: 5000, interval: 50 });
    // A restarted Redis without persistence is empty.
    expect(await cache.get('/p')).toBeNull();
  });

  it('does not keep a server waiting when no Redis listens at all', async () => {
    const cache = track(await createRedisCache({ url: 'redis://127.0.0.1:1', connectTimeoutMs: 300 }));
    await expect(cache.get('/p')).rejects.toThrow();
  });
});
