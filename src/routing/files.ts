import type { SpecialFileKind } from './types.ts';

/** Extensions a special file may have. `.mdx` is deliberately absent: no MDX pipeline. */
export const ROUTE_FILE_EXTENSIONS: readonly string[] = ['.tsx', '.ts', '.jsx', '.js'];

export const SPECIAL_FILE_KINDS: readonly SpecialFileKind[] = [
  'page',
  'layout',
  'not-found',
  'loading',
  'error',
  'template',
  'route',
  'default',
  'global-error',
];

const KINDS: ReadonlySet<string> = new Set(SPECIAL_FILE_KINDS);

/**
 * The special-file kind of a path (`blog/page.tsx` → `page`), or null for anything else
 * (components, `lib.ts`, CSS, `page.test.tsx`, `page.d.ts`). Only the last path part matters.
 */
export function classifyFile(path: string): SpecialFileKind | null {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return null;
  if (!ROUTE_FILE_EXTENSIONS.includes(base.slice(dot))) return null;
  const stem = base.slice(0, dot);
  return KINDS.has(stem) ? (stem as SpecialFileKind) : null;
}

/**
 * Whether adding or removing this file (relative to the app folder) changes the route tree:
 * a special file that is not under a `_private` folder. Lets the dev server skip rebuilding the
 * tree for ordinary component edits.
 */
export function isRouteTreeFile(relPath: string): boolean {
  if (classifyFile(relPath) === null) return false;
  const parts = relPath.split('/');
  for (let i = 0; i < parts.length - 1; i++) if (parts[i].startsWith('_')) return false;
  return true;
}
