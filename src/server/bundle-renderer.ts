/**
 * What `kiln start` renders with: the app's built rsc entry (`<outDir>/server/rsc/index.js`),
 * imported on first need so a server over a fully prerendered site never loads React.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { kilnError } from '../errors.ts';
import { provideImageRenderer } from '../next/og-node.ts';
import type { RscEntry } from '../render/types.ts';
import type { Params, Route } from '../routing/index.ts';

export interface RenderedPage {
  status: number;
  html: Uint8Array;
  rsc: Uint8Array;
  /** With status 307/308: where the page redirects (`RenderResult.location`). */
  location?: string;
  /** Cache tags of the data the render used (`RenderResult.tags`). */
  tags?: string[];
}

/** The renderer the on-demand layer drives; tests pass their own. */
export interface ServerRenderer {
  /**
   * Renders the page of route file `file` with `params`; `pathname` is the canonical URL.
   * `request` is the one a per-request page answers, for `headers()` and `cookies()`.
   */
  renderPage(file: string, params: Params, pathname: string, request?: Request): Promise<RenderedPage>;
  /** Answers a request to a route handler (any method). */
  callHandler(request: Request): Promise<Response>;
  /**
   * The not-found page nearest to route file `file`, inside its layouts, for params the route
   * does not have; null when that is the root not-found page (`pages/@404.html` already is it).
   */
  renderNotFound?(file: string, params: Params, pathname: string): Promise<RenderedPage | null>;
  /** Runs the app's middleware for a request (`undefined`: it answered nothing). */
  runMiddleware?(request: Request): Promise<Response | undefined>;
}

export function rscEntryFile(outDir: string): string {
  return path.join(outDir, 'server', 'rsc', 'index.js');
}

/** The renderer over a build's server bundle, or null when the build has none. */
export async function loadBundleRenderer(outDir: string): Promise<ServerRenderer | null> {
  const file = rscEntryFile(path.resolve(outDir));
  if (!existsSync(file)) return null;
  // next/og draws with Kiln's own image library, which the bundle cannot contain.
  provideImageRenderer();
  const mod = (await import(pathToFileURL(file).href)) as { kiln?: RscEntry };
  if (!mod.kiln || typeof mod.kiln.renderPath !== 'function') {
    throw kilnError('SERVER_BUNDLE_INVALID', { file: path.relative(process.cwd(), file) || file });
  }
  return rendererOf(mod.kiln);
}

export function rendererOf(kiln: RscEntry): ServerRenderer {
  // The server matches with a tree rebuilt from the manifest; the bundle's own Route objects
  // carry the layouts and not-found files the render needs.
  const byFile = new Map<string, Route>(kiln.tree.routes.map((r) => [r.file, r]));
  return {
    async renderPage(file, params, pathname, request) {
      const route = byFile.get(file);
      if (!route) throw kilnError('INTERNAL', { file, reason: 'the server bundle has no route for this file' });
      return kiln.renderPath(request ? { route, params, pathname, request } : { route, params, pathname });
    },
    callHandler: (request) => kiln.handler(request),
    async runMiddleware(request) {
      if (!kiln.middleware) throw kilnError('INTERNAL', { reason: 'the server bundle has no middleware' });
      return kiln.middleware.run(request);
    },
    async renderNotFound(file, params, pathname) {
      const route = byFile.get(file);
      // Level 0 is the app folder: its not-found is the one prerendered as pages/@404.html.
      if (!route || !route.levels.slice(1).some((level) => level.notFound)) return null;
      return kiln.renderNotFound(pathname, { route, params });
    },
  };
}
