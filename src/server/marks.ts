/**
 * Invalidation marks, as `revalidatePath` leaves them and page lookups read them:
 * - `page:<path>`   one page (`revalidatePath('/blog/a')`),
 * - `layout:<path>` every page at or below a path (`revalidatePath('/blog', 'layout')`),
 * - `route:<pattern>` every page of one route (`revalidatePath('/blog/[slug]', 'page')`),
 * - `tag:<tag>`     every page whose render read data with that tag (`revalidateTag('posts')`).
 * Paths are canonical (`href()` spelling), so `/tags/c++` and `/tags/c%2B%2B` are one mark.
 */
import { href } from '../routing/index.ts';
import type { MatchResult } from '../routing/index.ts';

export type RevalidateType = 'page' | 'layout';

/** The time of the newest mark that covers the page at `key` (canonical) of route `pattern`; 0 if none. */
export function markedAt(marks: ReadonlyMap<string, number>, key: string, pattern: string): number {
  if (marks.size === 0) return 0;
  let at = Math.max(marks.get(`page:${key}`) ?? 0, marks.get(`route:${pattern}`) ?? 0, marks.get('layout:/') ?? 0);
  for (let i = key.indexOf('/', 1); ; i = key.indexOf('/', i + 1)) {
    const prefix = i === -1 ? key : key.slice(0, i);
    if (prefix !== '/') at = Math.max(at, marks.get(`layout:${prefix}`) ?? 0);
    if (i === -1) break;
  }
  return at;
}

/**
 * The mark for `revalidatePath(path, type)`. A path written as a route pattern (`/blog/[slug]`)
 * names the route; any other path is matched and re-encoded so it names the canonical page.
 * Route groups (`/(shop)/cart`) add no URL part and are dropped, as in Next.js.
 */
export function markFor(
  path: string,
  type: RevalidateType | undefined,
  routes: { patterns: ReadonlySet<string>; match(pathname: string): MatchResult },
): string {
  const clean = `/${path
    .split(/[?#]/)[0]
    .split('/')
    .filter((s) => s !== '' && !(s.startsWith('(') && s.endsWith(')')))
    .join('/')}`;
  const bracket = clean.indexOf('/[');
  if (type === 'layout') {
    // Everything below the first dynamic segment may be any page: mark the static part.
    return `layout:${canonicalPath(bracket === -1 ? clean : clean.slice(0, bracket) || '/')}`;
  }
  if (bracket !== -1 && routes.patterns.has(clean)) return `route:${clean}`;
  const found = routes.match(clean);
  if (found.kind === 'found') return `page:${href(found.route, found.params)}`;
  return `page:${canonicalPath(clean)}`;
}

/** Each segment decoded once (when it decodes) and encoded as `href()` encodes values. */
export function canonicalPath(path: string): string {
  const parts = path.split('/').filter((s) => s !== '');
  if (parts.length === 0) return '/';
  return `/${parts
    .map((s) => {
      try {
        return encodeURIComponent(decodeURIComponent(s));
      } catch {
        return encodeURIComponent(s);
      }
    })
    .join('/')}`;
}

export function tagMark(tag: string): string {
  return `tag:${tag}`;
}

/** True when some `revalidateTag` mark exists, so pages' tags are worth reading. */
export function hasTagMarks(marks: ReadonlyMap<string, number>): boolean {
  for (const name of marks.keys()) if (name.startsWith('tag:')) return true;
  return false;
}

/** The time of the newest `revalidateTag` mark among a page's `tags`; 0 if none. */
export function taggedAt(marks: ReadonlyMap<string, number>, tags: readonly string[]): number {
  let at = 0;
  for (const tag of tags) at = Math.max(at, marks.get(tagMark(tag)) ?? 0);
  return at;
}
