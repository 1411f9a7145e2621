/**
 * Where a prerendered path's files go: `pages/<encoded segments>/index.html` and `index.rsc`
 * (`/` → `pages/index.html`). Segments are `href()` output, so they hold no separator; this
 * module still refuses anything that could leave `pages/`.
 */
import { kilnError } from '../errors.ts';
import type { Route } from '../routing/types.ts';
import { PAGE_TAGS_FILE } from '../render/page-tags.ts';

export const PAGES_DIR = 'pages';
export const NOT_FOUND_PAGE = `${PAGES_DIR}/404.html`;

export interface PageFiles {
  /** Folder relative to the output folder. */
  dir: string;
  html: string;
  rsc: string;
  /** The cache tags of the page's data, written only when it used any (see render/page-tags.ts). */
  tags: string;
}

export function pageFiles(pathname: string, route: Pick<Route, 'pattern' | 'file'>): PageFiles {
  const segments = pathname === '/' ? [] : pathname.slice(1).split('/');
  for (const s of segments) {
    if (s === '' || s === '.' || s === '..' || s.includes('\\') || s.includes('\0')) {
      throw kilnError('BUILD_PAGE_PATH_UNSAFE', { route: route.pattern, file: route.file, path: pathname });
    }
  }
  const dir = [PAGES_DIR, ...segments].join('/');
  return { dir, html: `${dir}/index.html`, rsc: `${dir}/index.rsc`, tags: `${dir}/${PAGE_TAGS_FILE}` };
}
