/**
 * Build side of prerendered route handlers: a `route.ts` whose route has generateStaticParams
 * (e.g. `app/[lang]/feed.xml/route.ts`) has its GET called once per generated path at build
 * time, like a page is rendered, and the response is written to
 * `pages/<encoded path>.response` for `kiln start` to serve (and regenerate under ISR).
 *
 * The handler gets a GET `Request` for the page's URL on `origin` with no cookies or headers:
 * a prerendered response is the same for every visitor.
 */
import type { RscEntry } from './types.ts';
import { encodeResponseFile, isStoredStatus, storedResponse } from './response-file.ts';
import { PAGES_DIR, pageFileInPages, RESPONSE_EXT } from '../output/page-files.ts';

export interface PrerenderedResponse {
  /** The handler's status; only 200 and redirects are written (`isStoredStatus`). */
  status: number;
  /** Nothing for another status: that path is left to the server. */
  files: Array<{ path: string; data: Uint8Array }>;
}

/**
 * Calls the GET handler of the route `pathname` (encoded, as `href()` gives it) belongs to,
 * through the built rsc entry, at its public URL (under the bundle's base path). Throws what the
 * handler throws.
 */
export async function prerenderRouteHandler(
  entry: Pick<RscEntry, 'handler'> & Partial<Pick<RscEntry, 'urlConfig'>>,
  pathname: string,
  origin = 'http://localhost',
): Promise<PrerenderedResponse> {
  for (const part of pathname === '/' ? [] : pathname.slice(1).split('/')) {
    if (part === '' || part === '.' || part === '..' || part.includes('\\') || part.includes('\0')) {
      throw new Error(`refusing to write a prerendered response for ${JSON.stringify(pathname)}: it would leave pages/`);
    }
  }
  const basePath = entry.urlConfig?.basePath ?? '';
  const response = await entry.handler(new Request(new URL(`${basePath}${pathname}`, origin), { method: 'GET' }));
  const stored = await storedResponse(response);
  if (!isStoredStatus(stored.status)) return { status: stored.status, files: [] };
  return { status: stored.status, files: [{ path: `${PAGES_DIR}/${pageFileInPages(pathname, RESPONSE_EXT)}`, data: encodeResponseFile(stored) }] };
}
