/**
 * `build()`: bundle with Vite, then stream every route's params (resolved once, in this thread)
 * through a bounded queue to the render workers, which render and write the pages; then the 404
 * page and the manifest, into a fresh folder that is swapped in. Every fetch of the build goes
 * through one build-wide data cache. On any failure the fresh folder is deleted and the previous
 * output stays as it was.
 */
import { randomBytes } from 'node:crypto';
import { channel } from 'node:diagnostics_channel';
import { readFile, writeFile, rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { isWholeNumber, kilnError } from '../errors.ts';
import { generateAllParams, generatedKey, withClientSegmentConfig } from '../params/index.ts';
import type { ParamsWarning } from '../params/types.ts';
import { loadNextConfig } from '../vite/next-config.ts';
import { networkFetch, setBuildFetch } from '../render/render-store.ts';
import { setBuildDataStore } from '../render/data-cache.ts';
import { buildDataDir, createBuildDataStore } from './data-store.ts';
import { isStoredStatus } from '../render/response-file.ts';
import { findAppDir } from '../vite/paths.ts';
import { loadKilnConfig } from './config.ts';
import { checkExportable, exportStatic } from './export.ts';
import { createBuildFetch } from './fetch-cache.ts';
import { startFeed } from './feed.ts';
import { MANIFEST_FILE, type ManifestRedirect } from '../output/manifest.ts';
import { manifestJson } from '../output/manifest-json.ts';
import { writeMetadataOutput } from './metadata-output.ts';
import type { OutcomeBatch, PageTask } from './page-runner.ts';
import { planRoutes } from './plan.ts';
import { scanRouteFiles, unlistedPageError } from './route-files.ts';
import { withSourceStacks } from './source-stacks.ts';
import { inProcessLane, startWorkers, type Lanes } from './pool.ts';
import { createRenderer } from './renderer.ts';
import { middlewareManifest, rulesManifest } from './request-rules-manifest.ts';
import { DEFAULT_RETRIES, DEFAULT_RETRY_DELAY_MS, withParamsRetries } from './retry.ts';
import { folderSize } from './sizes.ts';
import { bundleInChild } from './bundle-process.ts';
import { assertSafeOutDir, createStagingDir, discard, swapIn } from './output-swap.ts';
import type { BuildOptions, BuildProgress, BuildResult, BuildTimings } from './types.ts';
import { createWriter } from './writer.ts';

export type * from './types.ts';
export { createRenderer, type Renderer, type RenderedPage } from './renderer.ts';
export { reviveError } from '../errors.ts';
export { loadKilnConfig, type KilnConfig, type LoadedKilnConfig } from './config.ts';

export const DEFAULT_PAGE_TIMEOUT_MS = 60_000;
export const DEFAULT_FETCH_CONCURRENCY = 16;
/** Pages one lane renders at once: enough to overlap data fetching and writes with rendering. */
export const DEFAULT_RENDER_CONCURRENCY = 4;
/**
 * Builds with at most this many pages render in the calling thread: starting a worker (a thread
 * that imports React and the app) costs more than rendering a few hundred pages.
 */
export const IN_PROCESS_MAX_PAGES = 256;
/** Pages a lane may hold unfinished, and how many go in one message to a busy lane. */
const LANE_WINDOW = 64;
const LANE_BATCH = 16;
/** The build's cache folder inside the fresh output folder, deleted before the swap. */
const CACHE_DIR = '.kiln-cache';

/** Render workers when neither the options nor kiln.config say: one per core. */
export function defaultConcurrency(): number {
  return availableParallelism();
}

/** Published once per successful build, for tools that measure builds (the bench). */
const buildChannel = channel('kiln:build');

export async function build(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
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
  const exporting = options.export === true || config.output === 'export' || next.output === 'export';
  const exportConfigFile = options.export ? '--export' : config.output === 'export' ? kilnConfigFile! : (next.file ?? 'next.config');
  const log = options.log ?? defaultLog;
  const workers = positive('concurrency', options.concurrency ?? config.concurrency ?? defaultConcurrency());
  const renderConcurrency = positive('renderConcurrency', options.renderConcurrency ?? DEFAULT_RENDER_CONCURRENCY);
  const pageTimeoutMs = positive('pageTimeoutMs', options.pageTimeoutMs ?? config.pageTimeoutMs ?? DEFAULT_PAGE_TIMEOUT_MS);
  const retry = {
    retries: atLeast(0, 'retries', options.retries ?? config.retries ?? DEFAULT_RETRIES),
    delayMs: atLeast(0, 'retryDelayMs', options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS),
  };
  const warnings: ParamsWarning[] = [];
  const timings: BuildTimings = { bundleMs: 0, prerenderMs: 0, paramsMs: 0, renderMs: 0, writeMs: 0, totalMs: 0, workers: 0 };

  let pages = 0;
  let pagesBytes = 0;
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
  const buildFetch = createBuildFetch({
    dir: path.join(staging, CACHE_DIR, 'fetch'),
    fetchConcurrency: positive('fetchConcurrency', options.fetchConcurrency ?? config.fetchConcurrency ?? DEFAULT_FETCH_CONCURRENCY),
    retry,
    network: networkFetch(),
  });
  let lanes: Lanes | undefined;
  try {
    progress('bundle');
    const t0 = performance.now();
    await bundleInChild({ root, appDir, outDir: staging, mode: options.mode ?? 'production', verbose: options.verbose }, log);
    timings.bundleMs = performance.now() - t0;

    // From here on, fetches in this thread (generateStaticParams) and in the workers share one cache.
    setBuildFetch(buildFetch.fetch);
    const serverDir = path.join(staging, 'server');
    setBuildDataStore(createBuildDataStore(buildDataDir(staging)));
    const renderer = await createRenderer(serverDir);
    const { tree } = renderer.entry;
    // A "use client" page's segment config is only in its source, and counts as a server module's.
    const load = withClientSegmentConfig(renderer.entry.load, (file) => readFile(path.join(root, file), 'utf8'));
    prerenderStart = performance.now();
    progress('prerender');
    const planned = await planRoutes(tree.routes, load);
    // A static host cannot serve what needs a server: refuse it before prerendering anything.
    if (exporting) await checkExportable(planned.map((p) => ({ route: p.route, kind: p.stats.kind })), load, exportConfigFile);
    const middleware = await middlewareManifest(renderer.entry, exporting);
    const recorded = rulesManifest(next.rules, next.file, exporting);
    if (recorded.warning) log('warn', recorded.warning);
    const routeIndex = new Map(tree.routes.map((route, i) => [route, i]));

    const redirects: Record<string, ManifestRedirect> = {};
    /**
     * Routes a page of which fetched with `cache: 'no-store'` while prerendering. As in Next.js the whole
     * route bails out, not just that path: one rendering mode per route, and the server need not
     * tell prerendered paths from per-request ones. Pages of the route already written stay on
     * disk, unlisted; the manifest lists no paths for it, so `kiln start` renders them all.
     */
    const bailedOut = new Set<(typeof planned)[number]>();
    const onWarning = (warning: ParamsWarning): void => {
      warnings.push(warning);
      log('warn', warning.message);
    };
    let failure: ((error: unknown) => void) | undefined;
    let complete: ((lane: number, count: number) => void) | undefined;
    const onOutcomes = (lane: number, batch: OutcomeBatch): void => {
      timings.renderMs += Math.max(0, batch.busyMs - batch.writeMs);
      timings.writeMs += batch.writeMs;
      for (const [index, pathname, status, bytes, location, dynamicFetch, dynamicApi, fetchRevalidate] of batch.outcomes) {
        const plan = planned[index];
        const handler = plan.route.type === 'handler';
        if (dynamicApi !== undefined && exporting) {
          // A static host has no request to give headers() or cookies().
          failure?.(
            kilnError('EXPORT_ROUTE_UNSUPPORTED', {
              file: plan.route.file,
              route: plan.route.pattern,
              reason: `calls ${dynamicApi} while rendering ${pathname}, which reads the request`,
              what: 'its requests with their own headers and cookies',
              hintText: `Remove the call, or add export const dynamic = 'force-static' so that it reads empty headers and cookies (${exportConfigFile} asks for a static export).`,
            }),
          );
          continue;
        }
        if (dynamicFetch !== undefined || dynamicApi !== undefined) {
          skipped++;
          if (bailedOut.has(plan)) continue;
          bailedOut.add(plan);
          plan.stats.kind = 'dynamic';
          const where = { file: plan.route.file, route: plan.route.pattern, path: pathname };
          const warning =
            dynamicFetch !== undefined
              ? kilnError('BUILD_PAGE_DYNAMIC_FETCH', { ...where, url: dynamicFetch })
              : kilnError('BUILD_PAGE_DYNAMIC_API', { ...where, api: dynamicApi! });
          onWarning({ code: warning.code, message: warning.message });
          continue;
        }
        if (handler ? !isStoredStatus(status) : status === 404) {
          plan.stats.notFound++;
          skipped++;
          const where = { file: plan.route.file, route: plan.route.pattern, path: pathname };
          const warning = handler ? kilnError('BUILD_HANDLER_NOT_PRERENDERED', { ...where, status }) : kilnError('BUILD_PAGE_NOT_FOUND', where);
          onWarning({ code: warning.code, message: warning.message });
          continue;
        }
        if (!handler && (status === 307 || status === 308) && location !== undefined) redirects[pathname] = { status, location };
        // A fetch's next.revalidate shortens the route's lifetime, as in Next.js (one value per route).
        if (fetchRevalidate !== undefined && (plan.stats.revalidate === false || fetchRevalidate < plan.stats.revalidate)) {
          plan.stats.revalidate = fetchRevalidate;
        }
        plan.stats.pages++;
        plan.stats.bytes += bytes;
        plan.paths.push(pathname);
        pages++;
        pagesBytes += bytes;
        progress('prerender', pathname);
      }
      complete?.(lane, batch.outcomes.length);
    };
    const lanesOptions = {
      serverDir,
      outDir: staging,
      routes: tree.routes,
      renderConcurrency,
      pageTimeoutMs,
      onOutcomes,
      onError: (error: unknown) => failure?.(error),
    };
    const entries = counted(
      generateAllParams(
        planned.filter((p) => p.prerender).map((p) => p.route),
        {
          load: withParamsRetries(load, retry),
          onWarning,
          onPartial: (event) => {
            const plan = planned[routeIndex.get(event.route)!];
            plan.open ??= { params: [...event.open], generated: new Set() };
            plan.open.generated.add(generatedKey(event.route, event.open, event.params));
          },
        },
      ),
      (count) => {
        total = count;
      },
    );
    const tasks = mapIterable(entries, (page): PageTask => [routeIndex.get(page.route)!, page.params, page.pathname]);
    // Unless told, look ahead a little: a small build renders here, a big one in workers.
    const t1 = performance.now();
    const ahead = options.inProcess === undefined ? await peek(tasks, IN_PROCESS_MAX_PAGES + 1) : { items: [], exhausted: false };
    timings.paramsMs += performance.now() - t1;
    const inProcess = options.inProcess ?? ahead.exhausted;
    try {
      lanes = inProcess ? inProcessLane(renderer, lanesOptions) : await startWorkers(workers, buildFetch, lanesOptions);
    } catch (error) {
      await tasks.return(undefined);
      throw error;
    }
    timings.workers = inProcess ? 0 : workers;
    const running = lanes;

    const feed = startFeed(prepend(ahead.items, tasks), {
      lanes: running.count,
      send: (lane, tasks) => running.send(lane, tasks),
      window: LANE_WINDOW,
      batchSize: LANE_BATCH,
      onWait: (ms) => {
        timings.paramsMs += ms;
      },
    });
    failure = (error) => feed.fail(error);
    complete = (lane, count) => feed.complete(lane, count);
    try {
      await feed.done;
    } catch (error) {
      // Let pages being written finish before the fresh folder is deleted under them.
      await running.stop();
      throw error;
    }

    const notFound = await renderer.renderNotFound();
    pagesBytes += await createWriter(staging).write([notFound]);
    // favicon.ico, robots.txt, sitemap.xml, … beside the public files, for start and export alike.
    await writeMetadataOutput({
      root,
      clientDir: path.join(staging, 'client'),
      entry: renderer.entry,
      pagePaths: planned.flatMap((p) => (p.route.type === 'page' ? p.paths : [])),
    });
    timings.prerenderMs = performance.now() - prerenderStart;

    progress('finish');
    const buildId = randomBytes(8).toString('hex');
    for (const p of bailedOut) {
      for (const pathname of p.paths) delete redirects[pathname];
      pages -= p.stats.pages;
      p.paths = [];
      p.stats.pages = 0;
      p.stats.bytes = 0;
    }
    // Paths are listed in the order they were written; sort for a stable, diffable manifest.
    for (const p of planned) p.paths.sort();
    const sortedRedirects = Object.fromEntries(Object.entries(redirects).sort(([a], [b]) => (a < b ? -1 : 1)));
    await writeFile(
      path.join(staging, MANIFEST_FILE),
      manifestJson(tree.appDir, buildId, planned, {
        basePath: next.basePath,
        trailingSlash: next.trailingSlash,
        redirects: sortedRedirects,
        rules: recorded.rules,
        middleware,
      }),
    );
    await rm(path.join(staging, CACHE_DIR), { recursive: true, force: true });

    const [client, server] = await Promise.all(['client', 'server'].map((dir) => folderSize(path.join(staging, dir))));
    await swapIn(staging, outDir, options.removePrevious);
    const exported = exporting ? await exportStatic({ root, buildDir: outDir, config: next, removePrevious: options.removePrevious }) : undefined;
    timings.totalMs = performance.now() - started;
    const result: BuildResult = {
      outDir,
      appDir: tree.appDir,
      buildId,
      routes: planned.map((p) => p.stats),
      pages,
      timings,
      sizes: { client, server, pages: pagesBytes },
      warnings,
      fetches: { ...buildFetch.stats },
    };
    if (exported) result.exported = { dir: exported.exportDir, pages: exported.pages, files: exported.files };
    if (buildChannel.hasSubscribers) buildChannel.publish({ pages, timings, fetches: result.fetches });
    return result;
  } catch (error) {
    // No worker may still be writing when the fresh folder is deleted.
    await lanes?.close();
    // The source maps of the server bundles go with the fresh folder: read them first.
    const reported = withSourceStacks(error, { root, serverDir: path.join(staging, 'server') });
    await discard(staging);
    throw reported;
  } finally {
    setBuildFetch(undefined);
    setBuildDataStore(undefined);
    await lanes?.close();
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

async function* mapIterable<T, U>(source: AsyncIterable<T>, map: (item: T) => U): AsyncGenerator<U> {
  for await (const item of source) yield map(item);
}

/** Takes up to `count` items from the generator, saying whether that was all of them. */
async function peek<T>(source: AsyncGenerator<T>, count: number): Promise<{ items: T[]; exhausted: boolean }> {
  const items: T[] = [];
  while (items.length < count) {
    const step = await source.next();
    if (step.done) return { items, exhausted: true };
    items.push(step.value);
  }
  return { items, exhausted: false };
}

/** The peeked items, then the rest of the generator (closed when the result is closed). */
async function* prepend<T>(items: T[], rest: AsyncGenerator<T>): AsyncGenerator<T> {
  try {
    yield* items;
    yield* rest;
  } finally {
    await rest.return(undefined);
  }
}

function positive(name: string, value: number): number {
  return atLeast(1, name, value);
}

function atLeast(min: number, name: string, value: number): number {
  if (!isWholeNumber(value, min)) throw new RangeError(`build: ${name} must be an integer of at least ${min} (got ${value})`);
  return value;
}

function defaultLog(level: 'info' | 'warn' | 'error', message: string): void {
  if (level === 'warn') console.warn(message);
  else if (level === 'error') console.error(message);
}
