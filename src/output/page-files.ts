/**
 * Where a prerendered path's files go: its encoded path with an extension added, under `pages/`
 * (`/blog/c%2B%2B` → `pages/blog/c%2B%2B.html`, `.rsc`, `.tags`, `.response`), so a page is files
 * in its parent path's folder, never a folder of its own. The home page is `pages/@index.*` and
 * the not-found page `pages/@404.html`: `href()` encodes `@`, so no page can take those names.
 * The build writes them and `kiln start` reads them by these names alone. Segments are `href()`
 * output, so they hold no separator; `pageFiles` still refuses anything that could leave `pages/`.
 */
import { kilnError } from '../errors.ts';
import { EXPORT_NOT_FOUND_FILE, exportPageFiles, type ExportLayout, type ExportPageFiles } from './export-files.ts';

export const PAGES_DIR = 'pages';
/** The not-found page's document, in `pages/`. */
export const NOT_FOUND_FILE = '@404.html';
export const NOT_FOUND_PAGE = `${PAGES_DIR}/${NOT_FOUND_FILE}`;
/** The home page's name before its extension, in `pages/`. */
const ROOT_NAME = '@index';

/** A page's document. */
export const PAGE_HTML_EXT = '.html';
/** A page's Flight payload, for client navigation. */
export const PAGE_RSC_EXT = '.rsc';
/**
 * The cache tags of a page's data, one a line, written only when it used any; read by
 * `kiln start` once `revalidateTag` has marked a tag (the format: render/page-tags.ts).
 */
export const PAGE_TAGS_EXT = '.tags';
/** A prerendered GET route handler's response (the format: render/response-file.ts). */
export const RESPONSE_EXT = '.response';

/**
 * With a static export, `out/` is staged inside the build's fresh output folder under this name,
 * so that every file the build writes is relative to one folder, and a page's HTML and payload
 * are written once, where the export serves them, and hard-linked into `pages/`. The build moves
 * it to `out/` once everything succeeded.
 */
export const EXPORT_STAGING_DIR = '.kiln-export';

export interface PageFiles {
  /** Relative to the output folder. */
  html: string;
  rsc: string;
  tags: string;
  response: string;
  /** With a static export: where it serves `html` and `rsc` (in `EXPORT_STAGING_DIR`). */
  exported?: ExportPageFiles;
}

/**
 * The files of encoded pathname `pathname`, relative to the output folder; `route` names it in
 * errors. With `exportLayout`, also where the static export serves it.
 */
export function pageFiles(pathname: string, route: { pattern: string; file: string }, exportLayout?: ExportLayout): PageFiles {
  const segments = pathname === '/' ? [] : pathname.slice(1).split('/');
  for (const s of segments) {
    if (s === '' || s === '.' || s === '..' || s.includes('\\') || s.includes('\0')) {
      throw kilnError('BUILD_PAGE_PATH_UNSAFE', { route: route.pattern, file: route.file, path: pathname });
    }
  }
  const base = `${PAGES_DIR}/${pageFileInPages(pathname, '')}`;
  const files: PageFiles = { html: base + PAGE_HTML_EXT, rsc: base + PAGE_RSC_EXT, tags: base + PAGE_TAGS_EXT, response: base + RESPONSE_EXT };
  if (exportLayout) {
    const exported = exportPageFiles(pathname, exportLayout);
    files.exported = { html: `${EXPORT_STAGING_DIR}/${exported.html}`, rsc: `${EXPORT_STAGING_DIR}/${exported.rsc}` };
  }
  return files;
}

/** The not-found page's document, and with a static export where that serves it. */
export function notFoundFiles(exportLayout?: ExportLayout): { html: string; exported?: string } {
  return exportLayout ? { html: NOT_FOUND_PAGE, exported: `${EXPORT_STAGING_DIR}/${EXPORT_NOT_FOUND_FILE}` } : { html: NOT_FOUND_PAGE };
}

/**
 * The file with extension `ext` of the page at canonical path `pathname`, relative to `pages/`:
 * what the server opens. The server has checked the path segment by segment before (server/paths.ts).
 */
export function pageFileInPages(pathname: string, ext: string): string {
  return pathname === '/' ? ROOT_NAME + ext : pathname.slice(1) + ext;
}
