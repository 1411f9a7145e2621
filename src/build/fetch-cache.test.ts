import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createBuildFetch, type BuildFetchOptions } from './fetch-cache.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kiln-fetch-cache-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const tick = () => new Promise((r) => setImmediate(r));
/** Lets pending work (microtasks, fs callbacks) run until `ready()` holds. */
async function until(ready: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !ready(); i++) await tick();
  expect(ready()).toBe(true);
}

/** A fake network: records calls and answers each when the test says so (or at once). */
function network(answer?: (url: string, init: RequestInit, n: number) => Response | Promise<Response>) {
  const calls: Array<{ url: string; method: string; accept: string | null }> = [];
  const pending: Array<{ url: string; resolve: (r: Response) => void }> = [];
  const fetch = ((url: string, init: RequestInit) => {
    calls.push({ url, method: init.method ?? 'GET', accept: new Headers(init.headers).get('accept') });
    if (answer) return Promise.resolve(answer(url, init, calls.length));
    return new Promise<Response>((resolve) => pending.push({ url, resolve }));
  }) as typeof globalThis.fetch;
  return { fetch, calls, pending };
}

function cache(net: ReturnType<typeof network>, extra: Partial<BuildFetchOptions> = {}) {
  return createBuildFetch({
    dir: path.join(dir, 'fetch'),
    fetchConcurrency: 16,
    retry: { retries: 2, delayMs: 0 },
    network: net.fetch,
    ...extra,
  });
}

const networkError = (code: string) => new TypeError('fetch failed', { cause: Object.assign(new Error(`connect ${code}`), { code }) });

