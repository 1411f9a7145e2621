import { describe, expect, it } from 'vitest';
import { buildRouteTree, createMatcher } from '../routing/index.ts';
import { canonicalPath, hasTagMarks, markedAt, markFor, taggedAt, tagMark } from './marks.ts';

const tree = buildRouteTree(
  ['page.tsx', 'tags/[tag]/page.tsx', 'blog/[slug]/page.tsx', '(shop)/cart/page.tsx', 'docs/[...slug]/page.tsx'],
  'app',
);
const routes = { patterns: new Set(tree.routes.map((r) => r.pattern)), match: createMatcher(tree) };

describe('markFor (revalidatePath arguments)', () => {
  it('names one canonical page whatever the spelling', () => {
    for (const path of ['/tags/c++', '/tags/c%2B%2B', '/tags/c%2b%2b', '/tags/c++?x=1']) {
      expect([path, markFor(path, undefined, routes)]).toEqual([path, 'page:/tags/c%2B%2B']);
    }
    expect(markFor('/', 'page', routes)).toBe('page:/');
    expect(markFor('/docs/a/b', undefined, routes)).toBe('page:/docs/a/b');
    expect(markFor('/(shop)/cart', undefined, routes)).toBe('page:/cart');
  });

  it('names a route when given its pattern, and a subtree for layout', () => {
    expect(markFor('/blog/[slug]', 'page', routes)).toBe('route:/blog/[slug]');
    expect(markFor('/blog/[slug]', 'layout', routes)).toBe('layout:/blog');
    expect(markFor('/blog', 'layout', routes)).toBe('layout:/blog');
    expect(markFor('/', 'layout', routes)).toBe('layout:/');
    expect(markFor('/[lang]/x', 'layout', routes)).toBe('layout:/');
  });

  it('re-encodes paths no route matches', () => {
    expect(markFor('/nope/a b', undefined, routes)).toBe('page:/nope/a%20b');
    expect(canonicalPath('/x/%zz/')).toBe('/x/%25zz');
  });
});

describe('markedAt', () => {
  const marks = new Map([
    ['page:/blog/a', 10],
    ['route:/blog/[slug]', 20],
    ['layout:/docs', 30],
    ['layout:/docs/a/b', 40],
  ]);
  it('takes the newest mark covering the page', () => {
    expect(markedAt(marks, '/blog/a', '/blog/[slug]')).toBe(20);
    expect(markedAt(marks, '/blog/b', '/blog/[slug]')).toBe(20);
    expect(markedAt(marks, '/docs/a', '/docs/[...slug]')).toBe(30);
    expect(markedAt(marks, '/docs/a/b/c', '/docs/[...slug]')).toBe(40);
    expect(markedAt(marks, '/docsx', '/docsx')).toBe(0);
    expect(markedAt(marks, '/', '/')).toBe(0);
    expect(markedAt(new Map([['layout:/', 5]]), '/any/page', '/any/page')).toBe(5);
  });
});

describe('tag marks (revalidateTag)', () => {
  it("date a page by the newest mark among its data's tags", () => {
    const marks = new Map([
      ['page:/a', 5],
      [tagMark('posts'), 10],
      [tagMark('users'), 20],
    ]);
    expect(hasTagMarks(marks)).toBe(true);
    expect(hasTagMarks(new Map([['page:/a', 5]]))).toBe(false);
    expect(taggedAt(marks, ['posts'])).toBe(10);
    expect(taggedAt(marks, ['posts', 'users', 'none'])).toBe(20);
    expect(taggedAt(marks, [])).toBe(0);
    // A tag mark is not a path mark.
    expect(markedAt(marks, '/posts', '/posts')).toBe(0);
  });
});
