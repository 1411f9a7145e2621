import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createRenderStore, fetchMemoKey, installFetchMemo, runWithStore } from './render-store.ts';

let server: Server;
let base: string;
const hits: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ url: req.url, n: hits.length }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  installFetchMemo();
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  hits.length = 0;
});

describe('fetch memo: one GET per URL per render', () => {
  test('GETs with one URL and options run once per render; every caller can read the body', async () => {
    const bodies = await runWithStore(createRenderStore(), () =>
      Promise.all([fetch(`${base}/a`), fetch(`${base}/a`), fetch(new URL(`${base}/a`))].map((p) => p.then((r) => r.json()))),
    );
    expect(hits).toEqual(['GET /a']);
    expect(bodies).toEqual([
      { url: '/a', n: 1 },
      { url: '/a', n: 1 },
      { url: '/a', n: 1 },
    ]);
  });

  test('two renders do not share', async () => {
    await runWithStore(createRenderStore(), () => fetch(`${base}/b`).then((r) => r.text()));
    await runWithStore(createRenderStore(), () => fetch(`${base}/b`).then((r) => r.text()));
    expect(hits).toEqual(['GET /b', 'GET /b']);
  });

  test('outside a render, and for POST or no-store, every call goes out', async () => {
    await fetch(`${base}/c`).then((r) => r.text());
    await fetch(`${base}/c`).then((r) => r.text());
    await runWithStore(createRenderStore(), async () => {
      for (let i = 0; i < 2; i++) {
        await fetch(`${base}/d`, { method: 'POST', body: 'x' }).then((r) => r.text());
        await fetch(`${base}/e`, { cache: 'no-store' }).then((r) => r.text());
      }
    });
    expect(hits).toEqual(['GET /c', 'GET /c', 'POST /d', 'GET /e', 'POST /d', 'GET /e']);
  });

  test('different headers are different requests', async () => {
    await runWithStore(createRenderStore(), () =>
      Promise.all([
        fetch(`${base}/f`, { headers: { accept: 'text/plain' } }).then((r) => r.text()),
        fetch(`${base}/f`, { headers: { accept: 'application/json' } }).then((r) => r.text()),
        fetch(`${base}/f`, { headers: { Accept: 'text/plain' } }).then((r) => r.text()),
      ]),
    );
    expect(hits).toEqual(['GET /f', 'GET /f']);
  });
});

describe('fetchMemoKey', () => {
  test('is null for what must not be shared', () => {
    expect(fetchMemoKey('http://x.test/', { method: 'POST' })).toBeNull();
    expect(fetchMemoKey('http://x.test/', { cache: 'no-store' })).toBeNull();
    expect(fetchMemoKey('http://x.test/', { signal: new AbortController().signal })).toBeNull();
    expect(fetchMemoKey('not a url')).toBeNull();
  });
  test('is the same for equivalent spellings of one request', () => {
    expect(fetchMemoKey('http://x.test/a')).toBe(fetchMemoKey(new URL('http://x.test/a'), { method: 'get' }));
    expect(fetchMemoKey('http://x.test/a', { next: { revalidate: 1 } } as RequestInit)).not.toBe(fetchMemoKey('http://x.test/a'));
  });
});
