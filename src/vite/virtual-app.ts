/**
 * `virtual:kiln/app`: the app's special files as a lazy `import.meta.glob`, so each route module
 * is its own chunk, loaded on first render, and adding a file is an ordinary HMR event.
 */
import { SPECIAL_FILE_KINDS, metadataFileGlobs } from '../routing/index.ts';
import { METADATA_FILE_QUERY } from './metadata-file-info.ts';

export const VIRTUAL_APP = 'virtual:kiln/app';
export const RESOLVED_VIRTUAL_APP = '\0virtual:kiln/app';

/**
 * Next.js's middleware file sits beside the app folder: `middleware.ts` (or Next.js 16's
 * `proxy.ts`) in the project root for `app/`, in `src/` for `src/app/`.
 */
function middlewareGlob(appDir: string): string[] {
  const dir = appDir.includes('/') ? `/${appDir.slice(0, appDir.lastIndexOf('/'))}` : '';
  return [`${dir}/{middleware,proxy}.{ts,js,mts,mjs,tsx,jsx}`];
}

/** `pageExtensions`: next.config's, without dots, so `page.mdx` is a route only when `mdx` is listed. */
export function virtualAppSource(appDir: string, pageExtensions: readonly string[]): string {
  const names = SPECIAL_FILE_KINDS.join(',');
  // A brace with one alternative is not expanded by the glob matcher: it would match "{mdx}".
  const exts = pageExtensions.length === 1 ? pageExtensions[0] : `{${pageExtensions.join(',')}}`;
  const patterns = [`/${appDir}/**/{${names}}.${exts}`, `!/${appDir}/**/_*/**`, '!**/node_modules/**'];
  // Metadata files (icon.png, robots.ts, …): every one's facts (metadata-file-info.ts: a content
  // hash for all, size and alt text for images), known at once since every page's head links
  // them; code ones also as lazy modules, like routes.
  const globs = metadataFileGlobs();
  const metadata = (names: string[]): string[] => [...names.map((n) => `/${appDir}/**/${n}`), `!/${appDir}/**/_*/**`, '!**/node_modules/**'];
  return [
    `export const appDir = ${JSON.stringify(appDir)};`,
    `export const pageExtensions = ${JSON.stringify(pageExtensions)};`,
    `export const modules = import.meta.glob(${JSON.stringify(patterns)});`,
    `export const metadataFiles = import.meta.glob(${JSON.stringify(metadata([...globs.files, ...globs.code]))}, { query: ${JSON.stringify(METADATA_FILE_QUERY)}, import: 'default', eager: true });`,
    `export const metadataModules = import.meta.glob(${JSON.stringify(metadata(globs.code))});`,
    `export const middlewareModules = import.meta.glob(${JSON.stringify(middlewareGlob(appDir))});`,
    '',
  ].join('\n');
}
