/**
 * `build()`'s settings, resolved once before anything is written: the app folder and its routes
 * (an app without routes is refused here, before the previous output is touched), the output
 * folder, next.config and kiln.config, and the numbers that size the build, each checked.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { isWholeNumber, kilnError } from '../errors.ts';
import { loadNextConfig, type KilnNextConfig } from '../vite/next-config.ts';
import { findAppDir } from '../vite/paths.ts';
import { loadKilnConfig } from './config.ts';
import { assertSafeOutDir } from './output-swap.ts';
import { DEFAULT_RETRIES, DEFAULT_RETRY_DELAY_MS, type RetryPolicy } from './retry.ts';
import { scanRouteFiles, unlistedPageError } from './route-files.ts';
import type { BuildOptions } from './types.ts';

export const DEFAULT_PAGE_TIMEOUT_MS = 60_000;
export const DEFAULT_FETCH_CONCURRENCY = 16;
/** Pages one lane renders at once: enough to overlap data fetching and writes with rendering. */
export const DEFAULT_RENDER_CONCURRENCY = 4;

/** Render workers when neither the options nor kiln.config say: one per core. */
export function defaultConcurrency(): number {
  return availableParallelism();
}

export interface ResolvedBuild {
  /** The project folder, absolute. */
  root: string;
  /** The app folder relative to `root`: `app` or `src/app`. */
  appDir: string;
  next: KilnNextConfig;
  outDir: string;
  /** Also write a static export (from the options, kiln.config or next.config). */
  exporting: boolean;
  /** What asked for the export, for errors about routes a static host cannot serve. */
  exportConfigFile: string;
  log: NonNullable<BuildOptions['log']>;
  /** Render worker threads, when the build renders in workers. */
  workers: number;
  renderConcurrency: number;
  pageTimeoutMs: number;
  fetchConcurrency: number;
  retry: RetryPolicy;
  /** kiln.config's route patterns whose pages always render. */
  alwaysRebuild: string[];
}

export async function resolveBuild(options: BuildOptions): Promise<ResolvedBuild> {
  const root = path.resolve(options.root);
  const appDir = findAppDir(root);
  if (!appDir) throw kilnError('BUILD_NO_APP_DIR', { root });
  // An error, not a warning: the output would answer 404 to every URL, which no one means to
  // deploy (the usual cause is a wrong folder or a misnamed file such as index.tsx), and failing
  // keeps the previous output in place.
  const next = await loadNextConfig(root);
  const scan = await scanRouteFiles(path.join(root, appDir), next.pageExtensions);
  if (scan.unlisted) throw unlistedPageError(scan.unlisted, appDir, next);
  if (!scan.found) {
    throw kilnError('BUILD_NO_ROUTES', { appDir: path.join(root, appDir), appDirName: appDir });
  }
  const outDir = path.resolve(root, options.outDir ?? 'dist');
  assertSafeOutDir(outDir, root, appDir);
  const { config, file: kilnConfigFile } = await loadKilnConfig(root);
  return {
    root,
    appDir,
    next,
    outDir,
    exporting: options.export === true || config.output === 'export' || next.output === 'export',
    exportConfigFile: options.export ? '--export' : config.output === 'export' ? kilnConfigFile! : (next.file ?? 'next.config'),
    log: options.log ?? defaultLog,
    workers: positive('concurrency', options.concurrency ?? config.concurrency ?? defaultConcurrency()),
    renderConcurrency: positive('renderConcurrency', options.renderConcurrency ?? DEFAULT_RENDER_CONCURRENCY),
    pageTimeoutMs: positive('pageTimeoutMs', options.pageTimeoutMs ?? config.pageTimeoutMs ?? DEFAULT_PAGE_TIMEOUT_MS),
    retry: {
      retries: atLeast(0, 'retries', options.retries ?? config.retries ?? DEFAULT_RETRIES),
      delayMs: atLeast(0, 'retryDelayMs', options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS),
    },
    alwaysRebuild: config.alwaysRebuild ?? [],
    fetchConcurrency: positive('fetchConcurrency', options.fetchConcurrency ?? config.fetchConcurrency ?? DEFAULT_FETCH_CONCURRENCY),
  };
}

function positive(name: string, value: number): number {
  return atLeast(1, name, value);
}

function atLeast(min: number, name: string, value: number): number {
  if (!isWholeNumber(value, min)) throw kilnError('BUILD_OPTION_INVALID', { key: name, value, expected: `a whole number of at least ${min}` });
  return value;
}

function defaultLog(level: 'info' | 'warn' | 'error', message: string): void {
  if (level === 'warn') console.warn(message);
  else if (level === 'error') console.error(message);
}
