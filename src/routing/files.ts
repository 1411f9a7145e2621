import type { SpecialFileKind } from './types.ts';

/**
 * Extensions a special file may have unless next.config's `pageExtensions` says otherwise,
 * written as Next.js writes them: without the dot. An app adds `mdx` (and `md`) for MDX pages.
 */
export const DEFAULT_PAGE_EXTENSIONS: readonly string[] = ['tsx', 'ts', 'jsx', 'js'];

/** Extensions whose special files an app plainly means as routes, though they must be listed. */
const MDX_EXTENSIONS: readonly string[] = ['mdx', 'md'];

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
 * An extension may hold dots itself (`page.tsx` in `pageExtensions` makes `page.page.tsx` a page).
 */
export function classifyFile(path: string, extensions: readonly string[] = DEFAULT_PAGE_EXTENSIONS): SpecialFileKind | null {
  const base = path.slice(path.lastIndexOf('/') + 1);
  for (const extension of extensions) {
    if (!base.endsWith(`.${extension}`)) continue;
    const stem = base.slice(0, base.length - extension.length - 1);
    if (KINDS.has(stem)) return stem as SpecialFileKind;
  }
  return null;
}

/**
 * For a special file written in MDX whose extension `extensions` lacks (`page.mdx` with the
 * default list): its kind and extension, so the app is told to list it instead of finding no
 * route. Null for every other path.
 */
export function unlistedSpecialFile(
  path: string,
  extensions: readonly string[],
): { kind: SpecialFileKind; extension: string } | null {
  if (classifyFile(path, extensions) !== null) return null;
  for (const extension of MDX_EXTENSIONS) {
    if (extensions.includes(extension)) continue;
    const kind = classifyFile(path, [extension]);
    if (kind !== null) return { kind, extension };
  }
  return null;
}

/**
 * Whether adding or removing this file (relative to the app folder) changes the route tree:
 * a special file that is not under a `_private` folder. Lets the dev server skip rebuilding the
 * tree for ordinary component edits.
 */
export function isRouteTreeFile(relPath: string, extensions: readonly string[] = DEFAULT_PAGE_EXTENSIONS): boolean {
  if (classifyFile(relPath, extensions) === null) return false;
  const parts = relPath.split('/');
  for (let i = 0; i < parts.length - 1; i++) if (parts[i].startsWith('_')) return false;
  return true;
}
