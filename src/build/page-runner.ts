/**
 * Renders and writes the pages a lane is given, a few at a time, in whichever thread it runs (a
 * render worker, or the main thread for an in-process build). Each page has a time limit; the
 * first page that fails or times out is reported with its path and nothing further is started.
 * Outcomes are reported in small batches to keep messages between threads few.
 */
import { performance as loop } from 'node:perf_hooks';
import { kilnError } from '../errors.ts';
import type { Params, Route } from '../routing/types.ts';
import type { RenderedPage, Renderer } from './renderer.ts';
import type { Writer } from './writer.ts';
import { pageDigest } from './output-digest.ts';
import { withPageInputs } from './incremental/recorder.ts';

/** A page to render: its route as an index into the tree's routes, which both threads share. */
export type PageTask = [routeIndex: number, params: Params, pathname: string];

/**
 * What became of a page: 404 called notFound() and was not written; anything else was written,
 * and a 307/308 also says where it redirects. With `dynamicFetch` (the URL of a `cache:
 * 'no-store'` fetch) or `dynamicApi` (`cookies()`, … called with no request) nothing was written
 * whatever the status: the route is rendered per request. `revalidate` is the smallest
 * `next: { revalidate }` of the page's fetches, which shortens its route's.
 */
export interface PageOutcome {
  route: number;
  pathname: string;
  status: RenderedPage['status'];
  bytes: number;
  location?: string;
  dynamicFetch?: string;
  dynamicApi?: string;
  revalidate?: number;
  /** The page's content digest (`pageDigest`), for a written page. */
  digest?: string;
  /** Output-relative files written. */
  files?: string[];
  /** What the render read (recorder.ts): files, folders and fetches. */
  inputs?: string[];
}

export interface OutcomeBatch {
  outcomes: PageOutcome[];
  /** Time this thread was busy (its event loop not idle) since the last report. */
  busyMs: number;
  /** Of that, time spent writing files (the writes are synchronous, so this never overlaps). */
  writeMs: number;
}

export interface PageRunnerOptions {
  renderer: Renderer;
  routes: readonly Route[];
  writer: Writer;
  /** Pages in progress at once (they overlap on data fetching and file writes). */
  concurrency: number;
  timeoutMs: number;
  onOutcomes: (batch: OutcomeBatch) => void;
  onError: (error: unknown, pathname: string) => void;
}

export interface PageRunner {
  push(tasks: readonly PageTask[]): void;
  /** Starts nothing more and resolves once the pages in progress are written or abandoned. */
  stop(): Promise<void>;
}

/** Outcomes held back before a report goes out while more pages are queued. */
const REPORT_EVERY = 16;

export function createPageRunner(options: PageRunnerOptions): PageRunner {
  const { renderer, routes, writer, timeoutMs } = options;
  const queue: PageTask[] = [];
  let head = 0;
  let active = 0;
  let stopped = false;
  let batch: OutcomeBatch = { outcomes: [], busyMs: 0, writeMs: 0 };
  let utilization = loop.eventLoopUtilization();
  /** Writes in progress: a stop waits for them so no file lands after the build gave up. */
  const writing = new Set<Promise<unknown>>();

  const report = (): void => {
    if (batch.outcomes.length === 0 || stopped) return;
    const out = batch;
    const since = loop.eventLoopUtilization(utilization);
    utilization = loop.eventLoopUtilization();
    out.busyMs = since.active;
    batch = { outcomes: [], busyMs: 0, writeMs: 0 };
    options.onOutcomes(out);
  };
  /** Busy: report every few pages. Running dry: report at once, so more pages are sent. */
  const recorded = (): void => {
    if (batch.outcomes.length >= REPORT_EVERY || head >= queue.length) report();
  };

  const runOne = async (task: PageTask): Promise<void> => {
    const [routeIndex, params, pathname] = task;
    const route = routes[routeIndex];
    const { result: rendered, inputs } = await withPageInputs(() =>
      withTimeout(renderer.renderOne({ route, params, pathname }), timeoutMs, () =>
        kilnError('BUILD_PAGE_TIMEOUT', { file: route.file, route: route.pattern, path: pathname, timeoutMs }),
      ),
    );
    if (stopped) return;
    const t1 = performance.now();
    let bytes = 0;
    if (rendered.files.length > 0) {
      const write = writer.write(rendered.files);
      writing.add(write);
      try {
        bytes = await write;
      } finally {
        writing.delete(write);
      }
      batch.writeMs += performance.now() - t1;
    }
    const outcome: PageOutcome = { route: routeIndex, pathname, status: rendered.status, bytes };
    if (rendered.dynamicFetch !== undefined) outcome.dynamicFetch = rendered.dynamicFetch;
    else if (rendered.dynamicApi !== undefined) outcome.dynamicApi = rendered.dynamicApi;
    else if (rendered.location !== undefined) outcome.location = rendered.location;
    if (rendered.revalidate !== undefined) outcome.revalidate = rendered.revalidate;
    if (rendered.files.length > 0) {
      outcome.digest = pageDigest(pathname, rendered.files);
      outcome.files = rendered.files.flatMap((file) => [file.path, ...(file.links ?? [])]);
      outcome.inputs = inputs;
    }
    batch.outcomes.push(outcome);
    recorded();
  };

  /**
   * Pages start from the event loop, never straight from the promise of the page before: a page
   * rendered from memory settles in microtasks alone, and React leaves a `setTimeout(…, 0)` per
   * render that holds the whole request until it runs. Chained page after page, those timers would
   * never get their turn, and memory would grow with every page.
   */
  let pumpScheduled = false;
  const schedulePump = (): void => {
    if (pumpScheduled) return;
    pumpScheduled = true;
    setImmediate(() => {
      pumpScheduled = false;
      pump();
    });
  };
  const pump = (): void => {
    while (!stopped && active < options.concurrency && head < queue.length) {
      const task = queue[head++];
      active++;
      runOne(task).then(
        () => {
          active--;
          schedulePump();
        },
        (error: unknown) => {
          active--;
          if (stopped) return;
          stopped = true;
          options.onError(pageError(error, task[2]), task[2]);
        },
      );
    }
    // Drop what was taken so a long build does not keep every task it ever got.
    if (head > 1024 && head * 2 > queue.length) {
      queue.splice(0, head);
      head = 0;
    }
  };

  return {
    push(tasks) {
      if (stopped) return;
      for (const t of tasks) queue.push(t);
      schedulePump();
    },
    async stop() {
      stopped = true;
      queue.length = 0;
      head = 0;
      await Promise.allSettled([...writing]);
    },
  };
}

/**
 * Render failures are catalog errors naming the path already; anything else (a write that
 * failed, a bug) is wrapped so the message still says which page it was.
 */
function pageError(error: unknown, pathname: string): unknown {
  if ((error as { name?: unknown } | null)?.name === 'KilnError') return error;
  const reason = error instanceof Error ? error.message : String(error);
  return kilnError('BUILD_PAGE_FAILED', { path: pathname, reason }, { cause: error });
}

/** `work`, or `onTimeout()` as a rejection once `ms` pass first. */
export function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => unknown): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
