/**
 * Where a page's Flight payload is served, for client navigation: `/` → `/_kiln/rsc/index.rsc`,
 * `/a/b` → `/_kiln/rsc/a/b/index.rsc`. Mirrors the `pages/` layout so the server maps one to the
 * other by string operations alone.
 */
export const PAYLOAD_PREFIX = '/_kiln/rsc';
// page-files.ts's PAGE_RSC_FILE, spelled out: browser code imports this module, and that one
// brings the error catalog along.
const SUFFIX = '/index.rsc';

export function payloadUrl(pathname: string): string {
  const folder = pathname === '/' ? '' : pathname.replace(/\/+$/, '');
  return `${PAYLOAD_PREFIX}${folder}${SUFFIX}`;
}

/** The page pathname a payload URL stands for, or null when the URL is not a payload URL. */
export function pathnameOfPayloadUrl(url: string): string | null {
  if (!url.startsWith(`${PAYLOAD_PREFIX}/`) || !url.endsWith(SUFFIX)) return null;
  const folder = url.slice(PAYLOAD_PREFIX.length, url.length - SUFFIX.length);
  return folder === '' ? '/' : folder;
}
