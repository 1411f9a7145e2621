/**
 * `virtual:kiln/app`: the app's special files as a lazy `import.meta.glob`, so each route module
 * is its own chunk, loaded on first render, and adding a file is an ordinary HMR event.
 */
import { SPECIAL_FILE_KINDS, ROUTE_FILE_EXTENSIONS, metadataFileGlobs } from '../routing/index.ts';
import { METADATA_FILE_QUERY } from './metadata-file-info.ts';

export const VIRTUAL_APP = 'virtual:kiln/app';
export const RESOLVED_VIRTUAL_APP = '\0virtual:kiln/app';

export function virtualAppSource(appDir: string): string {
  const names = SPECIAL_FILE_KINDS.join(',');
  const exts = ROUTE_FILE_EXTENSIONS.map((e) => e.slice(1)).join(',');
  const patterns = [`/${appDir}/**/{${names}}.{${exts}}`, `!/${appDir}/**/_*/**`, '!**/node_modules/**'];
  // Metadata files (icon.png, robots.ts, …): every one's facts (metadata-file-info.ts: a content
  // hash for all, size and alt text for images), known at once since every page's head links
  // them; code ones also as lazy modules, like routes.
  const globs = metadataFileGlobs();
  const metadata = (names: string[]): string[] => [...names.map((n) => `/${appDir}/**/${n}`), `!/${appDir}/**/_*/**`, '!**/node_modules/**'];
  return [
    `export const appDir = ${JSON.stringify(appDir)};`,
    `export const modules = import.meta.glob(${JSON.stringify(patterns)});`,
    `export const metadataFiles = import.meta.glob(${JSON.stringify(metadata([...globs.files, ...globs.code]))}, { query: ${JSON.stringify(METADATA_FILE_QUERY)}, import: 'default', eager: true });`,
    `export const metadataModules = import.meta.glob(${JSON.stringify(metadata(globs.code))});`,
    '',
  ].join('\n');
}
