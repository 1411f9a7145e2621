/**
 * `kiln.config.(ts|mts|js|mjs)` in the project folder: options for the build that do not belong
 * on every command line. TypeScript files are bundled and evaluated through Vite's config loader;
 * JavaScript ones are imported. Keys of other layers pass through unchecked; the build's own keys
 * are validated here, each error naming the file, the key and the value.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isKilnError, isWholeNumber, kilnError } from '../errors.ts';

export interface KilnConfig {
  /** Render worker threads. Default: one per core. */
  concurrency?: number;
  /** Requests in flight at once per origin during a build (every worker together). Default 16. */
  fetchConcurrency?: number;
  /** Extra attempts for a failed GET and for a generateStaticParams call that throws a network error. Default 2. */
  retries?: number;
  /** A page that has not rendered after this many milliseconds fails the build. Default 60000. */
  pageTimeoutMs?: number;
  /** `'export'` writes a static site to `out/` as well, for any static host. */
  output?: 'export';
  /**
   * Route patterns (`/dashboard/[id]`) whose pages every build renders again, even when nothing
   * Kiln can see changed: for pages that read a database, the clock or anything else outside
   * files and fetch.
   */
  alwaysRebuild?: string[];
  [key: string]: unknown;
}

export interface LoadedKilnConfig {
  /** Project-relative config file, or null when the project has none. */
  file: string | null;
  config: KilnConfig;
}

export const CONFIG_FILES = ['kiln.config.ts', 'kiln.config.mts', 'kiln.config.js', 'kiln.config.mjs'];

const COUNTS: Array<{ key: 'concurrency' | 'fetchConcurrency' | 'retries' | 'pageTimeoutMs'; min: number; expected: string }> = [
  { key: 'concurrency', min: 1, expected: 'a whole number of render workers, at least 1' },
  { key: 'fetchConcurrency', min: 1, expected: 'a whole number of requests per origin, at least 1' },
  { key: 'retries', min: 0, expected: 'a whole number of retries, 0 or more' },
  { key: 'pageTimeoutMs', min: 1, expected: 'a whole number of milliseconds, at least 1' },
];

let imports = 0;

export async function loadKilnConfig(root: string): Promise<LoadedKilnConfig> {
  const found = CONFIG_FILES.find((f) => existsSync(path.join(root, f)));
  if (!found) return { file: null, config: {} };
  const abs = path.join(root, found);
  let value: unknown;
  try {
    if (found.endsWith('.ts') || found.endsWith('.mts')) {
      // Vite is loaded only for a TypeScript config: the build's main process otherwise never needs it.
      const { loadConfigFromFile } = await import('vite');
      const loaded = await loadConfigFromFile({ command: 'build', mode: 'production' }, abs, root, 'silent');
      value = loaded?.config;
    } else {
      // A fresh URL each time: the file may have changed since the last build in this process.
      const mod = (await import(`${pathToFileURL(abs).href}?t=${Date.now()}-${++imports}`)) as { default?: unknown };
      value = mod.default;
      if (typeof value === 'function') value = await (value as () => unknown)();
    }
  } catch (error) {
    if (isKilnError(error)) throw error;
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw kilnError('BUILD_CONFIG_LOAD_FAILED', { file: found, reason }, { cause: error });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw kilnError('BUILD_CONFIG_LOAD_FAILED', { file: found, reason: `its default export is ${value === null ? 'null' : typeof value}, not an object` });
  }
  const config = value as KilnConfig;
  for (const { key, min, expected } of COUNTS) {
    const v = config[key];
    if (v === undefined) continue;
    if (!isWholeNumber(v, min)) {
      throw kilnError('BUILD_CONFIG_INVALID', { file: found, key, value: v, expected });
    }
  }
  if (config.output !== undefined && config.output !== 'export') {
    throw kilnError('BUILD_CONFIG_INVALID', { file: found, key: 'output', value: config.output, expected: '"export" or no value' });
  }
  const always = config.alwaysRebuild;
  if (always !== undefined && (!Array.isArray(always) || always.some((p) => typeof p !== 'string' || !p.startsWith('/')))) {
    throw kilnError('BUILD_CONFIG_INVALID', { file: found, key: 'alwaysRebuild', value: always, expected: "a list of route patterns such as ['/dashboard/[id]']" });
  }
  return { file: found, config };
}
