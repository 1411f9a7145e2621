/**
 * `build()`: bundle with Vite, then stream every route's params (resolved once, in this thread)
 * through a bounded queue to the render workers, which render and write the pages; then the 404
 * page and the manifest, into a fresh folder that is swapped in. Every fetch of the build goes
 * through one build-wide data cache. On any failure the fresh folder is deleted and the previous
 * output stays as it was.
 */
import { channel } from 'node:diagnostics_channel';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { withClientSegmentConfig } from '../params/index.ts';
import type { ParamsWarning } from '../params/types.ts';
import { networkFetch, setBuildFetch } from '../render/render-store.ts';
import { setBuildDataStore } from '../render/data-cache.ts';
import { resolveBuild } from './build-options.ts';
import { buildDataDir, createBuildDataStore } from './data-store.ts';
import { checkExportable, DEFAULT_EXPORT_DIR } from './export.ts';
import { stageExport, type StagedExport } from './static-export.ts';
import { createBuildFetch } from './fetch-cache.ts';
import { startFeed } from './feed.ts';
import { filterIterable, peek, prepend } from './iterables.ts';
import { writeMetadataOutput } from './metadata-output.ts';
import { collectOutcomes, type OutcomeCollector } from './outcomes.ts';
import { pageTasks } from './page-stream.ts';
import { planRoutes } from './plan.ts';
import { withSourceStacks } from './source-stacks.ts';
import { inProcessLane, startWorkers, type Lanes } from './pool.ts';
import { createRenderer } from './renderer.ts';
import { middlewareManifest, rulesManifest } from './request-rules-manifest.ts';
import { folderSize } from './sizes.ts';
import { bundleInChild } from './bundle-process.ts';
import { createStagingDir, discard, swapIn } from './output-swap.ts';
import { SHARD_EXPORT_DIR, shardExport, shardManifest } from './shard-output.ts';
import { sharedFetchFromEnv } from './shared-fetch-cache.ts';
import type { BuildOptions, BuildProgress, BuildResult, BuildTimings } from './types.ts';
import { writeManifest } from './write-manifest.ts';
import { buildIdOf, DigestSum, pageDigest } from './output-digest.ts';
import { IncrementalBuild } from './incremental/session.ts';
import { BUILD_CACHE_DIR } from './incremental/state.ts';
import { kilnError } from '../errors.ts';
import { installReadRecorder, recordFetch, withModuleLoadInputs } from './incremental/recorder.ts';
import { createFetchLedger } from './incremental/fetch-ledger.ts';
import { version } from '../version.ts';
import { createWriter } from './writer.ts';

export type * from './types.ts';
export { createRenderer, type Renderer, type RenderedPage } from './renderer.ts';
export { reviveError } from '../errors.ts';
export { loadKilnConfig, type KilnConfig, type LoadedKilnConfig } from './config.ts';
export { DEFAULT_FETCH_CONCURRENCY, DEFAULT_PAGE_TIMEOUT_MS, DEFAULT_RENDER_CONCURRENCY, defaultConcurrency } from './build-options.ts';

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

/** Published once per successful build, for tools that measure builds (the bench). */
const buildChannel = channel('kiln:build');

