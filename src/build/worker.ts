/**
 * A render worker. Imports the built rsc entry once, then renders and writes the pages the main
 * thread sends, reporting outcomes and the first failure. Its `fetch` (beneath the per-render
 * memo) is answered by the main thread, which holds the build-wide data cache. Started by
 * `pool.ts` from the compiled `dist/build/worker.js`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { setBuildFetch } from '../render/render-store.ts';
import { setBuildDataStore } from '../render/data-cache.ts';
import { buildDataDir, createBuildDataStore } from './data-store.ts';
import { raceAbort } from './fetch-cache.ts';
import { createPageRunner, type PageRunner } from './page-runner.ts';
import { createRenderer } from './renderer.ts';
import { fromWireError, fromWireResponse, toWireError, toWireRequest, type WireResponse } from './wire.ts';
import type { FromWorker, ToWorker, WorkerData } from './worker-protocol.ts';
import { createWriter } from './writer.ts';
import { installReadRecorder, recordFetch } from './incremental/recorder.ts';
import { preloadRouteModules } from './preload.ts';

const port = parentPort!;
const data = workerData as WorkerData;
const post = (message: FromWorker, transfer?: ArrayBuffer[]): void => port.postMessage(message, transfer);

const fetches = new Map<number, { resolve: (r: WireResponse) => void; reject: (e: Error) => void }>();
let nextFetch = 0;

/** Every fetch of this worker's renders, answered by the main thread's build cache. */
async function fetchThroughMain(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
  signal?.throwIfAborted();
  const request = await toWireRequest(input, init);
  recordFetch(request);
  const id = nextFetch++;
  const answer = new Promise<WireResponse>((resolve, reject) => fetches.set(id, { resolve, reject }));
  post({ type: 'fetch', id, request }, request.body ? [request.body] : []);
  const response = answer.then(fromWireResponse);
  return signal ? raceAbort(response, signal) : response;
}

let runner: PageRunner | undefined;
let stopping = false;

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'pages':
      runner?.push(message.tasks);
      break;
    case 'fetched':
      fetches.get(message.id)?.resolve(message.response);
      fetches.delete(message.id);
      break;
    case 'fetch-failed':
      fetches.get(message.id)?.reject(fromWireError(message.error));
      fetches.delete(message.id);
      break;
    case 'stop':
      stopping = true;
      void (runner?.stop() ?? Promise.resolve()).then(() => post({ type: 'stopped' }));
      break;
  }
});

try {
  installReadRecorder(data.ignoreReads);
  setBuildFetch(fetchThroughMain);
  // unstable_cache results are shared with the other threads through the build's cache folder.
  setBuildDataStore(createBuildDataStore(buildDataDir(data.outDir)));
  const renderer = await createRenderer(data.serverDir, data.exportLayout);
  const routes = renderer.entry.tree.routes;
  const patterns = routes.map((r) => r.pattern);
  if (patterns.join('\n') !== data.patterns.join('\n')) {
    throw new Error(`the worker's routes (${patterns.join(', ')}) differ from the main thread's (${data.patterns.join(', ')})`);
  }
  // Imported before any page, outside any page's scope: warm, and no page is credited with what
  // a module reads at its top level (the main thread records that once for every page).
  await preloadRouteModules(renderer.entry.load, routes);
  runner = createPageRunner({
    renderer,
    routes,
    writer: createWriter(data.outDir),
    concurrency: data.renderConcurrency,
    timeoutMs: data.pageTimeoutMs,
    onOutcomes: (batch) => post({ type: 'outcomes', ...batch }),
    onError: (error, pathname) => post({ type: 'failed', pathname, error: toWireError(error) }),
  });
  if (!stopping) post({ type: 'ready' });
} catch (error) {
  post({ type: 'failed', error: toWireError(error) });
}
