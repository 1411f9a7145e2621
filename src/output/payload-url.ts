/**
 * Where a page's Flight payload is served, for client navigation: its path with `.rsc` added,
 * under `/_kiln/rsc` (`/a/b` → `/_kiln/rsc/a/b.rsc`; `/` → `/_kiln/rsc.rsc`, beside the folder,
 * so no page's payload can take its name). A payload is one file, in its parent path's folder:
 * no folder per page, in `dist/pages/` (which mirrors this scheme, see page-files.ts) or in a
 * static export. The server maps one to the other by string operations alone.
 */
export const PAYLOAD_PREFIX = '/_kiln/rsc';
// page-files.ts's PAGE_RSC_EXT, spelled out: browser code imports this module, and that one
// brings the error catalog along.
const EXT = '.rsc';
const ROOT_URL = `${PAYLOAD_PREFIX}${EXT}`;

export function payloadUrl(pathname: string): string {
  const path = pathname === '/' ? '' : pathname.replace(/\/+$/, '');
  return `${PAYLOAD_PREFIX}${path}${EXT}`;
}

/** The page pathname a payload URL stands for, or null when the URL is not a payload URL. */
export function pathnameOfPayloadUrl(url: string): string | null {
  if (url === ROOT_URL) return '/';
  if (!url.startsWith(`${PAYLOAD_PREFIX}/`) || !url.endsWith(EXT)) return null;
  const path = url.slice(PAYLOAD_PREFIX.length, url.length - EXT.length);
  // `/_kiln/rsc/.rsc` and `/_kiln/rsc/a/.rsc` name no page.
  return path.endsWith('/') ? null : path;
}

/** Whether a request path (a base path or anything else before it) is shaped like a payload URL. */
export function looksLikePayloadUrl(pathname: string): boolean {
  return pathname.includes(PAYLOAD_PREFIX) && pathname.endsWith(EXT);
}
