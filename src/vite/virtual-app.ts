/**
 * `virtual:kiln/app`: the app's special files as a lazy `import.meta.glob`, so each route module
 * is its own chunk, loaded on first render, and adding a file is an ordinary HMR event.
 */
import { SPECIAL_FILE_KINDS, ROUTE_FILE_EXTENSIONS } from '../routing/index.ts';

export const VIRTUAL_APP = 'virtual:kiln/app';
export const RESOLVED_VIRTUAL_APP = '\0virtual:kiln/app';

export function virtualAppSource(appDir: string): string {
  const names = SPECIAL_FILE_KINDS.join(',');
  const exts = ROUTE_FILE_EXTENSIONS.map((e) => e.slice(1)).join(',');
  const patterns = [`/${appDir}/**/{${names}}.{${exts}}`, `!/${appDir}/**/_*/**`, '!**/node_modules/**'];
  return [
    `export const appDir = ${JSON.stringify(appDir)};`,
    `export const modules = import.meta.glob(${JSON.stringify(patterns)});`,
    '',
  ].join('\n');
}
