/**
 * Renders pages from a built server bundle. A function of one page at a time, holding nothing
 * between pages, so a worker thread can run it as well as the main thread.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { kilnError, reviveError } from '../errors.ts';
import type { PageEntry } from '../params/types.ts';
import { prerenderRouteHandler } from '../render/prerender-route-handler.ts';
import type { RenderResult, RscEntry } from '../render/types.ts';
import { provideImageRenderer } from '../next/og-node.ts';
import { pageFiles } from '../output/page-files.ts';
import type { ExportLayout } from '../output/export-files.ts';
import { encodePageTags } from '../render/page-tags.ts';
import { notFoundOutputFile, pageOutputFiles } from './page-output.ts';
import type { OutputFile } from './writer.ts';

export interface RenderedPage {
  /**
   * 200 a page; 307/308 a page that redirects (its files send the browser on); 404 notFound().
   * For a route handler, the status its GET answered; only 200 is written.
   */
  status: RenderResult['status'] | number;
  /** Nothing for a page that called notFound(): it is left to the server. */
  files: OutputFile[];
  /** 307/308 only: where the page sends the browser. */
  location?: string;
  /** The page fetched this URL with `cache: 'no-store'`: nothing is written, its route is dynamic. */
  dynamicFetch?: string;
  /** The page called this request API (`cookies()`, …) with no request: nothing is written, its route is dynamic. */
  dynamicApi?: string;
  /** A fetch of the page asked for `next: { revalidate }` this many seconds (the smallest). */
  revalidate?: number;
}

export interface Renderer {
  entry: RscEntry;
  renderOne(page: PageEntry): Promise<RenderedPage>;
  /** `pages/@404.html`, the root not-found page. */
  renderNotFound(): Promise<OutputFile>;
}

/**
 * `serverDir` is the build's `server/` folder; its `rsc/index.js` is the rsc entry. With
 * `exportLayout` each page is also where the static export serves it (see page-output.ts).
 */
export async function createRenderer(serverDir: string, exportLayout?: ExportLayout): Promise<Renderer> {
  // next/og draws with Kiln's own image library, which the bundle cannot contain.
  provideImageRenderer();
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
      const files = pageFiles(page.pathname, page.route, exportLayout);
      if (page.route.type === 'handler') {
        try {
          return await prerenderRouteHandler(entry, page.pathname);
        } catch (error) {
          throw kilnError('BUILD_HANDLER_FAILED', { file: page.route.file, route: page.route.pattern, path: page.pathname, reason: errorMessage(error) }, { cause: error });
        }
      }
      let result;
      try {
        result = await entry.renderPath(page);
      } catch (error) {
        throw reviveError(error);
      }
      if (result.dynamicFetch !== undefined) return { status: result.status, files: [], dynamicFetch: result.dynamicFetch };
      if (result.dynamicApi !== undefined) return { status: result.status, files: [], dynamicApi: result.dynamicApi };
      if (result.status === 404) return { status: 404, files: [] };
      const rendered: RenderedPage = {
        status: result.status,
        files: pageOutputFiles(files, result.html, result.rsc),
      };
      // The tags of its data, for `revalidateTag` in `kiln start` (read only once a tag is marked).
      if (result.tags) rendered.files.push({ path: files.tags, data: encodePageTags(result.tags) });
      if (result.location !== undefined) rendered.location = result.location;
      if (result.revalidate !== undefined) rendered.revalidate = result.revalidate;
      return rendered;
    },
    async renderNotFound() {
      try {
        const result = await entry.renderNotFound('/404');
        return notFoundOutputFile(result.html, exportLayout);
      } catch (error) {
        throw reviveError(error);
      }
    },
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
