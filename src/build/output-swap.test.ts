import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { isKilnError } from '../errors.ts';
import { assertSafeOutDir, createStagingDir, discard, swapIn, swapInAll } from './output-swap.ts';

describe('swapIn', () => {
  test('replaces the old output and leaves nothing beside it', async () => {
    const parent = await mkdtemp(path.join(tmpdir(), 'kiln-swap-'));
    const out = path.join(parent, 'dist');
    await mkdir(out);
    await writeFile(path.join(out, 'old.txt'), 'old');
    const staging = await createStagingDir(out);
    expect(path.dirname(staging)).toBe(parent);
    await writeFile(path.join(staging, 'new.txt'), 'new');
    await swapIn(staging, out);
    expect(await readdir(out)).toEqual(['new.txt']);
    expect(await readdir(parent)).toEqual(['dist']);
    await rm(parent, { recursive: true });
  });

  test('works when there is no previous output; discard removes a staging folder', async () => {
    const parent = await mkdtemp(path.join(tmpdir(), 'kiln-swap-'));
    const out = path.join(parent, 'dist');
    const staging = await createStagingDir(out);
    await writeFile(path.join(staging, 'a.txt'), 'a');
    await swapIn(staging, out);
    expect(await readFile(path.join(out, 'a.txt'), 'utf8')).toBe('a');
    const second = await createStagingDir(out);
    await discard(second);
    expect(await readdir(parent)).toEqual(['dist']);
    await rm(parent, { recursive: true });
  });
});

describe('swapInAll', () => {
  test('replaces several outputs together, or none of them when one cannot be moved in', async () => {
    const parent = await mkdtemp(path.join(tmpdir(), 'kiln-swap-'));
    const dist = path.join(parent, 'dist');
    const out = path.join(parent, 'out');
    for (const dir of [dist, out]) {
      await mkdir(dir);
      await writeFile(path.join(dir, 'v.txt'), 'old');
    }
    const staged = [await createStagingDir(dist), await createStagingDir(out)];
    for (const dir of staged) await writeFile(path.join(dir, 'v.txt'), 'new');

    // The second staging folder is gone: the first output must not be left swapped alone.
    await rm(staged[1], { recursive: true });
    await expect(swapInAll([{ staging: staged[0], outDir: dist }, { staging: staged[1], outDir: out }])).rejects.toThrow();
    expect([await readFile(path.join(dist, 'v.txt'), 'utf8'), await readFile(path.join(out, 'v.txt'), 'utf8')]).toEqual(['old', 'old']);
    expect(await readFile(path.join(staged[0], 'v.txt'), 'utf8')).toBe('new');

    staged[1] = await createStagingDir(out);
    await writeFile(path.join(staged[1], 'v.txt'), 'new');
    await swapInAll([{ staging: staged[0], outDir: dist }, { staging: staged[1], outDir: out }]);
    expect([await readFile(path.join(dist, 'v.txt'), 'utf8'), await readFile(path.join(out, 'v.txt'), 'utf8')]).toEqual(['new', 'new']);
    expect((await readdir(parent)).sort()).toEqual(['dist', 'out']);
    await rm(parent, { recursive: true });
  });
});

describe('assertSafeOutDir', () => {
  const root = '/p/site';
  const code = (outDir: string): string | null => {
    try {
      assertSafeOutDir(outDir, root, 'src/app');
      return null;
    } catch (e) {
      return isKilnError(e) ? e.code : 'other';
    }
  };
  test('accepts ordinary output folders', () => {
    expect(code('/p/site/dist')).toBeNull();
    expect(code('/p/site/out/build')).toBeNull();
    expect(code('/elsewhere/dist')).toBeNull();
    expect(code('/p/site/src/dist')).toBeNull();
  });
  test('refuses the project, its parents, and anything holding or inside the sources', () => {
    for (const bad of ['/p/site', '/p', '/', '/p/site/src', '/p/site/src/app', '/p/site/src/app/dist', '/p/site/public', '/p/site/public/x']) {
      expect([bad, code(bad)]).toEqual([bad, 'BUILD_OUT_DIR_UNSAFE']);
    }
  });
});

describe('removing the previous output in the background', () => {
  const until = async (check: () => Promise<boolean>): Promise<void> => {
    const deadline = Date.now() + 10_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  test('swaps at once and leaves the deletion to a process of its own', async () => {
    const parent = await mkdtemp(path.join(tmpdir(), 'kiln-swap-'));
    const out = path.join(parent, 'dist');
    await mkdir(path.join(out, 'pages', 'a'), { recursive: true });
    await writeFile(path.join(out, 'pages', 'a', 'index.html'), 'old');
    const staging = await createStagingDir(out);
    await writeFile(path.join(staging, 'new.txt'), 'new');
    await swapIn(staging, out, 'background');
    expect(await readdir(out)).toEqual(['new.txt']);
    await until(async () => (await readdir(parent)).length === 1);
    expect(await readdir(parent)).toEqual(['dist']);
    await rm(parent, { recursive: true });
  });

  test('a previous output an interrupted deletion left behind is deleted by the next build', async () => {
    const parent = await mkdtemp(path.join(tmpdir(), 'kiln-swap-'));
    const out = path.join(parent, 'dist');
    const leftover = path.join(parent, '.dist.kiln-0123abcd.old');
    const unrelated = path.join(parent, '.dist.kiln-notmine');
    await mkdir(path.join(leftover, 'pages'), { recursive: true });
    await mkdir(unrelated);
    const staging = await createStagingDir(out);
    await until(async () => !(await readdir(parent)).includes(path.basename(leftover)));
    expect((await readdir(parent)).sort()).toEqual([path.basename(staging), path.basename(unrelated)].sort());
    await rm(parent, { recursive: true });
  });
});
