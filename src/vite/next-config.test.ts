import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { NO_RULES } from '../output/request-rules.ts';
import { ignoredKeysWarning, loadNextConfig, parseNextConfig } from './next-config.ts';

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
      pageExtensions: ['tsx', 'ts', 'jsx', 'js'],
      mdx: null,
      rules: NO_RULES,
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
      pageExtensions: ['tsx', 'ts', 'jsx', 'js'],
      mdx: null,
      rules: NO_RULES,
      ignored: [],
    });
  });

  test('pageExtensions decides which files are routes, so it is read, not ignored', () => {
    const config = parseNextConfig({ pageExtensions: ['js', 'jsx', 'md', 'mdx', 'ts', 'tsx'] }, 'next.config.mjs');
    expect(config.pageExtensions).toEqual(['js', 'jsx', 'md', 'mdx', 'ts', 'tsx']);
    expect(config.ignored).toEqual([]);
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
    [{ pageExtensions: [] }, 'next.config.mjs: pageExtensions is [] (array); expected a list of extensions without the dot'],
    [{ pageExtensions: ['.mdx'] }, 'next.config.mjs: pageExtensions is [".mdx"] (array); expected a list of extensions without the dot'],
    [{ pageExtensions: 'mdx' }, 'next.config.mjs: pageExtensions is "mdx" (string); expected a list of extensions without the dot'],
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

  test("is read as for Turbopack, so @next/mdx's options are data; TURBOPACK is unset again afterwards", async () => {
    // The shape @next/mdx returns: its loader and options in a Turbopack rule only when TURBOPACK is set.
    const root = await app({
      'next.config.mjs': [
        'const loader = "/app/node_modules/@next/mdx/mdx-js-loader.js";',
        'const options = { providerImportSource: "next-mdx-import-source-file", remarkPlugins: ["remark-gfm"] };',
        'export default {',
        '  pageExtensions: ["tsx", "mdx"],',
        '  webpack(config) { config.resolve.alias["next-mdx-import-source-file"] = []; return config; },',
        '  ...(process.env.TURBOPACK ? { turbopack: {',
        '    rules: { "{*,next-mdx-rule}": [{ loaders: [{ loader, options }], as: "*.tsx", condition: { path: /\\.mdx?$/ } }] },',
        '    resolveAlias: { "next-mdx-import-source-file": "@vercel/turbopack-next/mdx-import-source" },',
        '  } } : {}),',
        '};',
        '',
      ].join('\n'),
    });
    const config = await loadNextConfig(root);
    expect(config.mdx).toEqual({
      options: { providerImportSource: 'next-mdx-import-source-file', remarkPlugins: ['remark-gfm'] },
      extension: /\.mdx?$/,
    });
    expect(config.pageExtensions).toEqual(['tsx', 'mdx']);
    // What @next/mdx added is not the app's webpack or Turbopack config.
    expect(config.ignored).toEqual([]);
    expect(process.env.TURBOPACK).toBeUndefined();
  });

  test('the ignored keys are reported once per config', async () => {
    const root = await app({ 'next.config.mjs': 'export default { reactStrictMode: true, poweredByHeader: false };\n' });
    const config = await loadNextConfig(root);
    expect(ignoredKeysWarning(config, root)).toBe(
      'next.config.mjs: Kiln ignores reactStrictMode, poweredByHeader; it reads only output, trailingSlash, basePath, ' +
        "images.unoptimized, pageExtensions, redirects, rewrites, headers and @next/mdx's options. Hint: Remove those keys to silence this warning, " +
        'or keep them for Next.js.',
    );
    expect(ignoredKeysWarning(config, root)).toBeNull();
  });
});
