/**
 * Sharded builds as a CI matrix runs them: `kiln build --shard i/n --out <folder>` in n separate
 * processes (the shard also from KILN_SHARD or a Kubernetes Job's index), then `kiln merge`. The
 * merged output must be the one-machine build, file for file and byte for byte (static export
 * included), and serve the same; a missing or repeated shard is refused, naming it, and leaves the
 * previous output as it was.
 */
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, runKiln, startKiln, type CliResult } from '../helpers/cli.ts';
import { listFiles } from './build-helpers.ts';

let app: string;

beforeAll(async () => {
  app = await copyFixture('sharded');
});

afterAll(async () => {
  if (app) await rm(app, { recursive: true, force: true });
});

function ok(result: CliResult): CliResult {
  expect(result.code, result.stdout + result.stderr).toBe(0);
  return result;
}

/** Builds shard i of n into `<name>-<i>`, a few processes at a time; returns the folders. */
async function buildShards(name: string, n: number, extra: string[] = [], env: (i: number) => Record<string, string> | null = () => null): Promise<string[]> {
  const folders = Array.from({ length: n }, (_, i) => `${name}-${i + 1}`);
  const results: CliResult[] = [];
  for (let start = 0; start < n; start += 3) {
    const batch = folders.slice(start, start + 3).map((folder, k) => {
      const i = start + k + 1;
      const fromEnv = env(i);
      const args = ['build', app, '--out', folder, ...extra, ...(fromEnv ? [] : ['--shard', `${i}/${n}`])];
      return runKiln(args, { env: fromEnv ?? {} });
    });
    results.push(...(await Promise.all(batch)));
  }
  results.forEach((result, i) => {
    ok(result);
    expect(result.stdout).toContain(`shard ${i + 1}/${n}: rendered `);
  });
  return folders;
}

/** Every file of both folders, by name, with the same bytes. */
async function expectSameTree(actual: string, expected: string): Promise<void> {
  const [a, e] = await Promise.all([listFiles(actual), listFiles(expected)]);
  expect(a).toEqual(e);
  for (const file of e) {
    const [x, y] = await Promise.all([readFile(path.join(actual, file)), readFile(path.join(expected, file))]);
    expect(x.equals(y), `${file} differs`).toBe(true);
  }
}

