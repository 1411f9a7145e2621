/**
 * Where the site's pages sit in URL space: under next.config's `basePath`, with or without a
 * trailing slash (`trailingSlash`). The build records both in `manifest.json`; the client makes
 * its links by the same rules (src/client/config.ts `toPublicHref`), so a link never bounces.
 */
export interface UrlLayout {
  /** '' or a path such as '/docs' (leading slash, no trailing slash). */
  basePath: string;
  trailingSlash: boolean;
}

export const DEFAULT_URL_LAYOUT: UrlLayout = { basePath: '', trailingSlash: false };

/**
 * The request pathname with the base path taken off, or null for a URL outside it. `rootSlash`
 * tells `/docs/` (true) from `/docs` (false), which both name the app's `/`.
 */
export function withinBasePath(pathname: string, basePath: string): { path: string; rootSlash: boolean } | null {
  if (basePath === '') return { path: pathname, rootSlash: pathname === '/' };
  if (pathname === basePath) return { path: '/', rootSlash: false };
  if (!pathname.startsWith(basePath) || pathname.charCodeAt(basePath.length) !== 47 /* / */) return null;
  const path = pathname.slice(basePath.length);
  return { path, rootSlash: path === '/' };
}

/** A last part that looks like a file name (`feed.xml`) keeps its own spelling, as in Next.js. */
function fileLike(path: string): boolean {
  return /\.[A-Za-z0-9]+$/.test(path.slice(path.lastIndexOf('/') + 1));
}

/** Whether the canonical URL of app path `path` (no trailing slash, or `/`) ends in `/`. */
export function wantsTrailingSlash(path: string, layout: UrlLayout): boolean {
  // Without a base path `/` is the only spelling of the root.
  if (path === '/') return layout.basePath === '' || layout.trailingSlash;
  return layout.trailingSlash && !fileLike(path);
}

/** The public URL path of app path `path` (encoded, as `href()` writes it). */
export function publicPath(path: string, layout: UrlLayout): string {
  if (path === '/') return layout.basePath === '' ? '/' : layout.trailingSlash ? `${layout.basePath}/` : layout.basePath;
  return `${layout.basePath}${path}${wantsTrailingSlash(path, layout) ? '/' : ''}`;
}
