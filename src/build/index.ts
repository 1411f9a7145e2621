/**
 * `build()`: bundle with Vite, stream every route's params through a bounded queue into the
 * renderer, write pages, the 404 page and the manifest into a fresh folder, then swap it in.
 * On any failure the fresh folder is deleted and the previous output stays as it was.
 */
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { kilnError } from '../errors.ts';
import { generateAllParams } from '../params/index.ts';
import type { PageEntry, ParamsWarning } from '../params/types.ts';
import type { Route } from '../routing/types.ts';
import { findAppDir } from '../vite/paths.ts';
import { forEachBounded } from './bounded.ts';
import { MANIFEST_FILE, manifestJson } from './manifest.ts';
import { planRoutes, type PlannedRoute } from './plan.ts';
import { createRenderer } from './renderer.ts';
import { folderSize } from './sizes.ts';
import { assertSafeOutDir, createStagingDir, discard, swapIn } from './output-swap.ts';
import type { BuildOptions, BuildProgress, BuildResult, BuildTimings } from './types.ts';
import { bundle } from './vite-build.ts';
import { createWriter } from './writer.ts';

export type * from './types.ts';
export { createRenderer, type Renderer, type RenderedPage } from './renderer.ts';
export { pageFiles, NOT_FOUND_PAGE, PAGES_DIR } from './page-files.ts';
export { MANIFEST_FILE, type Manifest, type ManifestRouteEntry } from './manifest.ts';

export const DEFAULT_RENDER_CONCURRENCY = 8;

export async function build(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const root = path.resolve(options.root);
  const appDir = findAppDir(root);
  if (!appDir) throw kilnError('BUILD_NO_APP_DIR', { root });
  const outDir = path.resolve(root, options.outDir ?? 'dist');
  assertSafeOutDir(outDir, root, appDir);
  const log = options.log ?? defaultLog;
  const concurrency = options.concurrency ?? DEFAULT_RENDER_CONCURRENCY;
  const warnings: ParamsWarning[] = [];
  const timings: BuildTimings = { bundleMs: 0, prerenderMs: 0, paramsMs: 0, renderMs: 0, writeMs: 0, totalMs: 0 };

  let pages = 0;
  /** Pages the params produced, once they are all known; `skipped` called notFound(). */
  let total: number | undefined;
  let skipped = 0;
  let prerenderStart = 0;
  const progress = (phase: BuildProgress['phase'], pathname?: string): void => {
    if (!options.onProgress) return;
    const seconds = prerenderStart ? (performance.now() - prerenderStart) / 1000 : 0;
    const event: BuildProgress = { phase, pages, pagesPerSecond: seconds > 0 ? pages / seconds : 0 };
    if (total !== undefined) event.total = total - skipped;
    if (pathname !== undefined) event.pathname = pathname;
    options.onProgress(event);
  };

  const staging = await createStagingDir(outDir);
  try {
    progress('bundle');
    const t0 = performance.now();
    await bundle({ root, appDir, outDir: staging, mode: options.mode ?? 'production', log, verbose: options.verbose });
    timings.bundleMs = performance.now() - t0;

    const renderer = await createRenderer(path.join(staging, 'server'));
    const { tree, load } = renderer.entry;
    prerenderStart = performance.now();
    progress('prerender');
    const planned = await planRoutes(tree.routes, load);
    const byRoute = new Map<Route, PlannedRoute>(planned.map((p) => [p.route, p]));
    const writer = createWriter(staging);

    const onWarning = (warning: ParamsWarning): void => {
      warnings.push(warning);
      log('warn', warning.message);
    };
    const entries = counted(
      generateAllParams(
        planned.filter((p) => p.prerender).map((p) => p.route),
        { load, onWarning },
      ),
      (count) => {
        total = count;
      },
    );
    await forEachBounded(
      entries,
      concurrency,
      async (page: PageEntry) => {
        const plan = byRoute.get(page.route)!;
        const tr = performance.now();
        const rendered = await renderer.renderOne(page);
        timings.renderMs += performance.now() - tr;
        if (rendered.status !== 200) {
          plan.stats.notFound++;
          skipped++;
          const details = { file: page.route.file, route: page.route.pattern, path: page.pathname };
          onWarning({ code: 'BUILD_PAGE_NOT_FOUND', message: kilnError('BUILD_PAGE_NOT_FOUND', details).message });
          return;
        }
        const tw = performance.now();
        const bytes = await writer.write(rendered.files);
        timings.writeMs += performance.now() - tw;
        plan.stats.pages++;
        plan.stats.bytes += bytes;
        plan.paths.push(page.pathname);
        pages++;
        progress('prerender', page.pathname);
      },
      {
        onWait: (ms) => {
          timings.paramsMs += ms;
        },
      },
    );

    await writer.write([await renderer.renderNotFound()]);
    timings.prerenderMs = performance.now() - prerenderStart;

    progress('finish');
    const buildId = randomBytes(8).toString('hex');
    // Paths are listed in the order they were written; sort for a stable, diffable manifest.
    for (const p of planned) p.paths.sort();
    await writeFile(path.join(staging, MANIFEST_FILE), manifestJson(tree.appDir, buildId, planned));

    const [client, server, pagesBytes] = await Promise.all(
      ['client', 'server', 'pages'].map((dir) => folderSize(path.join(staging, dir))),
    );
    await swapIn(staging, outDir);
    timings.totalMs = performance.now() - started;
    return {
      outDir,
      appDir: tree.appDir,
      buildId,
      routes: planned.map((p) => p.stats),
      pages,
      timings,
      sizes: { client, server, pages: pagesBytes },
      warnings,
    };
  } catch (error) {
    await discard(staging);
    throw error;
  }
}

/** Passes items through and reports how many there were once the source is exhausted. */
async function* counted<T>(source: AsyncIterable<T>, onDone: (count: number) => void): AsyncGenerator<T> {
  let count = 0;
  for await (const item of source) {
    count++;
    yield item;
  }
  onDone(count);
}

function defaultLog(level: 'info' | 'warn' | 'error', message: string): void {
  if (level === 'warn') console.warn(message);
  else if (level === 'error') console.error(message);
}
