/**
 * Reads an app's `next.config.(js|mjs|cjs|ts|mts)` for the options Kiln honours: `output`,
 * `trailingSlash`, `basePath`, `images.unoptimized`, `pageExtensions` and what `@next/mdx` adds.
 * Everything else is listed once as ignored. A config exported as a function is called as
 * Next.js calls it, with the phase.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isKilnError, kilnError } from '../errors.ts';
import { DEFAULT_PAGE_EXTENSIONS } from '../routing/index.ts';
import { readNextMdx, type NextMdxConfig } from './mdx-config.ts';
import { NO_RULES, type RequestRules } from '../output/request-rules.ts';
import { readRequestRules } from './next-config-rules.ts';

export const NEXT_CONFIG_FILES = ['next.config.js', 'next.config.mjs', 'next.config.cjs', 'next.config.ts', 'next.config.mts'];

export type NextPhase = 'phase-production-build' | 'phase-development-server' | 'phase-export' | 'phase-production-server';

export interface KilnNextConfig {
  /** Project-relative config file, or null when the app has none. */
  file: string | null;
  /** 'export': the build also writes a static site to `out/`. */
  output: 'export' | 'standalone' | undefined;
  trailingSlash: boolean;
  /** '' or '/docs': leading slash, no trailing slash. */
  basePath: string;
  images: { unoptimized: boolean };
  /** Which `page.*`, `layout.*`, … files are routes, without the dot: `['tsx', 'ts', 'jsx', 'js']` unless set. */
  pageExtensions: readonly string[];
  /** What `createMDX()` from `@next/mdx` put in the config; null when the config does not use it. */
  mdx: NextMdxConfig | null;
  /** What `redirects()`, `rewrites()` and `headers()` returned. */
  rules: RequestRules;
  /** Keys present in the config that Kiln does not read (`reactStrictMode`, `images.domains`). */
  ignored: string[];
}

export const DEFAULT_NEXT_CONFIG: KilnNextConfig = {
  file: null,
  output: undefined,
  trailingSlash: false,
  basePath: '',
  images: { unoptimized: false },
  pageExtensions: DEFAULT_PAGE_EXTENSIONS,
  mdx: null,
  rules: NO_RULES,
  ignored: [],
};

const READ_KEYS = new Set(['output', 'trailingSlash', 'basePath', 'images', 'pageExtensions', 'redirects', 'rewrites', 'headers']);

export function findNextConfig(root: string): string | null {
  for (const name of NEXT_CONFIG_FILES) {
    const file = path.join(root, name);
    if (existsSync(file)) return file;
  }
  return null;
}

export async function loadNextConfig(root: string, phase: NextPhase = 'phase-production-build'): Promise<KilnNextConfig> {
  const absolute = findNextConfig(root);
  if (!absolute) return { ...DEFAULT_NEXT_CONFIG, images: { ...DEFAULT_NEXT_CONFIG.images }, ignored: [] };
  const file = path.relative(root, absolute).split(path.sep).join('/');
  let value: unknown;
  try {
    value = await asTurbopack(async () => {
      const mod = await importConfig(absolute, root);
      const exported = (mod as { default?: unknown }).default ?? mod;
      return typeof exported === 'function' ? (exported as (phase: string, ctx: unknown) => unknown)(phase, { defaultConfig: {} }) : exported;
    });
  } catch (error) {
    if (isKilnError(error)) throw error;
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw kilnError('NEXT_CONFIG_LOAD_FAILED', { file, reason }, { cause: error });
  }
  const config = parseNextConfig(value, file);
  try {
    config.rules = await readRequestRules(value as Record<string, unknown>, file);
  } catch (error) {
    if (isKilnError(error)) throw error;
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw kilnError('NEXT_CONFIG_LOAD_FAILED', { file, reason: `redirects(), rewrites() or headers() threw: ${reason}` }, { cause: error });
  }
  return config;
}

