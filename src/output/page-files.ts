/**
 * Where a prerendered path's files go: `pages/<encoded segments>/index.html`, `index.rsc`,
 * `index.tags` and `index.response` (`/` → `pages/index.html`). The build writes them and
 * `kiln start` reads them by these names alone. Segments are `href()` output, so they hold no
 * separator; `pageFiles` still refuses anything that could leave `pages/`.
 */
import { kilnError } from '../errors.ts';
import { EXPORT_NOT_FOUND_FILE, exportPageFiles, type ExportLayout, type ExportPageFiles } from './export-files.ts';

export const PAGES_DIR = 'pages';
/** The not-found page's document, in `pages/`. */
export const NOT_FOUND_FILE = '404.html';
export const NOT_FOUND_PAGE = `${PAGES_DIR}/${NOT_FOUND_FILE}`;

/** A page's document. */
export const PAGE_HTML_FILE = 'index.html';
/** A page's Flight payload, for client navigation. */
export const PAGE_RSC_FILE = 'index.rsc';
/**
 * The cache tags of a page's data, one a line, written only when it used any; read by
 * `kiln start` once `revalidateTag` has marked a tag (the format: render/page-tags.ts).
 */
export const PAGE_TAGS_FILE = 'index.tags';
/** A prerendered GET route handler's response (the format: render/response-file.ts). */
export const RESPONSE_FILE = 'index.response';

/**
 * With a static export, `out/` is staged inside the build's fresh output folder under this name,
 * so that every file the build writes is relative to one folder, and a page's HTML and payload
 * are written once, where the export serves them, and hard-linked into `pages/`. The build moves
 * it to `out/` once everything succeeded.
 */
export const EXPORT_STAGING_DIR = '.kiln-export';

export interface PageFiles {
  /** Folder relative to the output folder. */
  dir: string;
  html: string;
  rsc: string;
  tags: string;
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
  const dir = [PAGES_DIR, ...segments].join('/');
  const files: PageFiles = { dir, html: `${dir}/${PAGE_HTML_FILE}`, rsc: `${dir}/${PAGE_RSC_FILE}`, tags: `${dir}/${PAGE_TAGS_FILE}` };
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
 * File `name` of the page at canonical path `pathname`, relative to `pages/`: what the server
 * opens. The server has checked the path segment by segment before (server/paths.ts).
 */
export function pageFileInPages(pathname: string, name: string): string {
  return pathname === '/' ? name : `${pathname.slice(1)}/${name}`;
}
