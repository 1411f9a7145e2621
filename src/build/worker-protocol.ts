/** Messages between the build's main thread and its render workers (`worker.ts`). */
import type { ExportLayout } from '../output/export-files.ts';
import type { OutcomeBatch, PageTask } from './page-runner.ts';
import type { WireError, WireRequest, WireResponse } from './wire.ts';

export interface WorkerData {
  /** The build's `server/` folder; `rsc/index.js` is imported once per worker. */
  serverDir: string;
  /** The folder pages are written under (the build's staging folder). */
  outDir: string;
  /** Route patterns in tree order, to check that both threads index the same routes. */
  patterns: string[];
  renderConcurrency: number;
  pageTimeoutMs: number;
  /** Folders whose reads are the build's own, not a page's input (incremental/recorder.ts). */
  ignoreReads: string[];
  /** With a static export: each page is also written where the export serves it. */
  exportLayout?: ExportLayout;
}

export type ToWorker =
  | { type: 'pages'; tasks: PageTask[] }
  | { type: 'fetched'; id: number; response: WireResponse }
  | { type: 'fetch-failed'; id: number; error: WireError }
  | { type: 'stop' };

export type FromWorker =
  | { type: 'ready' }
  | ({ type: 'outcomes' } & OutcomeBatch)
  /** A page failed (`pathname`), or the worker could not start (no `pathname`). */
  | { type: 'failed'; pathname?: string; error: WireError }
  | { type: 'fetch'; id: number; request: WireRequest }
  | { type: 'stopped' };
