/**
 * The lanes pages are rendered in: worker threads (one per core by default), or the main thread
 * itself for an in-process build. The main thread only feeds them; each worker renders and writes
 * its own files. Outcomes and the first failure come back through `onOutcomes` / `onError`, and
 * the workers' fetches are answered from the build-wide data cache.
 */
import { Worker } from 'node:worker_threads';
import type { ExportLayout } from '../output/export-files.ts';
import { kilnError } from '../errors.ts';
import type { Route } from '../routing/types.ts';
import { compiledScript } from './compiled.ts';
import type { BuildFetch } from './fetch-cache.ts';
import { createPageRunner, type OutcomeBatch, type PageTask } from './page-runner.ts';
import { reviveError } from '../errors.ts';
import type { Renderer } from './renderer.ts';
import { fromWireError, toWireError } from './wire.ts';
import type { FromWorker, ToWorker, WorkerData } from './worker-protocol.ts';
import { createWriter } from './writer.ts';

export interface LanesOptions {
  serverDir: string;
  outDir: string;
  routes: readonly Route[];
  renderConcurrency: number;
  pageTimeoutMs: number;
  ignoreReads: string[];
  /** With a static export (the in-process lane's renderer was made with it). */
  exportLayout?: ExportLayout;
  onOutcomes: (lane: number, batch: OutcomeBatch) => void;
  /** The first failure of any lane: a page's error (already revived), or a worker that died. */
  onError: (error: unknown) => void;
}

export interface Lanes {
  readonly count: number;
  send(lane: number, tasks: PageTask[]): void;
  /** Starts nothing more; resolves once pages being written are written (or a grace period passed). */
  stop(): Promise<void>;
  /** Ends the workers. */
  close(): Promise<void>;
}

/** How long a stopping worker may take to finish the writes it started. */
const STOP_GRACE_MS = 10_000;

export async function startWorkers(count: number, fetch: BuildFetch, options: LanesOptions): Promise<Lanes> {
  const script = compiledScript('worker.js');
  const data: WorkerData = {
    serverDir: options.serverDir,
    outDir: options.outDir,
    patterns: options.routes.map((r) => r.pattern),
    renderConcurrency: options.renderConcurrency,
    pageTimeoutMs: options.pageTimeoutMs,
    ignoreReads: options.ignoreReads,
  };
  if (options.exportLayout) data.exportLayout = options.exportLayout;
  let failed = false;
  let starting = true;
  let startupError: { error: unknown } | undefined;
  const fail = (error: unknown): void => {
    if (failed) return;
    failed = true;
    // Before every worker is ready nobody listens yet: the error is thrown by startWorkers.
    if (starting) startupError = { error };
    else options.onError(error);
  };
  let closing = false;

  const workers = Array.from({ length: count }, (_, lane) => {
    const worker = new Worker(script, { workerData: data });
    const send = (message: ToWorker): void => worker.postMessage(message);
    let stopped: (() => void) | undefined;
    let exited = false;
    let ready!: () => void;
    const started = new Promise<void>((resolve) => {
      ready = resolve;
    });
    worker.on('message', (message: FromWorker) => {
      switch (message.type) {
        case 'ready':
          ready();
          break;
        case 'outcomes':
          options.onOutcomes(lane, message);
          break;
        case 'failed':
          fail(reviveError(fromWireError(message.error)));
          ready();
          break;
        case 'fetch':
          fetch.handle(message.request).then(
            (response) => {
              if (!closing) send({ type: 'fetched', id: message.id, response });
            },
            (error: unknown) => {
              if (!closing) send({ type: 'fetch-failed', id: message.id, error: toWireError(error) });
            },
          );
          break;
        case 'stopped':
          stopped?.();
          break;
      }
    });
    worker.on('error', (error) => {
      fail(kilnError('BUILD_WORKER_FAILED', { reason: error.message }, { cause: error }));
      ready();
      stopped?.();
    });
    worker.on('exit', (code) => {
      exited = true;
      if (!closing) fail(kilnError('BUILD_WORKER_FAILED', { reason: `it exited with code ${code}` }));
      ready();
      stopped?.();
    });
    const stop = (): Promise<void> =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        const timer = setTimeout(resolve, STOP_GRACE_MS);
        stopped = () => {
          clearTimeout(timer);
          resolve();
        };
        send({ type: 'stop' });
      });
    return { worker, send, started, stop };
  });

  await Promise.all(workers.map((w) => w.started));
  starting = false;
  if (startupError) {
    closing = true;
    await Promise.all(workers.map((w) => w.worker.terminate()));
    throw startupError.error;
  }
  return {
    count,
    send(lane, tasks) {
      workers[lane].send({ type: 'pages', tasks });
    },
    async stop() {
      await Promise.all(workers.map((w) => w.stop()));
    },
    async close() {
      closing = true;
      await Promise.all(workers.map((w) => w.worker.terminate()));
    },
  };
}

/** One lane in this thread, for `inProcess` builds: the same runner a worker uses. */
export function inProcessLane(renderer: Renderer, options: LanesOptions): Lanes {
  let failed = false;
  const runner = createPageRunner({
    renderer,
    routes: options.routes,
    writer: createWriter(options.outDir),
    concurrency: options.renderConcurrency,
    timeoutMs: options.pageTimeoutMs,
    onOutcomes: (batch) => options.onOutcomes(0, batch),
    onError: (error) => {
      if (failed) return;
      failed = true;
      options.onError(error);
    },
  });
  return {
    count: 1,
    send: (_lane, tasks) => runner.push(tasks),
    stop: () => runner.stop(),
    close: async () => {},
  };
}
