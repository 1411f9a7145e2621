/**
 * Reads an app's PostCSS config the way Next.js does and turns it into the plugin instances
 * Vite takes inline. Next.js apps name their plugins as strings (`plugins: ["@tailwindcss/postcss"]`,
 * `[name, options]` pairs, or `{ name: options }`); Vite's own loader accepts only plugin
 * instances and stops at `Invalid PostCSS Plugin`. Plugin names are resolved from the app, as
 * the app's own `npm install` put them there, not from Kiln's install.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CSSOptions } from 'vite';
import { isKilnError, kilnError } from '../errors.ts';

export type PostcssPlugin = NonNullable<Exclude<CSSOptions['postcss'], string | undefined>['plugins']>[number];

/** Where a directory may hold a PostCSS config, in the order PostCSS's own loader looks. */
export const POSTCSS_CONFIG_FILES = [
  '.postcssrc',
  '.postcssrc.json',
  '.postcssrc.js',
  '.postcssrc.cjs',
  '.postcssrc.mjs',
  '.postcssrc.ts',
  '.postcssrc.mts',
  '.postcssrc.cts',
  'postcss.config.js',
  'postcss.config.cjs',
  'postcss.config.mjs',
  'postcss.config.ts',
  'postcss.config.mts',
  'postcss.config.cts',
  'postcss.config.json',
];

export interface PostcssConfig {
  /** The config file as the user knows it (relative to the app), `package.json` for its `postcss` key. */
  file: string;
  plugins: LoadedPlugin[];
}

export interface LoadedPlugin {
  plugin: PostcssPlugin;
  /** The name the config gave, or null for a plugin instance. */
  name: string | null;
  /** The module the name resolved to. */
  resolved: string | null;
}

export interface LoadOptions {
  env: 'production' | 'development';
  /** Options a named plugin gets unless the config sets them. */
  defaultOptions?: Record<string, Record<string, unknown>>;
}

/** One entry of `plugins` once the config's spellings are unified; `options: false` turns it off. */
export interface PluginEntry {
  name: string | null;
  plugin?: unknown;
  options?: unknown;
}

export interface FoundConfig {
  absolute: string;
  /** Set when the config is the `postcss` key of this package.json. */
  packageKey?: true;
}

/**
 * The config that applies to `root`: the nearest one from `root` up to `stopDir`, which Vite
 * stops at too, so a config Vite would have used is never skipped and none above it is taken.
 */
export function findPostcssConfig(root: string, stopDir: string): FoundConfig | null {
  for (let dir = path.resolve(root); ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && hasPostcssKey(pkg)) return { absolute: pkg, packageKey: true };
    for (const name of POSTCSS_CONFIG_FILES) {
      const file = path.join(dir, name);
      if (existsSync(file)) return { absolute: file };
    }
    if (dir === path.resolve(stopDir) || dir === path.dirname(dir)) return null;
  }
}

export async function loadPostcssConfig(root: string, stopDir: string, options: LoadOptions): Promise<PostcssConfig | null> {
  const found = findPostcssConfig(root, stopDir);
  if (!found) return null;
  const file = displayPath(root, found.absolute);
  let value: unknown;
  try {
    value = await readConfigValue(found, root);
    // PostCSS's loader passes a context to a config written as a function; some configs branch on it.
    if (typeof value === 'function') value = await (value as (ctx: unknown) => unknown)({ env: options.env, cwd: root, file: found.absolute });
  } catch (error) {
    if (isKilnError(error)) throw error;
    throw kilnError('POSTCSS_CONFIG_LOAD_FAILED', { file, reason: firstLine(error) }, { cause: error });
  }
  const plugins: LoadedPlugin[] = [];
  const require = createRequire(path.join(root, 'package.json'));
  for (const entry of pluginEntries(value, file)) {
    if (entry.options === false) continue;
    if (entry.name === null) {
      plugins.push({ plugin: instantiate(entry.plugin, entry, file), name: null, resolved: null });
      continue;
    }
    const resolved = resolvePlugin(require, entry.name, file, root);
    const own = entry.options;
    const defaults = own === undefined || own === true || isObject(own) ? options.defaultOptions?.[entry.name] : undefined;
    const withDefaults = defaults ? { ...entry, options: { ...defaults, ...(isObject(own) ? own : {}) } } : entry;
    plugins.push({ plugin: instantiate(await importPlugin(resolved, entry.name, file), withDefaults, file), name: entry.name, resolved });
  }
  return { file, plugins };
}

/**
 * The config's `plugins` in one shape. Accepts every spelling Next.js accepts (strings,
 * `[name, options]`, `{ name: options }`) and, as Vite does, plugin instances.
 */
