import { describe, expect, it } from 'vitest';
import { createMatcher } from './match.ts';
import { sortRoutes } from './rank.ts';
import { buildRouteTree } from './tree.ts';
import type { MatchResult, Params, RouteTree } from './types.ts';

const tree = buildRouteTree([
  'layout.tsx',
  'page.tsx',
  '%5Fabout/page.tsx',
  '(marketing)/grouped/page.tsx',
  'blog/page.tsx',
  'blog/new/page.tsx',
  'blog/[slug]/page.tsx',
  'blog/[slug]/comments/page.tsx',
  'shop/new/page.tsx',
  'shop/[id]/page.tsx',
  'shop/[...rest]/page.tsx',
  'docs/[[...path]]/page.tsx',
  'files/[...path]/page.tsx',
  'tags/[tag]/page.tsx',
  'api/[id]/route.ts',
  '[a]/b/page.tsx',
  '[a]/[y]/[z]/d/page.tsx',
  'x/[b]/page.tsx',
  'a/b/c/page.tsx',
]);
const match = createMatcher(tree);

/** The matched pattern and params, or the result kind. */
function summary(result: MatchResult): [string, Params] | string {
  return result.kind === 'found' ? [result.route.pattern, result.params] : result.kind;
}

describe('createMatcher', () => {
  it.each<[string, [string, Params] | string]>([
    ['/', ['/', {}]],
    ['/blog', ['/blog', {}]],
    ['/blog/', ['/blog', {}]],
    ['/blog/new', ['/blog/new', {}]],
    ['/blog/hello', ['/blog/[slug]', { slug: 'hello' }]],
    ['/blog/hello/', ['/blog/[slug]', { slug: 'hello' }]],
    ['/blog/new/comments', ['/blog/[slug]/comments', { slug: 'new' }]],
    ['/grouped', ['/grouped', {}]],
    ['/_about', ['/%5Fabout', {}]],
    ['/%5Fabout', ['/%5Fabout', {}]],
    ['/blo%67', ['/blog', {}]],
    // static beats dynamic, then backtracking reaches the catch-all
    ['/shop/new', ['/shop/new', {}]],
    ['/shop/42', ['/shop/[id]', { id: '42' }]],
    ['/shop/new/x', ['/shop/[...rest]', { rest: ['new', 'x'] }]],
    // a failed dynamic branch leaves no capture behind
    ['/shop/1/2', ['/shop/[...rest]', { rest: ['1', '2'] }]],
    ['/docs/a/b/c', ['/docs/[[...path]]', { path: ['a', 'b', 'c'] }]],
    ['/files/a', ['/files/[...path]', { path: ['a'] }]],
    ['/api/7', ['/api/[id]', { id: '7' }]],
    // /x/[b] wins at position 0; /[a]/b only when x does not lead
    ['/x/b', ['/x/[b]', { b: 'b' }]],
    ['/q/b', ['/[a]/b', { a: 'q' }]],
    // deeper backtracking: static a/b/c, then x/[b], then [a]/b all fail before [a]/[y]/[z]/d
    ['/a/b/c', ['/a/b/c', {}]],
    ['/a/b/c/d', ['/[a]/[y]/[z]/d', { a: 'a', y: 'b', z: 'c' }]],
    ['/x/1/2/d', ['/[a]/[y]/[z]/d', { a: 'x', y: '1', z: '2' }]],
    ['/x/b/c/d', ['/[a]/[y]/[z]/d', { a: 'x', y: 'b', z: 'c' }]],
    // decoding: split first, decode once
    ['/tags/a%2Fb', ['/tags/[tag]', { tag: 'a/b' }]],
    ['/files/a%2Fb/c', ['/files/[...path]', { path: ['a/b', 'c'] }]],
    ['/tags/%2525', ['/tags/[tag]', { tag: '%25' }]],
    ['/tags/c%2B%2B', ['/tags/[tag]', { tag: 'c++' }]],
    ['/tags/c++', ['/tags/[tag]', { tag: 'c++' }]],
    ['/tags/hello%20world', ['/tags/[tag]', { tag: 'hello world' }]],
    ['/tags/50%25', ['/tags/[tag]', { tag: '50%' }]],
    ['/tags/%E2%9C%93', ['/tags/[tag]', { tag: '✓' }]],
    ['/tags/%F0%9F%94%A5', ['/tags/[tag]', { tag: '🔥' }]],
    ['/tags/✓', ['/tags/[tag]', { tag: '✓' }]],
    ['/tags/%2E%2E%2E', ['/tags/[tag]', { tag: '...' }]],
    ['/tags/a%3Fb%23c', ['/tags/[tag]', { tag: 'a?b#c' }]],
    // misses
    ['/nope', 'none'],
    ['/blog/a/b', 'none'],
    ['/tags', 'none'],
    ['/files', 'none'],
    // empty parts never fill a param
    ['//', 'none'],
    ['/blog//', 'none'],
    ['/blog//comments', 'none'],
    ['/tags//', 'none'],
    ['/files/a//b', 'none'],
    ['/files//', 'none'],
    ['/docs//', 'none'],
    ['/docs/a//b', 'none'],
    ['//blog', 'none'],
  ])('%s', (pathname, expected) => {
    expect(summary(match(pathname))).toEqual(expected);
  });

  it('leaves an optional catch-all that matched zero parts out of params', () => {
    for (const pathname of ['/docs', '/docs/']) {
      const result = match(pathname);
      expect(result.kind).toBe('found');
      if (result.kind !== 'found') return;
      expect(result.route.pattern).toBe('/docs/[[...path]]');
      expect(Object.keys(result.params)).toEqual([]);
      expect('path' in result.params).toBe(false);
    }
  });

  it('returns the route objects of the tree', () => {
    const result = match('/api/1');
    expect(result.kind === 'found' && result.route).toBe(tree.routes.find((r) => r.pattern === '/api/[id]'));
    expect(result.kind === 'found' && result.route.type).toBe('handler');
  });

  it.each<[string, string]>([
    ['/%', 'bad percent-encoding in path part 1'],
    ['/%E0%A4%A', 'bad percent-encoding in path part 1'],
    ['/%zz', 'bad percent-encoding in path part 1'],
    ['/tags/%C3', 'bad percent-encoding in path part 2'],
    ['/tags/%ED%A0%80', 'bad percent-encoding in path part 2'],
    ['/a%00b', 'NUL character in path part 1'],
    ['/tags/a\0b', 'NUL character in path part 2'],
    ['/blog/%2E%2E', 'dot segment in path part 2'],
    ['/blog/%2e', 'dot segment in path part 2'],
    ['/blog/..', 'dot segment in path part 2'],
    ['/files/a/./b', 'dot segment in path part 3'],
    ['blog', 'the path does not start with "/"'],
    ['', 'the path does not start with "/"'],
  ])('%s is malformed', (pathname, reason) => {
    expect(match(pathname)).toEqual({ kind: 'malformed', reason });
  });

  it('reports malformed even where no route could match', () => {
    expect(match('/nope/%zz').kind).toBe('malformed');
  });

  it('matches nothing on an empty tree but the root stays a miss', () => {
    const empty = createMatcher(buildRouteTree([]));
    expect(empty('/')).toEqual({ kind: 'none' });
    expect(empty('/a')).toEqual({ kind: 'none' });
  });

  it('ranks a catch-all before an optional catch-all at one level (routes from two trees)', () => {
    const routes = sortRoutes([
      buildRouteTree(['blog/[[...slug]]/page.tsx']).routes[0],
      buildRouteTree(['blog/[...slug]/page.tsx']).routes[0],
    ]);
    const m = createMatcher({ routes, appDir: 'app' });
    expect(summary(m('/blog/a/b'))).toEqual(['/blog/[...slug]', { slug: ['a', 'b'] }]);
    expect(summary(m('/blog'))).toEqual(['/blog/[[...slug]]', {}]);
  });
});

