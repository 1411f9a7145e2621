/** The build's public shapes: its options, its progress events and the report it returns. */
import type { ParamsWarning } from '../params/types.ts';
import type { PreviousOutputRemoval } from './output-swap.ts';
import type { Shard } from './shard.ts';
import type { RouteKind, RouteType } from '../output/manifest.ts';
import type { IncrementalReport } from './incremental/session.ts';

export interface BuildOptions {
  /** Also write a static export to `out/` (as `output: 'export'` in kiln.config or next.config). */
  export?: boolean;
  /** Ignore the build cache: render every page and run Vite (a new cache is still written). */
  force?: boolean;
  /** The project folder: holds `app/` or `src/app/`, and optionally `vite.config.*` and `public/`. */
  root: string;
  /** Output folder, absolute or relative to `root`. Default `<root>/dist`. */
  outDir?: string;
  /** Vite mode (selects `.env.[mode]` files). Default `production`. */
  mode?: string;
  /** Render worker threads. Default: `concurrency` in kiln.config, else one per core. */
  concurrency?: number;
  /**
   * true: render in the calling thread (for debugging, and for tests that look at the process's
   * own state); false: render in `concurrency` worker threads. Default: in the calling thread when
   * the build has at most 256 pages (`IN_PROCESS_MAX_PAGES`), else in workers.
   */
  inProcess?: boolean;
  /** Pages each worker renders at once (they overlap on data fetching and file writes). Default 4. */
  renderConcurrency?: number;
  /** A page that has not rendered after this long fails the build. Default: kiln.config, else 60 000. */
  pageTimeoutMs?: number;
  /** Build fetches in flight at once per origin, all workers together. Default: kiln.config, else 16. */
  fetchConcurrency?: number;
  /** Extra attempts for failed GETs and gSP calls that throw a network error. Default: kiln.config, else 2. */
  retries?: number;
  /** Delay before the first retry, doubling after each. Default 250. */
  retryDelayMs?: number;
  onProgress?: (event: BuildProgress) => void;
  /** Vite's and Kiln's messages; without it warnings and errors go to the console, info is dropped. */
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** Pass Vite's own progress lines (modules transformed, chunk sizes) to `log` and stdout. */
  verbose?: boolean;
  /**
   * The previous output is renamed away when the new one is swapped in; 'wait' (default) deletes
   * it before `build()` resolves, 'background' leaves that to a detached process (the CLI's
   * choice: a large site takes seconds to delete).
   */
  removePrevious?: PreviousOutputRemoval;
  /**
   * Render only this shard's pages (see shard.ts): the output is a partial build, with its
   * partial static export in its `out/` folder, for `kiln merge` to join with the others.
   */
  shard?: Shard;
}

export type BuildPhase = 'bundle' | 'prerender' | 'finish';

export interface BuildProgress {
  phase: BuildPhase;
  /** Pages written so far. */
  pages: number;
  /** Pages to write, once every route's params are known; undefined while they still stream. */
  total?: number;
  pagesPerSecond: number;
  /** The page just written, when the event is about one. */
  pathname?: string;
}

export interface RouteStats {
  pattern: string;
  file: string;
  type: RouteType;
  kind: RouteKind;
  /** Pages written for the route. */
  pages: number;
  /** Bytes of those pages (HTML and payload). */
  bytes: number;
  dynamicParams: boolean;
  revalidate: number | false;
  dynamic: string;
  /** Prerendered paths that called notFound() and were therefore not written. */
  notFound: number;
}

export interface BuildTimings {
  /** Wall time of Vite's bundling. */
  bundleMs: number;
  /** Wall time from the first params call to the last page written (params, render and write overlap). */
  prerenderMs: number;
  /** Time the main thread spent producing params (generateStaticParams and the walk), summed. */
  paramsMs: number;
  /**
   * Time the rendering threads were busy other than writing files, summed over threads (with
   * two workers it can reach twice the prerender time). Includes the threads' own overheads.
   */
  renderMs: number;
  /** Time spent writing page files, summed over threads. */
  writeMs: number;
  /** With a static export: wall time of what it adds once the last page is written. */
  exportMs: number;
  totalMs: number;
  /** Render worker threads used; 0 for an in-process build. */
  workers: number;
}

export interface BuildResult {
  /** A sharded build: which shard, the paths it rendered, and the paths of all shards together. */
  shard?: Shard & { paths: number; allPaths: number };
  /** The static export, when the build made one. */
  exported?: { dir: string; pages: number; files: number };
  outDir: string;
  appDir: string;
  buildId: string;
  routes: RouteStats[];
  pages: number;
  timings: BuildTimings;
  /** Bytes under `client/`, `server/` and `pages/` of the new output. */
  sizes: { client: number; server: number; pages: number };
  warnings: ParamsWarning[];
  /** The build-wide data cache: requests answered, sent to the network (retries included), and shared. */
  fetches: { requests: number; network: number; shared: number };
  /** What the build cache saved: pages kept, rendered (changed or new) and removed, and whether Vite ran. */
  incremental: IncrementalReport;
}
