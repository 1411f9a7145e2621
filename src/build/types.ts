/** The build's public shapes: its options, its progress events and the report it returns. */
import type { ParamsWarning } from '../params/types.ts';

export interface BuildOptions {
  /** The project folder: holds `app/` or `src/app/`, and optionally `vite.config.*` and `public/`. */
  root: string;
  /** Output folder, absolute or relative to `root`. Default `<root>/dist`. */
  outDir?: string;
  /** Vite mode (selects `.env.[mode]` files). Default `production`. */
  mode?: string;
  /** Pages rendered at once in this thread (they overlap on data and file writes). Default 8. */
  concurrency?: number;
  onProgress?: (event: BuildProgress) => void;
  /** Vite's and Kiln's messages; without it warnings and errors go to the console, info is dropped. */
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** Pass Vite's own progress lines (modules transformed, chunk sizes) to `log` and stdout. */
  verbose?: boolean;
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

export type RouteKind = 'static' | 'generated' | 'dynamic';

export interface RouteStats {
  pattern: string;
  file: string;
  type: 'page' | 'handler';
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
  /** Time spent waiting for generateStaticParams, summed. */
  paramsMs: number;
  /** Time spent rendering pages, summed over concurrent renders. */
  renderMs: number;
  /** Time spent writing pages, summed over concurrent writes. */
  writeMs: number;
  totalMs: number;
}

export interface BuildResult {
  outDir: string;
  appDir: string;
  buildId: string;
  routes: RouteStats[];
  pages: number;
  timings: BuildTimings;
  /** Bytes under `client/`, `server/` and `pages/` of the new output. */
  sizes: { client: number; server: number; pages: number };
  warnings: ParamsWarning[];
}
