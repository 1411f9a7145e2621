/**
 * The app's `basePath` and `trailingSlash`, as Kiln's Vite plugin defines them from
 * `next.config.*` into every environment. Read through `import.meta.env` so the browser, ssr and
 * rsc bundles all see the same build-time values; outside Vite (unit tests) the defaults apply.
 * The rules that place a path under them are the server's (output/url-layout.ts), so a link
 * never bounces off a redirect.
 */
import { wantsTrailingSlash, withBasePath, withinBasePath, type UrlLayout } from '../output/url-layout.ts';

export type UrlConfig = UrlLayout;

function readEnv(): UrlConfig {
  // Spelled out in full: Vite's define replaces exactly these expressions, in dev and in builds.
  const basePath: unknown = import.meta.env?.KILN_BASE_PATH;
  const trailingSlash: unknown = import.meta.env?.KILN_TRAILING_SLASH;
  return {
    basePath: typeof basePath === 'string' ? basePath : '',
    trailingSlash: trailingSlash === true || trailingSlash === 'true',
  };
}

export const urlConfig: UrlConfig = readEnv();

/** True for an absolute path of this origin: `/x`, never `//host/x`. */
export function isLocalPath(href: string): boolean {
  return href.startsWith('/') && !href.startsWith('//');
}

/**
 * The URL a link points at: an absolute local path gets the base path and the app's trailing
 * slash convention; anything else (relative, `?q`, `#h`, another origin) is left as written.
 */
export function toPublicHref(href: string, config: UrlConfig = urlConfig): string {
  if (!isLocalPath(href)) return href;
  const cut = firstIndexOf(href, '?#');
  const pathname = href.slice(0, cut);
  const rest = href.slice(cut);
  return `${addBasePath(withTrailingSlash(pathname, config.trailingSlash), config.basePath, config.trailingSlash)}${rest}`;
}

/**
 * The URL pathname of an app pathname. The app's root under a base path is `/docs`, or `/docs/`
 * with `trailingSlash`: the spelling the server answers without a redirect.
 */
export function addBasePath(
  pathname: string,
  basePath: string = urlConfig.basePath,
  trailingSlash: boolean = urlConfig.trailingSlash,
): string {
  return withBasePath(pathname, { basePath, trailingSlash });
}

/** The app pathname of a URL pathname, or null when it lies outside the base path. */
export function stripBasePath(pathname: string, basePath: string = urlConfig.basePath): string | null {
  return withinBasePath(pathname, basePath)?.path ?? null;
}

/** `/about` ↔ `/about/` by the app's convention; `/` stays `/`. File-like last parts keep theirs. */
export function withTrailingSlash(pathname: string, trailingSlash: boolean = urlConfig.trailingSlash): string {
  if (pathname === '/' || pathname === '') return '/';
  const bare = pathname.replace(/\/+$/, '');
  return wantsTrailingSlash(bare, { basePath: '', trailingSlash }) ? `${bare}/` : bare;
}

function firstIndexOf(text: string, chars: string): number {
  let at = text.length;
  for (const c of chars) {
    const i = text.indexOf(c);
    if (i !== -1 && i < at) at = i;
  }
  return at;
}
