import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { resolveMdxPlugins } from './mdx-plugins.ts';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'kiln-mdx-plugins-'));
  await writeFile(path.join(root, 'package.json'), '{ "private": true }\n');
  const pkg = async (name: string, files: Record<string, string>): Promise<void> => {
    await mkdir(path.join(root, 'node_modules', name), { recursive: true });
    for (const [file, text] of Object.entries(files)) await writeFile(path.join(root, 'node_modules', name, file), text);
  };
  await pkg('remark-esm', {
    'package.json': '{ "name": "remark-esm", "type": "module", "exports": "./index.js" }',
    'index.js': 'export default function remarkEsm() { return () => {}; }\n',
  });
  await pkg('rehype-cjs', {
    'package.json': '{ "name": "rehype-cjs", "main": "index.js" }',
    'index.js': 'module.exports = function rehypeCjs() { return () => {}; };\n',
  });
  await pkg('remark-broken', {
    'package.json': '{ "name": "remark-broken", "type": "module", "exports": "./index.js" }',
    'index.js': "throw new Error('needs unified 12');\n",
  });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('resolveMdxPlugins', () => {
  test("imports named plugins from the app's install, keeps [name, options] pairs' options, and takes functions as they are", async () => {
    const own = (): void => undefined;
    const resolved = await resolveMdxPlugins(
      { remarkPlugins: ['remark-esm', own], rehypePlugins: [['rehype-cjs', { prefix: 'h-' }]], format: 'mdx' },
      root,
      'next.config.mjs',
    );
    const [remarkEsm, kept] = resolved.remarkPlugins as unknown[];
    expect((remarkEsm as { name: string }).name).toBe('remarkEsm');
    expect(kept).toBe(own);
    const [[rehypeCjs, options]] = resolved.rehypePlugins as [unknown, unknown][];
    expect((rehypeCjs as { name: string }).name).toBe('rehypeCjs');
    expect(options).toEqual({ prefix: 'h-' });
    expect(resolved.format).toBe('mdx');
  });

  test('a name the app has not installed is an error naming the config and the install command', async () => {
    await expect(resolveMdxPlugins({ remarkPlugins: ['remark-gfm'] }, root, 'next.config.mjs')).rejects.toThrow(
      `next.config.mjs names the remarkPlugins entry "remark-gfm" in @next/mdx's options, which cannot be found from ${root}. ` +
        'Hint: Install it in the app (npm install remark-gfm), or remove it from next.config.mjs.',
    );
  });

  test('a plugin that fails to load is named with its error', async () => {
    await expect(resolveMdxPlugins({ rehypePlugins: [['remark-broken']] }, root, 'next.config.js')).rejects.toThrow(
      'next.config.js: the rehypePlugins entry "remark-broken" could not be loaded: needs unified 12.',
    );
  });

  test('a list that is not a list is refused', async () => {
    await expect(resolveMdxPlugins({ remarkPlugins: 'remark-esm' }, root, 'next.config.js')).rejects.toThrow(
      "next.config.js: createMDX's options.remarkPlugins is \"remark-esm\" (string); expected a list of plugins",
    );
  });
});
