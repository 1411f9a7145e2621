import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { findPostcssConfig, loadPostcssConfig, pluginEntries } from './postcss-config.ts';

describe('pluginEntries', () => {
  test('every spelling Next.js accepts, and plugin instances as Vite accepts them', () => {
    const instance = { postcssPlugin: 'inline' };
    expect(pluginEntries({ plugins: ['a', ['b', { x: 1 }], ['c', false], instance, false, null] }, 'postcss.config.mjs')).toEqual([
      { name: 'a' },
      { name: 'b', options: { x: 1 } },
      { name: 'c', options: false },
      { name: null, plugin: instance },
    ]);
    expect(pluginEntries({ plugins: { '@tailwindcss/postcss': {}, autoprefixer: true, off: false } }, 'postcss.config.js')).toEqual([
      { name: '@tailwindcss/postcss', options: {} },
      { name: 'autoprefixer', options: true },
      { name: 'off', options: false },
    ]);
    expect(pluginEntries({}, '.postcssrc.json')).toEqual([]);
  });

  test.each([
    [null, 'postcss.config.mjs: the default export is null (null); expected an object such as { plugins: ["@tailwindcss/postcss"] }.'],
    [{ plugins: 'a' }, 'postcss.config.mjs: plugins is "a" (string); expected an array of plugin names or an object of name: options.'],
    [{ plugins: [[1, {}]] }, 'postcss.config.mjs: plugins[0] is [1, {}] (array); expected a plugin name, or [name, options].'],
    [{ plugins: ['a', 42] }, 'postcss.config.mjs: plugins[1] is 42 (number); expected a plugin name, [name, options] or a plugin.'],
  ])('rejects %j naming the file and the key', (config, message) => {
    expect(() => pluginEntries(config, 'postcss.config.mjs')).toThrow(message);
  });
});

describe('loadPostcssConfig', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'kiln-postcss-'));
    await writeFile(path.join(dir, 'package.json'), '{"name":"app","private":true}');
    // A plugin installed in the app: a PostCSS 8 creator that records the options it was given.
    const plugin = path.join(dir, 'node_modules/postcss-mark');
    await mkdir(plugin, { recursive: true });
    await writeFile(path.join(plugin, 'package.json'), '{"name":"postcss-mark","main":"index.js"}');
    await writeFile(
      path.join(plugin, 'index.js'),
      'module.exports = (options) => ({ postcssPlugin: "postcss-mark", options });\nmodule.exports.postcss = true;\n',
    );
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const load = (defaultOptions?: Record<string, Record<string, unknown>>) => loadPostcssConfig(dir, dir, { env: 'production', defaultOptions });

  test('the array form: names resolved from the app and called with their options', async () => {
    await writeFile(path.join(dir, 'postcss.config.mjs'), 'export default { plugins: ["postcss-mark", ["postcss-mark", { level: 2 }], ["postcss-mark", false]] };\n');
    const config = await load();
    expect(config?.file).toBe('postcss.config.mjs');
    expect(config?.plugins.map((p) => [p.name, p.plugin])).toEqual([
      ['postcss-mark', { postcssPlugin: 'postcss-mark', options: undefined }],
      ['postcss-mark', { postcssPlugin: 'postcss-mark', options: { level: 2 } }],
    ]);
    expect(config?.plugins[0].resolved).toBe(path.join(dir, 'node_modules/postcss-mark/index.js'));
  });

  test('the object form in CommonJS, with default options the config does not override', async () => {
    await writeFile(path.join(dir, 'postcss.config.cjs'), 'module.exports = { plugins: { "postcss-mark": { level: 1 } } };\n');
    const config = await load({ 'postcss-mark': { base: '/app', level: 0 } });
    expect(config?.plugins.map((p) => p.plugin)).toEqual([{ postcssPlugin: 'postcss-mark', options: { base: '/app', level: 1 } }]);
  });

  test('.postcssrc.json, a config written as a function, and the package.json key', async () => {
    await writeFile(path.join(dir, '.postcssrc.json'), '{ "plugins": ["postcss-mark"] }');
    expect((await load())?.plugins).toHaveLength(1);
    await rm(path.join(dir, '.postcssrc.json'));

    await writeFile(path.join(dir, 'postcss.config.js'), 'module.exports = (ctx) => ({ plugins: ctx.env === "production" ? ["postcss-mark"] : [] });\n');
    expect((await load())?.plugins).toHaveLength(1);
    await rm(path.join(dir, 'postcss.config.js'));

    await writeFile(path.join(dir, 'package.json'), '{"name":"app","postcss":{"plugins":{"postcss-mark":{}}}}');
    const config = await load();
    expect(config?.file).toBe('package.json');
    expect(config?.plugins).toHaveLength(1);
  });

  test('no config: null, and Vite keeps its own search', async () => {
    expect(await load()).toBeNull();
  });

  test('a plugin the app has not installed is an error naming the config file and the plugin', async () => {
    await writeFile(path.join(dir, 'postcss.config.mjs'), 'export default { plugins: ["postcss-mark", "@tailwindcss/postcss-typo"] };\n');
    await expect(load()).rejects.toThrow(
      `postcss.config.mjs names the PostCSS plugin "@tailwindcss/postcss-typo", which cannot be found from ${dir}.`,
    );
  });

  test('a module that is not a PostCSS plugin is an error naming it', async () => {
    await writeFile(path.join(dir, 'not-a-plugin.cjs'), 'module.exports = { hello: 1 };\n');
    await writeFile(path.join(dir, 'postcss.config.mjs'), 'export default { plugins: ["./not-a-plugin.cjs"] };\n');
    await expect(load()).rejects.toThrow('postcss.config.mjs: the PostCSS plugin "./not-a-plugin.cjs" could not be loaded: it exports an object that is not a PostCSS plugin.');
  });
});

describe('findPostcssConfig', () => {
  test('the nearest config from the app up to the stop folder, and none above it', async () => {
    const top = await mkdtemp(path.join(tmpdir(), 'kiln-postcss-find-'));
    try {
      const app = path.join(top, 'apps/web');
      await mkdir(app, { recursive: true });
      await writeFile(path.join(top, 'postcss.config.mjs'), 'export default {};');
      expect(findPostcssConfig(app, top)?.absolute).toBe(path.join(top, 'postcss.config.mjs'));
      expect(findPostcssConfig(app, path.join(top, 'apps'))).toBeNull();
      await writeFile(path.join(app, '.postcssrc'), '{}');
      expect(findPostcssConfig(app, top)?.absolute).toBe(path.join(app, '.postcssrc'));
    } finally {
      await rm(top, { recursive: true, force: true });
    }
  });
});