export function pluginEntries(config: unknown, file: string): PluginEntry[] {
  if (!isObject(config)) {
    throw kilnError('POSTCSS_CONFIG_INVALID', { file, key: 'the default export', value: config, expected: 'an object such as { plugins: ["@tailwindcss/postcss"] }' });
  }
  const plugins = config.plugins;
  if (plugins === undefined || plugins === null) return [];
  if (Array.isArray(plugins)) {
    return plugins.flatMap((item, i): PluginEntry[] => {
      if (item === false || item === null || item === undefined) return [];
      if (typeof item === 'string') return [{ name: item }];
      if (Array.isArray(item)) {
        if (typeof item[0] !== 'string' || item.length > 2) {
          throw kilnError('POSTCSS_CONFIG_INVALID', { file, key: `plugins[${i}]`, value: item, expected: 'a plugin name, or [name, options]' });
        }
        return [{ name: item[0], options: item[1] }];
      }
      if (typeof item === 'function' || isObject(item)) return [{ name: null, plugin: item }];
      throw kilnError('POSTCSS_CONFIG_INVALID', { file, key: `plugins[${i}]`, value: item, expected: 'a plugin name, [name, options] or a plugin' });
    });
  }
  if (isObject(plugins)) return Object.entries(plugins).map(([name, options]) => ({ name, options }));
  throw kilnError('POSTCSS_CONFIG_INVALID', { file, key: 'plugins', value: plugins, expected: 'an array of plugin names or an object of name: options' });
}

async function readConfigValue(found: FoundConfig, root: string): Promise<unknown> {
  const file = found.absolute;
  if (found.packageKey) return (JSON.parse(readFileSync(file, 'utf8')) as { postcss: unknown }).postcss;
  if (file.endsWith('.json') || path.basename(file) === '.postcssrc') return JSON.parse(readFileSync(file, 'utf8'));
  if (/\.[mc]?ts$/.test(file)) {
    // TypeScript needs compiling; Vite's runner does it and follows the config's own imports.
    const { runnerImport } = await import('vite');
    const { module } = await runnerImport<{ default?: unknown }>(file, { root, configFile: false, logLevel: 'silent' });
    return module.default ?? module;
  }
  // The modification time busts Node's module cache, so an edited config is read afresh.
  const url = pathToFileURL(file);
  url.searchParams.set('t', String(statSync(file).mtimeMs));
  const mod = (await import(url.href)) as { default?: unknown };
  return mod.default ?? mod;
}

function resolvePlugin(require: NodeJS.Require, name: string, file: string, root: string): string {
  try {
    return require.resolve(name);
  } catch (error) {
    if ((error as { code?: string }).code !== 'MODULE_NOT_FOUND') throw kilnError('POSTCSS_PLUGIN_FAILED', { file, plugin: name, reason: firstLine(error) }, { cause: error });
    throw kilnError('POSTCSS_PLUGIN_NOT_FOUND', { file, plugin: name, from: root });
  }
}

async function importPlugin(resolved: string, name: string, file: string): Promise<unknown> {
  try {
    const mod = (await import(pathToFileURL(resolved).href)) as { default?: unknown };
    const value = mod.default ?? mod;
    // A CommonJS module compiled from ESM exports `{ default: plugin }`.
    return isObject(value) && typeof value.default === 'function' ? value.default : value;
  } catch (error) {
    throw kilnError('POSTCSS_PLUGIN_FAILED', { file, plugin: name, reason: firstLine(error) }, { cause: error });
  }
}

/** A PostCSS 8 plugin module exports a creator (`postcss: true`) to be called with the options. */
function instantiate(plugin: unknown, entry: PluginEntry, file: string): PostcssPlugin {
  const label = entry.name ?? 'a plugin';
  const options = entry.options === true || (isObject(entry.options) && Object.keys(entry.options).length === 0) ? undefined : entry.options;
  try {
    if (typeof plugin === 'function' && (plugin as { postcss?: unknown }).postcss === true) return (plugin as (o?: unknown) => PostcssPlugin)(options);
    if (typeof plugin === 'function' && options !== undefined) return (plugin as (o?: unknown) => PostcssPlugin)(options);
  } catch (error) {
    throw kilnError('POSTCSS_PLUGIN_FAILED', { file, plugin: label, reason: firstLine(error) }, { cause: error });
  }
  if (typeof plugin === 'function' || (isObject(plugin) && (typeof plugin.postcssPlugin === 'string' || Array.isArray(plugin.plugins)))) {
    return plugin as PostcssPlugin;
  }
  throw kilnError('POSTCSS_PLUGIN_FAILED', { file, plugin: label, reason: `it exports ${typeof plugin === 'object' ? 'an object' : typeof plugin} that is not a PostCSS plugin` });
}

function hasPostcssKey(pkg: string): boolean {
  try {
    const value = (JSON.parse(readFileSync(pkg, 'utf8')) as { postcss?: unknown }).postcss;
    return typeof value === 'object' && value !== null;
  } catch {
    return false;
  }
}

function displayPath(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

function firstLine(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0] : String(error);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
