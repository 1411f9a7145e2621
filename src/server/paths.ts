import { ASSETS_PREFIX } from '../output/assets.ts';
import { pathnameOfPayloadUrl } from '../output/payload-url.ts';

/**
 * Where a request path leads, decided from the text alone before any file is touched.
 *
 * - `asset`: a hashed build asset (under `ASSETS_PREFIX`), `file` relative to `client/` (decoded,
 *   `/`-joined).
 * - `page`: a page path (or a public file of `client/`, tried first when `publicFile` is set).
 *   `path` is the raw pathname without its trailing slash; `trailingSlash` says it had one.
 * - `payload`: an RSC payload URL; `path` is the raw pathname of the page it stands for.
 * - `none`: inside a namespace Kiln reserves (`/_kiln/`), with nothing there.
 * - `bad`: malformed (no leading `/`, bad percent-encoding, a NUL, a `.` or `..` part): answer 400.
 */
export type Target =
  | { kind: 'asset'; file: string }
  | { kind: 'page'; path: string; trailingSlash: boolean; publicFile: string | null }
  | { kind: 'payload'; path: string }
  | { kind: 'none' }
  | { kind: 'bad'; reason: string };

// Checked after ASSETS_PREFIX, which lies inside it.
const KILN_PREFIX = '/_kiln/';

interface Scan {
  /** Each segment decoded once. */
  decoded: string[];
  /** No segment decodes to text holding `/` or `\`, so `decoded.join('/')` names a file. */
  fileSafe: boolean;
  trailingSlash: boolean;
}

/**
 * Splits a pathname and decodes each segment once, rejecting what no valid URL of the site
 * contains: an empty segment (`//`, which would also turn a redirect into an off-site one), bad
 * percent-encoding, NUL, a raw backslash, and any segment that decodes to `.` or `..`.
 * `%2F` and `%5C` stay legal in page paths: a param value may hold them, and `href()`
 * re-encodes the value, so the file name never contains a separator.
 */
function scan(pathname: string): Scan | string {
  const decoded: string[] = [];
  let fileSafe = true;
  const end = pathname.length;
  let start = 1;
  while (start <= end) {
    let slash = pathname.indexOf('/', start);
    if (slash === -1) slash = end;
    const raw = pathname.slice(start, slash);
    if (raw === '') {
      if (slash === end && end > 1) return { decoded, fileSafe, trailingSlash: true };
      if (end === 1) break;
      return 'empty path segment';
    }
    let part = raw;
    if (raw.includes('%')) {
      try {
        part = decodeURIComponent(raw);
      } catch {
        return 'bad percent-encoding';
      }
      if (fileSafe && (part.includes('/') || part.includes('\\'))) fileSafe = false;
    }
    if (part === '.' || part === '..') return 'dot segment';
    if (part.includes('\0')) return 'NUL character';
    if (raw.includes('\\')) return 'backslash';
    decoded.push(part);
    start = slash + 1;
  }
  return { decoded, fileSafe, trailingSlash: false };
}

/** Classifies a request pathname (no query). Pure and allocation-light: it runs per request. */
export function parseTarget(pathname: string): Target {
  if (pathname.charCodeAt(0) !== 47 /* / */) return { kind: 'bad', reason: 'path does not start with "/"' };
  const s = scan(pathname);
  if (typeof s === 'string') return { kind: 'bad', reason: s };

  if (pathname.startsWith(ASSETS_PREFIX)) {
    if (!s.fileSafe) return { kind: 'bad', reason: 'encoded separator in a file path' };
    if (s.trailingSlash) return { kind: 'none' };
    return { kind: 'asset', file: s.decoded.join('/') };
  }
  if (pathname.startsWith(KILN_PREFIX)) {
    const path = pathnameOfPayloadUrl(pathname);
    return path === null ? { kind: 'none' } : { kind: 'payload', path };
  }
  const trailingSlash = s.trailingSlash;
  return {
    kind: 'page',
    path: trailingSlash ? pathname.slice(0, -1) : pathname,
    trailingSlash,
    publicFile: s.fileSafe && !trailingSlash && s.decoded.length > 0 ? s.decoded.join('/') : null,
  };
}

/**
 * Checks the request-target exactly as the client sent it. WHATWG URL parsing (every `Request`)
 * silently resolves `..`, `%2e%2e` and backslashes, so by the time a handler sees `request.url`
 * a traversal attempt looks like an ordinary path. An adapter that still has the raw text (Node's
 * `req.url`) passes it here so such requests answer 400 instead. Returns the problem, or null.
 */
export function rawTargetProblem(target: string): string | null {
  let end = target.indexOf('?');
  if (end === -1) end = target.length;
  const hash = target.indexOf('#');
  if (hash !== -1 && hash < end) end = hash;
  let start = 0;
  while (start < end) {
    let slash = target.indexOf('/', start);
    if (slash === -1 || slash > end) slash = end;
    const len = slash - start;
    // `.`, `..`, `%2e`, `.%2e`, `%2e.`, `%2e%2e` (any case) are 1 to 6 characters long.
    if (len > 0 && len <= 6 && isDotSegment(target.slice(start, slash))) return 'dot segment';
    start = slash + 1;
  }
  const bs = target.indexOf('\\');
  if (bs !== -1 && bs < end) return 'backslash';
  return null;
}

function isDotSegment(part: string): boolean {
  const text = part.replace(/%2e/gi, '.');
  return text === '.' || text === '..';
}

/**
 * Splits an absolute URL (`request.url`) or an origin-form target (`/path?query`) into pathname
 * and search, by slicing: no URL object per request.
 */
export function splitUrl(url: string): { pathname: string; search: string } {
  let pathStart = 0;
  if (url.charCodeAt(0) !== 47 /* / */) {
    const scheme = url.indexOf('://');
    pathStart = scheme === -1 ? -1 : url.indexOf('/', scheme + 3);
  }
  // No path at all (`*`, or an absolute URL without one): parseTarget answers 400.
  if (pathStart === -1) return { pathname: '', search: '' };
  let end = url.length;
  const hash = url.indexOf('#', pathStart);
  if (hash !== -1) end = hash;
  const query = url.indexOf('?', pathStart);
  if (query !== -1 && query < end) return { pathname: url.slice(pathStart, query), search: url.slice(query, end) };
  return { pathname: url.slice(pathStart, end), search: '' };
}