export async function build(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const resolved = await resolveBuild(options);
  const { root, next, outDir, exporting, exportConfigFile, log, retry } = resolved;
  const warnings: ParamsWarning[] = [];
  const timings: BuildTimings = { bundleMs: 0, prerenderMs: 0, paramsMs: 0, renderMs: 0, writeMs: 0, exportMs: 0, totalMs: 0, workers: 0 };
  const onWarning = (warning: ParamsWarning): void => {
    warnings.push(warning);
    log('warn', warning.message);
  };

  let outcomes: OutcomeCollector | undefined;
  /** Pages the params produced, once they are all known. */
  let total: number | undefined;
  /** Pages the params produced for all shards together. */
  let allShards = 0;
  const { shard } = options;
  let prerenderStart = 0;
  const progress = (phase: BuildProgress['phase'], pathname?: string): void => {
    if (!options.onProgress) return;
    const pages = outcomes?.pages ?? 0;
    const seconds = prerenderStart ? (performance.now() - prerenderStart) / 1000 : 0;
    const event: BuildProgress = { phase, pages, pagesPerSecond: seconds > 0 ? pages / seconds : 0 };
    // Pages that called notFound() or bailed out are not coming.
    if (total !== undefined) event.total = total - (outcomes?.skipped ?? 0);
    if (pathname !== undefined) event.pathname = pathname;
    options.onProgress(event);
  };

  const incremental = await IncrementalBuild.open({
    root,
    appDir: resolved.appDir,
    outDir,
    mode: options.mode ?? 'production',
    kilnVersion: version,
    // A shard builds its slice whole: its previous output may be another slice's, and its export lives inside it.
    force: options.force === true || shard !== undefined,
    alwaysRebuild: resolved.alwaysRebuild,
    ...(exporting ? { exportDir: path.resolve(root, DEFAULT_EXPORT_DIR) } : {}),
  });
  const staging = await createStagingDir(outDir);
  // What each page reads is recorded in the thread that renders it; the build's own folders are not the app's data.
  const buildFolders = [staging, outDir, path.join(root, '.kiln')];
  installReadRecorder(buildFolders);
  const ledger = createFetchLedger();
  // The shards of one build share their data through Redis, when there is one.
  const shared = shard ? sharedFetchFromEnv(process.env, (message) => log('warn', message)) : undefined;
  const buildFetch = createBuildFetch({
    shared,
    dir: path.join(staging, CACHE_DIR, 'fetch'),
    fetchConcurrency: resolved.fetchConcurrency,
    retry,
    network: networkFetch(),
    onRequest: recordFetch,
    onResponse: (request, response) => ledger.observe(request, response),
  });
  let lanes: Lanes | undefined;
  let staged: StagedExport | undefined;
  /** Stops the feed: set once it runs, as lanes report errors only about pages it sent. */
  let failFeed: ((error: unknown) => void) | undefined;
  try {
    const t0 = performance.now();
    if (!(await incremental.reuseBundle(staging))) {
      progress('bundle');
      await bundleInChild({ root, appDir: resolved.appDir, outDir: staging, mode: options.mode ?? 'production', verbose: options.verbose }, log);
      // Before anything else lands in client/ (metadata files): the bundle's bytes alone.
      await incremental.recordBundle(staging);
    }
    const bundleId = incremental.bundleId;
    timings.bundleMs = performance.now() - t0;
    shared?.scope(bundleId);

    // From here on, fetches in this thread (generateStaticParams) and in the workers share one cache.
    setBuildFetch(buildFetch.fetch);
    const serverDir = path.join(staging, 'server');
    setBuildDataStore(createBuildDataStore(buildDataDir(staging)));
    const exportLayout = exporting ? { trailingSlash: next.trailingSlash } : undefined;
    const renderer = await createRenderer(serverDir, exportLayout);
    const { tree } = renderer.entry;
    if (exporting) staged = stageExport({ root, appDir: tree.appDir, staging, trailingSlash: next.trailingSlash, ...shardExport(shard) });
    // A "use client" page's segment config is only in its source, and counts as a server module's.
    const load = withClientSegmentConfig(renderer.entry.load, (file) => readFile(path.join(root, file), 'utf8'));
    prerenderStart = performance.now();
    progress('prerender');
    // Which recorded inputs changed, while the routes are planned; a module's top-level reads count for every page.
    const [, modulesRead] = await Promise.all([
      incremental.prepare(staging, buildFetch, ledger),
      withModuleLoadInputs(() => planRoutes(tree.routes, load)),
    ]);
    const planned = modulesRead.result;
    incremental.setModuleLoadInputs(modulesRead.inputs);
    // A static host cannot serve what needs a server: refuse it before prerendering anything.
    if (exporting) await checkExportable(planned.map((p) => ({ route: p.route, kind: p.stats.kind })), load, exportConfigFile);
    const middleware = await middlewareManifest(renderer.entry, exporting);
    const recorded = rulesManifest(next.rules, next.file, exporting);
    if (recorded.warning) log('warn', recorded.warning);

    const collected = collectOutcomes({
      planned,
      exporting,
      exportConfigFile,
      timings,
      onWarning,
      onPage: (pathname) => progress('prerender', pathname),
      onRendered: (plan, outcome) => incremental.record(plan.route, outcome),
    });
    outcomes = collected;
    const lanesOptions = {
      serverDir,
      outDir: staging,
      routes: tree.routes,
      renderConcurrency: resolved.renderConcurrency,
      pageTimeoutMs: resolved.pageTimeoutMs,
      ignoreReads: buildFolders,
      exportLayout,
      onOutcomes: collected.collect,
      onError: (error: unknown) => failFeed?.(error),
    };
    const generated = pageTasks({
      routes: tree.routes,
      planned,
      load,
      retry,
      onWarning,
      shard,
      onTotal: (count, all) => {
        total = count;
        allShards = all;
      },
    });
    // Pages whose inputs are all as they were keep their files; only the others reach the lanes.
    const tasks = filterIterable(generated, ([routeIndex, params, pathname]) => {
      const kept = incremental.keep(tree.routes[routeIndex], routeIndex, params, pathname);
      if (kept) collected.keep(kept);
      return kept === null;
    });
    // When the build cache already says many pages will render, the workers start while the
    // params are walked and the unchanged pages linked.
    const early = options.inProcess === undefined && incremental.pagesToRender() > IN_PROCESS_MAX_PAGES ? startWorkers(resolved.workers, buildFetch, lanesOptions) : undefined;
    early?.catch(() => {});
    // Unless told, look ahead a little: a small build renders here, a big one in workers.
    const t1 = performance.now();
    const ahead = options.inProcess === undefined ? await peek(tasks, IN_PROCESS_MAX_PAGES + 1) : { items: [], exhausted: false };
    timings.paramsMs += performance.now() - t1;
    const inProcess = options.inProcess ?? (ahead.exhausted && !early);
    try {
      lanes = inProcess ? inProcessLane(renderer, lanesOptions) : await (early ?? startWorkers(resolved.workers, buildFetch, lanesOptions));
    } catch (error) {
      await tasks.return(undefined);
      throw error;
    }
    timings.workers = inProcess ? 0 : resolved.workers;
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
    failFeed = (error) => feed.fail(error);
    collected.connect(feed);
    try {
      await feed.done;
    } catch (error) {
      // Let pages being written finish before the fresh folder is deleted under them.
      await running.stop();
      throw error;
    }

    const notFound = await renderer.renderNotFound();
    const pagesDigest = new DigestSum();
    const pagesBytes = collected.bytes + (await createWriter(staging).write([notFound]));
    // favicon.ico, robots.txt, sitemap.xml, … beside the public files, for start and export alike.
    await writeMetadataOutput({
      root,
      clientDir: path.join(staging, 'client'),
      entry: renderer.entry,
      pagePaths: planned.flatMap((p) => (p.route.type === 'page' ? p.paths : [])),
    });
    timings.prerenderMs = performance.now() - prerenderStart;
    const t2 = performance.now();
    const exportFiles = staged ? await staged.complete(renderer.entry) : 0;
    timings.exportMs = performance.now() - t2;

    progress('finish');
    const redirects = collected.settle();
    // A route that bailed out to per-request rendering while prerendering cannot be exported.
    if (exporting) await checkExportable(planned.filter((p) => p.stats.kind === 'dynamic').map((p) => ({ route: p.route, kind: p.stats.kind })), load, exportConfigFile);
    for (const p of planned) pagesDigest.addSum(p.digest);
    // The same sources and data give the same id, however the build was made.
    const notFoundDigest = pageDigest(notFound.path, [notFound]);
    const buildId = buildIdOf(bundleId, pagesDigest, notFoundDigest);
    await writeManifest(staging, {
      appDir: tree.appDir,
      buildId,
      bundleId,
      routes: planned,
      basePath: next.basePath,
      trailingSlash: next.trailingSlash,
      redirects,
      rules: recorded.rules,
      middleware,
      ...(shard ? { shard: shardManifest(shard, planned, notFoundDigest) } : {}),
    });
    await rm(path.join(staging, CACHE_DIR), { recursive: true, force: true });

    const [client, server] = await Promise.all(['client', 'server'].map((dir) => folderSize(path.join(staging, dir))));
    const t3 = performance.now();
    if (staged) await staged.swapIn(outDir, options.removePrevious);
    else await swapIn(staging, outDir, options.removePrevious);
    if (staged) timings.exportMs += performance.now() - t3;
    const listed = new Set(planned.flatMap((p) => p.paths));
    try {
      await incremental.save(buildId, ledger, (pathname) => listed.has(pathname));
    } catch (error) {
      // The output is in place; without a cache the next build is only slower.
      const reason = error instanceof Error ? error.message : String(error);
      log('warn', kilnError('BUILD_CACHE_NOT_SAVED', { dir: path.join(root, BUILD_CACHE_DIR), reason }).message);
    }
    timings.totalMs = performance.now() - started;
    const pages = collected.pages;
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
      incremental: incremental.report,
    };
    if (shard) result.shard = { ...shard, paths: total ?? 0, allPaths: allShards };
    // Each page is two files there, the not-found page one.
    if (staged) result.exported = { dir: shard ? path.join(outDir, SHARD_EXPORT_DIR) : staged.exportDir, pages: pages + 1, files: 2 * pages + 1 + exportFiles };
    if (buildChannel.hasSubscribers) buildChannel.publish({ pages, timings, fetches: result.fetches, incremental: result.incremental });
    return result;
  } catch (error) {
    // No worker may still be writing when the fresh folder is deleted.
    await lanes?.close();
    // The source maps of the server bundles go with the fresh folder: read them first.
    const reported = withSourceStacks(error, { root, serverDir: path.join(staging, 'server') });
    await discard(staging);
    await staged?.discard();
    throw reported;
  } finally {
    setBuildFetch(undefined);
    setBuildDataStore(undefined);
    await lanes?.close();
    await shared?.close();
  }
}
