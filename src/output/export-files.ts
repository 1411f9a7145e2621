/**
 * Where a static export (`output: 'export'`) puts a page, relative to `out/`: its HTML where
 * static hosts look for it (`about.html`, or `about/index.html` with `trailingSlash: true`, as
 * Next.js writes them) and its payload where client navigation asks for it (the payload URL as a
 * file). File names are the *decoded* URL segments (`tags/c++.html`), because static hosts decode
 * the request path before looking for a file.
 */
import { payloadUrl } from './payload-url.ts';

/** The not-found page, at the name static hosts use for it. */
export const EXPORT_NOT_FOUND_FILE = '404.html';

export interface ExportLayout {
  trailingSlash: boolean;
}

export interface ExportPageFiles {
  html: string;
  rsc: string;
}

/** The export's files of encoded pathname `pathname` (as `href()` writes it), relative to `out/`. */
export function exportPageFiles(pathname: string, layout: ExportLayout): ExportPageFiles {
  const segments = pathname === '/' ? [] : pathname.slice(1).split('/').map(fileSegment);
  // Where client navigation asks for it, as a file: the URL without its leading slash.
  return { html: htmlFile(segments, layout.trailingSlash), rsc: payloadUrl(`/${segments.join('/')}`).slice(1) };
}

/** `[]` → `index.html`; `['about']` → `about.html`, or `about/index.html` with trailing slashes. */
export function htmlFile(segments: readonly string[], trailingSlash: boolean): string {
  if (segments.length === 0) return 'index.html';
  return trailingSlash ? `${segments.join('/')}/index.html` : `${segments.join('/')}.html`;
}

/**
 * The file name a static host looks for: the segment decoded, since hosts decode request paths.
 * A value that decodes to a separator or a dot segment keeps its encoded spelling, so it can
 * never leave its folder.
 */
export function fileSegment(encoded: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
  if (decoded === '' || decoded === '.' || decoded === '..' || /[/\\\0]/.test(decoded)) return encoded;
  return decoded;
}
