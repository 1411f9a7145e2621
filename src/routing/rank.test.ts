import { describe, expect, it } from 'vitest';
import { compareRoutes, sortRoutes } from './rank.ts';
import { buildRouteTree } from './tree.ts';
import type { Route } from './types.ts';

// One tree per file: some of these cannot share a tree (e.g. [...slug] beside [[...slug]]).
const route = (file: string): Route => buildRouteTree([file]).routes[0];
const patterns = (routes: Route[]) => routes.map((r) => r.pattern);

describe('compareRoutes / sortRoutes', () => {
  it('orders static < dynamic < catch-all < optional catch-all at one position', () => {
    const expected = ['/blog/new', '/blog/[slug]', '/blog/[...slug]', '/blog/[[...slug]]'];
    const routes = expected.map((p) => route(`${p.slice(1)}/page.tsx`));
    expect(patterns(sortRoutes([...routes].reverse()))).toEqual(expected);
    expect(patterns(sortRoutes([routes[2], routes[0], routes[3], routes[1]]))).toEqual(expected);
    for (let i = 0; i < routes.length - 1; i++) {
      expect(compareRoutes(routes[i], routes[i + 1])).toBeLessThan(0);
      expect(compareRoutes(routes[i + 1], routes[i])).toBeGreaterThan(0);
    }
  });

  it('decides at the first position that differs: /x/[b] before /[a]/b', () => {
    const a = route('[a]/b/page.tsx');
    const b = route('x/[b]/page.tsx');
    expect(compareRoutes(b, a)).toBeLessThan(0);
    expect(patterns(sortRoutes([a, b]))).toEqual(['/x/[b]', '/[a]/b']);
  });

  it('puts a dynamic route with a catch-all tail before a shorter catch-all', () => {
    const rest = route('[...all]/page.tsx');
    const deeper = route('[a]/[...b]/page.tsx');
    expect(patterns(sortRoutes([rest, deeper]))).toEqual(['/[a]/[...b]', '/[...all]']);
  });

  it('puts a prefix before a longer route of the same kinds', () => {
    const short = route('blog/page.tsx');
    const long = route('blog/[[...slug]]/page.tsx');
    expect(compareRoutes(short, long)).toBeLessThan(0);
    expect(patterns(sortRoutes([long, short]))).toEqual(['/blog', '/blog/[[...slug]]']);
  });

  it('breaks ties by the pattern string, by code units', () => {
    const list = ['b/[x]', 'a/[x]', 'B/[x]', 'é/[x]'].map((p) => route(`${p}/page.tsx`));
    expect(patterns(sortRoutes(list))).toEqual(['/B/[x]', '/a/[x]', '/b/[x]', '/é/[x]']);
    expect(compareRoutes(list[0], list[0])).toBe(0);
  });

  it('does not change the input array', () => {
    const list = [route('b/page.tsx'), route('a/page.tsx')];
    sortRoutes(list);
    expect(patterns(list)).toEqual(['/b', '/a']);
  });
});
