import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { ignoredKeysWarning, loadNextConfig, parseNextConfig } from './config.ts';

describe('parseNextConfig', () => {
  test('reads the options Kiln honours and lists the rest as ignored', () => {
    const config = parseNextConfig(
      { output: 'export', trailingSlash: true, basePath: '/docs', images: { unoptimized: true, domains: ['x'] }, reactStrictMode: true },
      'next.config.mjs',
    );
    expect(config).toEqual({
      file: 'next.config.mjs',
      output: 'export',
      trailingSlash: true,
      basePath: '/docs',
      images: { unoptimized: true },
      ignored: ['images.domains', 'reactStrictMode'],
    });
  });

  test('defaults: no output, no trailing slash, no base path', () => {
    expect(parseNextConfig({}, 'next.config.js')).toEqual({
      file: 'next.config.js',
      output: undefined,
      trailingSlash: false,
      basePath: '',
      images: { unoptimized: false },
      ignored: [],
    });
  });

  test.each([
    [{ output: 'server' }, 'next.config.mjs: output is "server" (string); expected "export", "standalone" or no value.'],
    [{ trailingSlash: 'yes' }, 'next.config.mjs: trailingSlash is "yes" (string); expected true or false.'],
    [
      { basePath: 'docs/' },
      'next.config.mjs: basePath is "docs/" (string); expected a path such as "/docs": starting with "/", not ending with "/", without "?", "#" or dot segments.',
    ],
    [{ basePath: '/a/../b' }, 'next.config.mjs: basePath is "/a/../b" (string); expected a path such as "/docs"'],
    [{ images: { unoptimized: 1 } }, 'next.config.mjs: images.unoptimized is 1 (number); expected true or false.'],
    [[1], 'next.config.mjs: the default export is [1] (array); expected a config object (or a function returning one).'],
  ])('%o is refused', (value, message) => {
    expect(() => parseNextConfig(value, 'next.config.mjs')).toThrow(message);
  });
});

describe('loadNextConfig', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });
  const app = async (files: Record<string, string>): Promise<string> => {
    dir = await mkdtemp(path.join(tmpdir(), 'kiln-next-config-'));
    for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
    return dir;
  };

  test('an app without a config gets the defaults', async () => {
    expect(await loadNextConfig(await app({}))).toMatchObject({ file: null, output: undefined, basePath: '' });
  });

  test('next.config.mjs exporting a function is called with the phase', async () => {
    const root = await app({
      'next.config.mjs': "export default (phase) => ({ basePath: phase === 'phase-production-build' ? '/built' : '/dev' });\n",
    });
    expect((await loadNextConfig(root)).basePath).toBe('/built');
    expect((await loadNextConfig(root, 'phase-development-server')).basePath).toBe('/dev');
  });

  test('next.config.js in CommonJS', async () => {
    const root = await app({ 'next.config.js': "module.exports = { output: 'export', trailingSlash: true };\n" });
    expect(await loadNextConfig(root)).toMatchObject({ file: 'next.config.js', output: 'export', trailingSlash: true });
  });

  test('next.config.ts with types', async () => {
    const root = await app({
      'next.config.ts': "import type { NextConfig } from 'next';\nconst config: NextConfig = { output: 'export' as const };\nexport default config;\n",
    });
    expect(await loadNextConfig(root)).toMatchObject({ file: 'next.config.ts', output: 'export' });
  });

  test('a config that throws fails with the file named', async () => {
    const root = await app({ 'next.config.mjs': "throw new Error('boom');\n" });
    await expect(loadNextConfig(root)).rejects.toThrow('next.config.mjs could not be loaded: boom.');
  });

  test('the ignored keys are reported once per config', async () => {
    const root = await app({ 'next.config.mjs': 'export default { reactStrictMode: true, poweredByHeader: false };\n' });
    const config = await loadNextConfig(root);
    expect(ignoredKeysWarning(config, root)).toBe(
      'next.config.mjs: Kiln ignores reactStrictMode, poweredByHeader; it reads only output, trailingSlash, basePath and ' +
        'images.unoptimized. Hint: Remove those keys to silence this warning, or keep them for Next.js.',
    );
    expect(ignoredKeysWarning(config, root)).toBeNull();
  });
});
