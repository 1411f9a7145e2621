/**
 * Renders pages from a built server bundle. A function of one page at a time, holding nothing
 * between pages, so a worker thread can run it as well as the main thread.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { KilnError, kilnError, type ErrorCode } from '../errors.ts';
import type { PageEntry } from '../params/types.ts';
import type { RscEntry } from '../render/types.ts';
import { NOT_FOUND_PAGE, pageFiles } from './page-files.ts';
import type { OutputFile } from './writer.ts';

export interface RenderedPage {
  status: 200 | 404;
  /** Nothing for a page that called notFound(): it is left to the server. */
  files: OutputFile[];
}

export interface Renderer {
  entry: RscEntry;
  renderOne(page: PageEntry): Promise<RenderedPage>;
  /** `pages/404.html`, the root not-found page. */
  renderNotFound(): Promise<OutputFile>;
}

/** `serverDir` is the build's `server/` folder; its `rsc/index.js` is the rsc entry. */
export async function createRenderer(serverDir: string): Promise<Renderer> {
  let entry: RscEntry;
  try {
    const mod = (await import(pathToFileURL(path.join(serverDir, 'rsc', 'index.js')).href)) as { kiln: RscEntry };
    entry = mod.kiln;
  } catch (error) {
    throw reviveError(error);
  }
  return {
    entry,
    async renderOne(page) {
      const files = pageFiles(page.pathname, page.route);
      let result;
      try {
        result = await entry.renderPath(page);
      } catch (error) {
        throw reviveError(error);
      }
      if (result.status !== 200) return { status: result.status, files: [] };
      return {
        status: 200,
        files: [
          { path: files.html, data: result.html },
          { path: files.rsc, data: result.rsc },
        ],
      };
    },
    async renderNotFound() {
      try {
        const result = await entry.renderNotFound('/404');
        return { path: NOT_FOUND_PAGE, data: result.html };
      } catch (error) {
        throw reviveError(error);
      }
    },
  };
}

/**
 * The server bundle carries its own copy of the error catalog, so its errors are not instances
 * of this process's KilnError. Rebuild them here so `isKilnError` and the CLI's reporting work.
 */
export function reviveError(error: unknown): unknown {
  if (error instanceof KilnError) return error;
  const e = error as { name?: unknown; code?: unknown; details?: unknown; cause?: unknown } | null;
  if (e?.name !== 'KilnError' || typeof e.code !== 'string' || typeof e.details !== 'object' || e.details === null) return error;
  try {
    const revived = kilnError(e.code as ErrorCode, e.details as Record<string, unknown>, { cause: e.cause });
    if (error instanceof Error && error.stack) revived.stack = error.stack;
    return revived;
  } catch {
    return error;
  }
}