describe('build-wide data cache', () => {
  test('concurrent identical GETs wait for the one in flight; later ones are served from the cache', async () => {
    const net = network();
    const c = cache(net);
    const first = c.fetch('http://api.test/items');
    const second = c.fetch('http://api.test/items', { next: { revalidate: 60 } } as RequestInit);
    await tick();
    expect(net.calls).toHaveLength(1);
    net.pending[0].resolve(new Response('{"n":1}', { status: 200, headers: { 'x-kind': 'items' } }));
    const [a, b] = await Promise.all([first, second]);
    expect([await a.text(), await b.text(), a.headers.get('x-kind'), a.status]).toEqual(['{"n":1}', '{"n":1}', 'items', 200]);
    const third = await c.fetch(new Request('http://api.test/items'));
    expect(await third.text()).toBe('{"n":1}');
    expect(net.calls).toHaveLength(1);
    expect(c.stats).toEqual({ requests: 3, network: 1, shared: 2 });
  });

  test('responses live in the cache folder, so a response dropped from memory is read back, not refetched', async () => {
    const net = network((url) => new Response(`body of ${url}`));
    const c = cache(net, { memoryBytes: 0 });
    expect(await (await c.fetch('http://api.test/a')).text()).toBe('body of http://api.test/a');
    expect(await (await c.fetch('http://api.test/a')).text()).toBe('body of http://api.test/a');
    expect(net.calls).toHaveLength(1);
    const folders = await readdir(path.join(dir, 'fetch'));
    expect(folders).toHaveLength(1);
    expect(await readdir(path.join(dir, 'fetch', folders[0]))).toHaveLength(1);
  });

  test('no-store, no-cache, revalidate 0 and POST always reach the network and are never stored', async () => {
    const net = network((_url, _init, n) => new Response(`answer ${n}`));
    const c = cache(net);
    const texts: string[] = [];
    for (const init of [{ cache: 'no-store' }, { cache: 'no-store' }, { cache: 'no-cache' }, { next: { revalidate: 0 } }, { method: 'POST', body: 'x' }]) {
      texts.push(await (await c.fetch('http://api.test/live', init as RequestInit)).text());
    }
    expect(texts).toEqual(['answer 1', 'answer 2', 'answer 3', 'answer 4', 'answer 5']);
    expect(existsSync(path.join(dir, 'fetch'))).toBe(false);
    // A later plain GET is not answered by any of them.
    expect(await (await c.fetch('http://api.test/live')).text()).toBe('answer 6');
  });

  test('requests differing in headers are different entries', async () => {
    const net = network((_url, init) => new Response(new Headers(init.headers).get('accept') ?? 'none'));
    const c = cache(net);
    const json = await (await c.fetch('http://api.test/x', { headers: { accept: 'application/json' } })).text();
    const html = await (await c.fetch('http://api.test/x', { headers: { accept: 'text/html' } })).text();
    expect([json, html]).toEqual(['application/json', 'text/html']);
    expect(net.calls.map((call) => call.accept)).toEqual(['application/json', 'text/html']);
  });

  test('a GET failing on the network is retried, and succeeds within the retries', async () => {
    const net = network((_url, _init, n) => {
      if (n <= 2) throw networkError('ECONNRESET');
      return new Response('ok');
    });
    const c = cache(net);
    expect(await (await c.fetch('http://api.test/flaky')).text()).toBe('ok');
    expect(net.calls).toHaveLength(3);
  });

  test('after the retries the network error is thrown, and nothing is stored', async () => {
    const net = network(() => {
      throw networkError('ECONNREFUSED');
    });
    const c = cache(net);
    await expect(c.fetch('http://api.test/down')).rejects.toMatchObject({ message: 'fetch failed', cause: { code: 'ECONNREFUSED' } });
    expect(net.calls).toHaveLength(3);
    await expect(c.fetch('http://api.test/down')).rejects.toThrow('fetch failed');
    expect(net.calls).toHaveLength(6);
  });

  test('transient statuses are retried; one that outlives the retries is returned but not stored', async () => {
    const net = network((_url, _init, n) => new Response(`try ${n}`, { status: n <= 3 ? 503 : 200 }));
    const c = cache(net);
    const first = await c.fetch('http://api.test/busy');
    expect([first.status, await first.text()]).toEqual([503, 'try 3']);
    const second = await c.fetch('http://api.test/busy');
    expect([second.status, await second.text()]).toEqual([200, 'try 4']);
    const third = await c.fetch('http://api.test/busy');
    expect([third.status, await third.text()]).toEqual([200, 'try 4']);
    expect(net.calls).toHaveLength(4);
  });

  test('a POST is never retried, and an error that is not a network error is not retried', async () => {
    const post = network(() => {
      throw networkError('ECONNRESET');
    });
    await expect(cache(post).fetch('http://api.test/log', { method: 'POST', body: 'x' })).rejects.toThrow('fetch failed');
    expect(post.calls).toHaveLength(1);
    const bug = network(() => {
      throw new RangeError('bad header');
    });
    await expect(cache(bug).fetch('http://api.test/x')).rejects.toThrow('bad header');
    expect(bug.calls).toHaveLength(1);
  });

  test('at most fetchConcurrency requests are in flight per origin; other origins are not held up', async () => {
    const net = network();
    const c = cache(net, { fetchConcurrency: 2 });
    const answers = ['a', 'b', 'c', 'd'].map((p) => c.fetch(`http://one.test/${p}`));
    const other = c.fetch('http://two.test/z');
    await tick();
    expect(net.calls.map((call) => call.url)).toEqual(['http://one.test/a', 'http://one.test/b', 'http://two.test/z']);
    net.pending.find((p) => p.url.endsWith('/a'))!.resolve(new Response('a'));
    await until(() => net.calls.length === 4);
    expect(net.calls.map((call) => call.url)).toEqual(['http://one.test/a', 'http://one.test/b', 'http://two.test/z', 'http://one.test/c']);
    for (const p of ['b', 'z', 'c']) net.pending.find((q) => q.url.endsWith(`/${p}`))!.resolve(new Response(p));
    await until(() => net.calls.length === 5);
    net.pending.find((p) => p.url.endsWith('/d'))!.resolve(new Response('d'));
    expect(await Promise.all([...answers, other].map(async (r) => (await r).text()))).toEqual(['a', 'b', 'c', 'd', 'z']);
  });

  test('a caller that aborts stops waiting; the shared request still answers the others', async () => {
    const net = network();
    const c = cache(net);
    const controller = new AbortController();
    const aborted = c.fetch('http://api.test/shared', { signal: controller.signal });
    const other = c.fetch('http://api.test/shared');
    await tick();
    controller.abort(new Error('gave up'));
    await expect(aborted).rejects.toThrow('gave up');
    net.pending[0].resolve(new Response('shared'));
    expect(await (await other).text()).toBe('shared');
    expect(net.calls).toHaveLength(1);
  });

  test('a response keeps its url and status text', async () => {
    const net = network(() => {
      const r = new Response(null, { status: 204, statusText: 'Nothing' });
      Object.defineProperty(r, 'url', { value: 'http://api.test/final' });
      return r;
    });
    const response = await cache(net).fetch('http://api.test/start');
    expect([response.status, response.statusText, response.url, await response.text()]).toEqual([204, 'Nothing', 'http://api.test/final', '']);
  });
});
