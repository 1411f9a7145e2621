/**
 * The fetch cache the shards of a build share through Redis: three shards built at once, their
 * pages reading a local API that counts requests per URL, reach each URL once between them (the
 * catalog is read by every shard's generateStaticParams, a category by pages on every shard). With
 * Redis unreachable each shard builds with its own cache and says so once; the merge is the same.
 */
import { readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRedisServer, REDIS_SKIP_MESSAGE, startRedis, type TestRedis } from '../../src/server/test-redis.ts';
import { copyFixture, runKiln, type CliResult } from '../helpers/cli.ts';

const binary = findRedisServer();
if (!binary) console.warn(REDIS_SKIP_MESSAGE);

let app: string;
let api: Server;
let apiUrl: string;
const hits = new Map<string, number>();

beforeAll(async () => {
  app = await copyFixture('sharded');
  api = createServer((req, res) => {
    const url = req.url ?? '/';
    hits.set(url, (hits.get(url) ?? 0) + 1);
    // Late answers, so the shards ask for the same URL while another shard's request is out.
    setTimeout(() => {
      res.setHeader('content-type', 'application/json');
      const [, kind, category, id] = url.split('/');
      if (kind === 'catalog') res.end(JSON.stringify(['tools', 'garden', 'kitchen', 'toys']));
      else if (kind === 'category') res.end(JSON.stringify({ label: category.toUpperCase() }));
      else res.end(JSON.stringify({ price: Number(id) * 7 }));
    }, 40);
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(api.address() as { port: number }).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => api?.close(resolve));
  if (app) await rm(app, { recursive: true, force: true });
});

/** Builds the three shards at once with the environment given; returns their results. */
async function buildShards(name: string, env: Record<string, string>): Promise<CliResult[]> {
  hits.clear();
  const results = await Promise.all(
    [1, 2, 3].map((i) => runKiln(['build', app, '--shard', `${i}/3`, '--out', `${name}-${i}`, '--concurrency', '1'], { env: { KILN_TEST_API: apiUrl, ...env } })),
  );
  for (const r of results) expect(r.code, r.stdout + r.stderr).toBe(0);
  return results;
}

describe.skipIf(!binary)('three shards sharing one Redis', () => {
  let redis: TestRedis;

  beforeAll(async () => {
    redis = await startRedis(binary!);
  });

  afterAll(async () => {
    await redis?.stop();
  });

  it('reach each data URL once between them, and merge into the one-machine build', async () => {
    const results = await buildShards('shared', { KILN_REDIS_URL: redis.url, KILN_BUILD_RUN: 'run-1' });
    for (const r of results) expect(r.stderr, r.stderr).not.toContain('shared fetch cache');
    // 1 catalog, 4 categories, 40 items.
    expect(hits.size).toBe(45);
    expect([...hits].filter(([, n]) => n !== 1)).toEqual([]);

    const merged = await runKiln(['merge', 'shared-1', 'shared-2', 'shared-3', '--out', 'shared-merged'], { cwd: app });
    expect(merged.code, merged.stderr).toBe(0);
    const whole = await runKiln(['build', app, '--out', 'whole'], { env: { KILN_TEST_API: apiUrl } });
    expect(whole.code, whole.stderr).toBe(0);
    for (const file of ['manifest.json', 'pages/products/garden/3.html', 'pages/@index.html']) {
      expect(await readFile(path.join(app, 'shared-merged', file), 'utf8')).toBe(await readFile(path.join(app, 'whole', file), 'utf8'));
    }
    expect(await readFile(path.join(app, 'whole/pages/products/garden/3.html'), 'utf8')).toContain('GARDEN #3');
  }, 120_000);

  it('a new run reads its own data, not the previous run’s', async () => {
    await buildShards('again', { KILN_REDIS_URL: redis.url, KILN_BUILD_RUN: 'run-2' });
    expect(hits.get('/catalog')).toBe(1);
    expect(hits.size).toBe(45);
  }, 120_000);
});

describe('Redis unreachable', () => {
  it('each shard builds with its own cache and says so once', async () => {
    // A port nothing listens on.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));

    const results = await buildShards('alone', { KILN_REDIS_URL: `redis://127.0.0.1:${port}` });
    for (const r of results) {
      expect(r.stderr.split('The shared fetch cache at KILN_REDIS_URL').length - 1).toBe(1);
      expect(r.stderr).toContain('This shard goes on with its own cache');
    }
    // Every shard walks the params, so each fetched the catalog itself.
    expect(hits.get('/catalog')).toBe(3);
    const merged = await runKiln(['merge', 'alone-1', 'alone-2', 'alone-3', '--out', 'alone-merged'], { cwd: app });
    expect(merged.code, merged.stderr).toBe(0);
  }, 120_000);
});