/** A plain scan of tree.routes in priority order: what the trie must agree with. */
function reference(t: RouteTree, parts: string[]): string | null {
  for (const route of t.routes) {
    const segs = route.segments;
    let ok = true;
    for (let i = 0; ok && i < segs.length; i++) {
      const s = segs[i];
      if (s.kind === 'static') ok = parts[i] === s.value;
      else if (s.kind === 'dynamic') ok = i < parts.length && parts[i] !== '';
      else if (s.kind === 'catchAll') ok = parts.length > i && parts.slice(i).every((p) => p !== '');
      else ok = parts.slice(i).every((p) => p !== '');
      if (s.kind === 'catchAll' || s.kind === 'optionalCatchAll') {
        if (ok) return route.pattern;
        break;
      }
    }
    if (ok && segs.length === parts.length) return route.pattern;
  }
  return null;
}

describe('createMatcher agrees with a scan of the routes in priority order', () => {
  it('for every path of up to 4 parts over a small alphabet', () => {
    const alphabet = ['a', 'b', 'c', 'd', 'x', 'new', 'shop', 'blog', 'docs', 'files', ''];
    let paths: string[][] = [[]];
    const all: string[][] = [[]];
    for (let depth = 0; depth < 4; depth++) {
      paths = paths.flatMap((p) => alphabet.map((a) => [...p, a]));
      all.push(...paths);
    }
    let found = 0;
    const mismatches: string[] = [];
    for (const parts of all) {
      // A trailing empty part would be read as a trailing slash; the scan has no such rule.
      if (parts.length > 0 && parts.at(-1) === '') continue;
      const result = match(`/${parts.join('/')}`);
      const pattern = result.kind === 'found' ? result.route.pattern : null;
      const expected = reference(tree, parts);
      if (pattern !== expected) mismatches.push(`/${parts.join('/')}: ${pattern} instead of ${expected}`);
      if (pattern) found++;
    }
    expect(mismatches).toEqual([]);
    expect(found).toBeGreaterThan(1000);
  });
});
