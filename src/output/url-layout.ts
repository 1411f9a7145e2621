/**
 * Where the site's pages sit in URL space: under next.config's `basePath`, with or without a
 * trailing slash (`trailingSlash`). The build records both in `manifest.json` for the server;
 * the client makes its links with these same functions (src/client/config.ts), so a link never
 * bounces off a redirect.
 */
export interface UrlLayout {
  /** '' or a path such as '/docs' (leading slash, no trailing slash). */
  basePath: string;
  trailingSlash: boolean;
}

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

/**
 * App path `path` under the base path, its spelling otherwise kept (payload URLs use this). The
 * root under a base path is `/docs`, or `/docs/` with `trailingSlash`: the spelling the server
 * answers without a redirect.
 */
export function withBasePath(path: string, layout: UrlLayout): string {
  if (layout.basePath === '') return path;
  if (path === '/') return layout.trailingSlash ? `${layout.basePath}/` : layout.basePath;
  return `${layout.basePath}${path}`;
}

/** The public URL path of app path `path` (encoded, as `href()` writes it). */
export function publicPath(path: string, layout: UrlLayout): string {
  if (path === '/') return withBasePath(path, layout);
  return `${withBasePath(path, layout)}${wantsTrailingSlash(path, layout) ? '/' : ''}`;
}
