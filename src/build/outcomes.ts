/**
 * What the render lanes report back, page by page, turned into the build's facts: the paths
 * each route prerendered and their bytes, the pages that called notFound() or redirect(), the
 * fetch lifetimes that shorten a route's `revalidate`, and the routes that bail out to
 * per-request rendering. Warnings go out as the outcomes arrive; a static export's refusal
 * fails the feed.
 */
import { kilnError } from '../errors.ts';
import type { ManifestRedirect } from '../output/manifest.ts';
import type { ParamsWarning } from '../params/types.ts';
import { isStoredStatus } from '../render/response-file.ts';
import type { OutcomeBatch, PageOutcome } from './page-runner.ts';
import type { PlannedRoute } from './plan.ts';
import type { BuildTimings } from './types.ts';
import { DigestSum } from './output-digest.ts';

export interface OutcomeOptions {
  /** In the tree's route order: an outcome names its route by index. */
  planned: readonly PlannedRoute[];
  exporting: boolean;
  /** What asked for the export, named in its errors. */
  exportConfigFile: string;
  /** Render and write time are added to these. */
  timings: BuildTimings;
  onWarning: (warning: ParamsWarning) => void;
  /** A page was written and counts. */
  onPage: (pathname: string) => void;
  /** Every page a lane rendered, before it is counted. */
  onRendered?: (plan: PlannedRoute, outcome: PageOutcome) => void;
}

/** Where the feed hears about outcomes: a failure to stop on, and pages a lane is done with. */
export interface OutcomeFeed {
  fail(error: unknown): void;
  complete(lane: number, count: number): void;
}

export interface OutcomeCollector {
  /** Pages written and listed, and their bytes (HTML and payload). */
  readonly pages: number;
  readonly bytes: number;
  /** Pages the params produced that were not written (notFound(), or their route bailed out). */
  readonly skipped: number;
  /** The lanes' `onOutcomes`. */
  collect(lane: number, batch: OutcomeBatch): void;
  /** A page kept from the previous output, counted as if rendered. */
  keep(outcome: PageOutcome): void;
  /** Once the feed runs: outcomes before then have no feed to tell. */
  connect(feed: OutcomeFeed): void;
  /**
   * After the last page: unlists the bailed-out routes' pages and sorts every list, for a
   * stable, diffable manifest. Returns the prerendered redirects by path.
   */
  settle(): Record<string, ManifestRedirect>;
}

export function collectOutcomes(options: OutcomeOptions): OutcomeCollector {
  const { planned, exporting, exportConfigFile, timings, onWarning, onPage } = options;
  let pages = 0;
  let bytesWritten = 0;
  let skipped = 0;
  let feed: OutcomeFeed | undefined;
  const redirects: Record<string, ManifestRedirect> = {};
  /**
   * Routes a page of which fetched with `cache: 'no-store'` while prerendering. As in Next.js the
   * whole route bails out, not just that path: one rendering mode per route, and the server need not
   * tell prerendered paths from per-request ones. Pages of the route already written stay on
   * disk, unlisted; the manifest lists no paths for it, so `kiln start` renders them all.
   */
  const bailedOut = new Set<PlannedRoute>();

  function collect(lane: number, batch: OutcomeBatch): void {
    timings.renderMs += Math.max(0, batch.busyMs - batch.writeMs);
    timings.writeMs += batch.writeMs;
    for (const outcome of batch.outcomes) {
      options.onRendered?.(planned[outcome.route], outcome);
      count(outcome);
    }
    feed?.complete(lane, batch.outcomes.length);
  }

  function count(outcome: PageOutcome): void {
    const { route: index, pathname, status, bytes, location, dynamicFetch, dynamicApi, revalidate: fetchRevalidate, digest } = outcome;
    const plan = planned[index];
    const handler = plan.route.type === 'handler';
    if (dynamicApi !== undefined && exporting) {
      // A static host has no request to give headers() or cookies().
      feed?.fail(
        kilnError('EXPORT_ROUTE_UNSUPPORTED', {
          file: plan.route.file,
          route: plan.route.pattern,
          reason: `calls ${dynamicApi} while rendering ${pathname}, which reads the request`,
          what: 'its requests with their own headers and cookies',
          hintText: `Remove the call, or add export const dynamic = 'force-static' so that it reads empty headers and cookies (${exportConfigFile} asks for a static export).`,
        }),
      );
      return;
    }
    if (dynamicFetch !== undefined || dynamicApi !== undefined) {
      skipped++;
      if (bailedOut.has(plan)) return;
      bailedOut.add(plan);
      plan.stats.kind = 'dynamic';
      const where = { file: plan.route.file, route: plan.route.pattern, path: pathname };
      const warning =
        dynamicFetch !== undefined
          ? kilnError('BUILD_PAGE_DYNAMIC_FETCH', { ...where, url: dynamicFetch })
          : kilnError('BUILD_PAGE_DYNAMIC_API', { ...where, api: dynamicApi! });
      onWarning({ code: warning.code, message: warning.message });
      return;
    }
    if (handler ? !isStoredStatus(status) : status === 404) {
      plan.stats.notFound++;
      skipped++;
      const where = { file: plan.route.file, route: plan.route.pattern, path: pathname };
      const warning = handler ? kilnError('BUILD_HANDLER_NOT_PRERENDERED', { ...where, status }) : kilnError('BUILD_PAGE_NOT_FOUND', where);
      onWarning({ code: warning.code, message: warning.message });
      return;
    }
    if (!handler && (status === 307 || status === 308) && location !== undefined) redirects[pathname] = { status, location };
    // A fetch's next.revalidate shortens the route's lifetime, as in Next.js (one value per route).
    if (fetchRevalidate !== undefined && (plan.stats.revalidate === false || fetchRevalidate < plan.stats.revalidate)) {
      plan.stats.revalidate = fetchRevalidate;
    }
    plan.stats.pages++;
    plan.stats.bytes += bytes;
    plan.paths.push(pathname);
    if (digest !== undefined) plan.digest.add(digest);
    pages++;
    bytesWritten += bytes;
    onPage(pathname);
  }

  function settle(): Record<string, ManifestRedirect> {
    for (const p of bailedOut) {
      for (const pathname of p.paths) delete redirects[pathname];
      pages -= p.stats.pages;
      p.paths = [];
      p.stats.pages = 0;
      p.stats.bytes = 0;
      p.digest = new DigestSum();
    }
    // Paths are listed in the order they were written.
    for (const p of planned) p.paths.sort();
    return Object.fromEntries(Object.entries(redirects).sort(([a], [b]) => (a < b ? -1 : 1)));
  }

  return {
    get pages() {
      return pages;
    },
    get bytes() {
      return bytesWritten;
    },
    get skipped() {
      return skipped;
    },
    collect,
    keep: count,
    connect(f) {
      feed = f;
    },
    settle,
  };
}