describe('kiln build --shard and kiln merge', () => {
  let whole: string;

  beforeAll(async () => {
    ok(await runKiln(['build', app, '--out', 'whole']));
    whole = path.join(app, 'whole');
  }, 120_000);

  it.each([1, 3, 7])('merges %i shards into the one-machine build, byte for byte', async (n) => {
    // With three shards, two come from the environment as a CI system or Kubernetes sets it.
    const env = (i: number): Record<string, string> | null => {
      if (n !== 3 || i === 1) return null;
      return i === 2 ? { KILN_SHARD: `2/${n}` } : { KILN_SHARDS: String(n), JOB_COMPLETION_INDEX: String(i - 1) };
    };
    const folders = await buildShards(`shard${n}`, n, [], env);
    // Every shard's bundle is the same bytes, and each renders a share of the pages.
    const manifests = await Promise.all(folders.map(async (f) => JSON.parse(await readFile(path.join(app, f, 'manifest.json'), 'utf8'))));
    expect(new Set(manifests.map((m) => m.bundleId)).size).toBe(1);
    const merged = ok(await runKiln(['merge', ...folders.reverse(), '--out', `merged${n}`], { cwd: app }));
    expect(merged.stdout).toMatch(new RegExp(`merged ${n} shards?: 51 prerendered paths`));
    await expectSameTree(path.join(app, `merged${n}`), whole);
  }, 180_000);

  it('serves from the merged output what the one-machine build serves', async () => {
    const server = await startKiln(['start', app, '--out', 'merged3', '--port', '0']);
    try {
      const page = await fetch(`${server.url}/products/kitchen/4`);
      expect(page.status).toBe(200);
      expect(await page.text()).toBe(await readFile(path.join(whole, 'pages/products/kitchen/4.html'), 'utf8'));
      const moved = await fetch(`${server.url}/old/b`, { redirect: 'manual' });
      expect(moved.status).toBe(308);
      expect(moved.headers.get('location')).toBe('/products/tools/2');
      expect((await fetch(`${server.url}/products/toys/7`)).status).toBe(404);
    } finally {
      await server.stop();
    }
  }, 60_000);

  it('refuses a missing shard and a repeated one, naming them, and keeps the previous output', async () => {
    const before = await readFile(path.join(app, 'merged3', 'manifest.json'), 'utf8');
    const missing = await runKiln(['merge', 'shard3-1', 'shard3-3', '--out', 'merged3'], { cwd: app });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('The build was split into 3 shards, but shard 2/3 is missing');
    const repeated = await runKiln(['merge', 'shard3-1', 'shard3-2', 'shard3-3', 'shard7-2', '--out', 'merged3'], { cwd: app });
    expect(repeated.code).toBe(1);
    expect(repeated.stderr).toContain('shard7-2 is a shard of 7, but shard3-1 is a shard of 3');
    const twice = await runKiln(['merge', 'shard3-1', 'shard3-2', 'shard3-3', 'shard3-2', '--out', 'merged3'], { cwd: app });
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('Shard 2/3 was given 2 times (shard3-2, shard3-2)');
    const whole1 = await runKiln(['merge', 'whole', '--out', 'merged3'], { cwd: app });
    expect(whole1.code).toBe(1);
    expect(whole1.stderr).toContain('whole is not the output of a sharded build');
    expect(await readFile(path.join(app, 'merged3', 'manifest.json'), 'utf8')).toBe(before);
  }, 60_000);

  it('refuses a shard from another bundle and a file two shards wrote differently', async () => {
    const { writeFile, cp } = await import('node:fs/promises');
    await cp(path.join(app, 'shard3-2'), path.join(app, 'other-2'), { recursive: true });
    const manifestFile = path.join(app, 'other-2', 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8'));
    await writeFile(manifestFile, JSON.stringify({ ...manifest, bundleId: '0'.repeat(32) }));
    const foreign = await runKiln(['merge', 'shard3-1', 'other-2', 'shard3-3', '--out', 'merged-x'], { cwd: app });
    expect(foreign.code).toBe(1);
    expect(foreign.stderr).toContain('other-2 and shard3-1 were not built from the same bundle');

    await writeFile(manifestFile, JSON.stringify(manifest));
    await writeFile(path.join(app, 'other-2', 'pages', '@404.html'), 'changed');
    const conflict = await runKiln(['merge', 'shard3-1', 'other-2', 'shard3-3', '--out', 'merged-x'], { cwd: app });
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toContain('pages/@404.html differs between other-2 and shard3-1');
    expect(existsSync(path.join(app, 'merged-x'))).toBe(false);
  }, 60_000);
});

describe('a sharded static export', () => {
  it('merges the shards\u2019 partial out/ folders into the one-machine export', async () => {
    ok(await runKiln(['build', app, '--export', '--out', 'whole-export']));
    await rm(path.join(app, 'whole-out'), { recursive: true, force: true });
    const { rename } = await import('node:fs/promises');
    await rename(path.join(app, 'out'), path.join(app, 'whole-out'));
    const folders = await buildShards('export', 3, ['--export']);
    for (const f of folders) expect(existsSync(path.join(app, f, 'out', '404.html')), `${f}/out`).toBe(true);
    const merged = ok(await runKiln(['merge', ...folders, '--out', 'merged-export', '--export-out', 'merged-out'], { cwd: app }));
    expect(merged.stdout).toContain(`exported 113 files to ${path.join(app, 'merged-out')}`);
    await expectSameTree(path.join(app, 'merged-export'), path.join(app, 'whole-export'));
    await expectSameTree(path.join(app, 'merged-out'), path.join(app, 'whole-out'));
  }, 180_000);
});