/** Checks the options Kiln reads; pure, so it is tested without files. */
export function parseNextConfig(value: unknown, file: string): KilnNextConfig {
  if (!isPlainObject(value)) {
    throw kilnError('NEXT_CONFIG_INVALID', {
      file,
      key: 'the default export',
      value,
      expected: 'a config object (or a function returning one)',
      hintText: 'Write export default { output: "export" } (or module.exports = { … }).',
    });
  }
  const bad = (key: string, v: unknown, expected: string, hintText?: string): never => {
    throw kilnError('NEXT_CONFIG_INVALID', { file, key, value: v, expected, ...(hintText ? { hintText } : {}) });
  };
  const config: KilnNextConfig = { ...DEFAULT_NEXT_CONFIG, file, images: { unoptimized: false }, ignored: [] };
  const mdx = readNextMdx(value);
  config.mdx = mdx.mdx;

  const output = value.output;
  if (output !== undefined && output !== 'export' && output !== 'standalone') {
    bad('output', output, '"export", "standalone" or no value');
  }
  config.output = output as KilnNextConfig['output'];

  if (value.trailingSlash !== undefined && typeof value.trailingSlash !== 'boolean') bad('trailingSlash', value.trailingSlash, 'true or false');
  config.trailingSlash = value.trailingSlash === true;

  const basePath = value.basePath;
  if (basePath !== undefined && basePath !== '') {
    if (typeof basePath !== 'string' || !basePath.startsWith('/') || basePath.endsWith('/') || /[?#\\]|\/\/|\/\.\.?(\/|$)/.test(basePath)) {
      bad('basePath', basePath, 'a path such as "/docs": starting with "/", not ending with "/", without "?", "#" or dot segments');
    }
    config.basePath = basePath as string;
  }

  if (value.images !== undefined) {
    if (!isPlainObject(value.images)) bad('images', value.images, 'an object such as { unoptimized: true }');
    const images = value.images as Record<string, unknown>;
    if (images.unoptimized !== undefined && typeof images.unoptimized !== 'boolean') bad('images.unoptimized', images.unoptimized, 'true or false');
    config.images.unoptimized = images.unoptimized === true;
    for (const key of Object.keys(images)) if (key !== 'unoptimized') config.ignored.push(`images.${key}`);
  }
  const pageExtensions = value.pageExtensions;
  if (pageExtensions !== undefined) {
    const valid =
      Array.isArray(pageExtensions) &&
      pageExtensions.length > 0 &&
      pageExtensions.every((e) => typeof e === 'string' && /^[^./\\][^/\\]*$/.test(e) && !e.endsWith('.'));
    if (!valid) {
      bad('pageExtensions', pageExtensions, 'a list of extensions without the dot, such as ["tsx", "ts", "jsx", "js", "mdx"]');
    }
    config.pageExtensions = pageExtensions as string[];
  }
  for (const key of Object.keys(value)) if (!READ_KEYS.has(key) && !mdx.ownedKeys.includes(key)) config.ignored.push(key);
  return config;
}

/**
 * Runs `load` with `process.env.TURBOPACK` set, as Next.js 16 sets it for its default bundler.
 * Config plugins such as @next/mdx then describe their settings as data (Turbopack rules)
 * instead of only inside a `webpack` function, which Kiln cannot run. An explicit value is kept.
 */
async function asTurbopack<T>(load: () => Promise<T>): Promise<T> {
  if (process.env.TURBOPACK !== undefined && turbopackLoads === 0) return load();
  turbopackLoads++;
  process.env.TURBOPACK = '1';
  try {
    return await load();
  } finally {
    // Loads may overlap (several configs read at once); the last one out restores the environment.
    if (--turbopackLoads === 0) delete process.env.TURBOPACK;
  }
}

let turbopackLoads = 0;

async function importConfig(file: string, root: string): Promise<unknown> {
  if (/\.m?ts$/.test(file)) {
    // TypeScript needs compiling; Vite's runner does it (and follows the config's own imports).
    const { runnerImport } = await import('vite');
    const { module } = await runnerImport<unknown>(file, { root, configFile: false, logLevel: 'silent' });
    return module;
  }
  // The modification time busts Node's module cache, so an edited config is read afresh.
  const url = pathToFileURL(file);
  url.searchParams.set('t', String(statSync(file).mtimeMs));
  return import(url.href);
}

const reported = new Set<string>();

/** The "ignored keys" warning, once per config file and content in this process; null otherwise. */
export function ignoredKeysWarning(config: KilnNextConfig, root: string): string | null {
  if (!config.file || config.ignored.length === 0) return null;
  const absolute = path.join(root, config.file);
  const key = `${absolute}:${existsSync(absolute) ? statSync(absolute).mtimeMs : 0}:${config.ignored.join(',')}`;
  if (reported.has(key)) return null;
  reported.add(key);
  return kilnError('NEXT_CONFIG_IGNORED', { file: config.file, keys: config.ignored }).message;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
