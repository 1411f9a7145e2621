/**
 * `kiln dev`'s answer for a metadata file URL (`/favicon.ico`, `/blog/opengraph-image.png`,
 * `/robots.txt`, …): a static file straight from the app folder, a code module rendered per
 * request, as `kiln start` serves what the build wrote. Never cached: every save shows at once.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { RscEntry } from '../render/types.ts';
import { contentTypeOf } from '../server/content-types.ts';

/** The response, or null when `pathname` is no metadata file's URL (a page, or a 404). */
export async function serveDevMetadata(entry: RscEntry, root: string, pathname: string, head: boolean): Promise<Response | null> {
  const match = entry.metadata.match(pathname);
  if (match === null) return null;
  let body: Uint8Array;
  let contentType: string;
  if (match.file.source === 'static') {
    body = await readFile(path.join(root, match.file.file));
    contentType = contentTypeOf(match.file.file);
  } else {
    const rendered = await entry.metadata.render(match);
    if (rendered === null) return null;
    ({ body, contentType } = rendered);
  }
  return new Response(head ? null : (body as Uint8Array<ArrayBuffer>), {
    status: 200,
    headers: { 'content-type': contentType, 'cache-control': 'no-store' },
  });
}
