import { describe, expect, it } from 'vitest';
import { isKilnError } from '../errors.ts';
import { href } from './href.ts';
import { buildRouteTree } from './tree.ts';
import type { Params, Route } from './types.ts';

const tree = buildRouteTree([
  'page.tsx',
  '%5Fabout/page.tsx',
  '(g)/about us/page.tsx',
  'blog/[slug]/page.tsx',
  'products/[category]/[product]/page.tsx',
  'docs/[...path]/page.tsx',
  'files/[[...path]]/page.tsx',
  'u/[user]/posts/[[...rest]]/page.tsx',
]);
// A root optional catch-all cannot share a tree with a root page.
const rootOptional = buildRouteTree(['[[...all]]/page.tsx']).routes[0];
const route = (pattern: string): Route =>
  pattern === rootOptional.pattern ? rootOptional : tree.routes.find((r) => r.pattern === pattern)!;

describe('href', () => {
  it.each<[string, Params, string]>([
    ['/', {}, '/'],
    ['/%5Fabout', {}, '/_about'],
    ['/about us', {}, '/about%20us'],
    ['/blog/[slug]', { slug: 'hello' }, '/blog/hello'],
    ['/blog/[slug]', { slug: 'c++' }, '/blog/c%2B%2B'],
    ['/blog/[slug]', { slug: 'hello world' }, '/blog/hello%20world'],
    ['/blog/[slug]', { slug: '50%' }, '/blog/50%25'],
    ['/blog/[slug]', { slug: 'a/b' }, '/blog/a%2Fb'],
    ['/blog/[slug]', { slug: 'a?b#c' }, '/blog/a%3Fb%23c'],
    ['/blog/[slug]', { slug: 'héllo ✓ 🔥' }, '/blog/h%C3%A9llo%20%E2%9C%93%20%F0%9F%94%A5'],
    ['/blog/[slug]', { slug: '...' }, '/blog/...'],
    ['/products/[category]/[product]', { category: 'a', product: '1' }, '/products/a/1'],
    ['/products/[category]/[product]', { product: '1', category: 'a', extra: 'x' }, '/products/a/1'],
    ['/docs/[...path]', { path: ['a'] }, '/docs/a'],
    ['/docs/[...path]', { path: ['a', 'b c', 'd/e'] }, '/docs/a/b%20c/d%2Fe'],
    ['/files/[[...path]]', {}, '/files'],
    ['/files/[[...path]]', { path: [] }, '/files'],
    ['/files/[[...path]]', { path: ['x', 'y'] }, '/files/x/y'],
    ['/[[...all]]', {}, '/'],
    ['/[[...all]]', { all: [] }, '/'],
    ['/[[...all]]', { all: ['a'] }, '/a'],
    ['/u/[user]/posts/[[...rest]]', { user: 'me' }, '/u/me/posts'],
    ['/u/[user]/posts/[[...rest]]', { user: 'me', rest: ['2024', '05'] }, '/u/me/posts/2024/05'],
  ])('%s with %j → %s', (pattern, params, expected) => {
    expect(href(route(pattern), params)).toBe(expected);
  });

  it('gives the same answer on repeated calls (compiled once per route)', () => {
    const r = route('/blog/[slug]');
    expect(href(r, { slug: 'a' })).toBe('/blog/a');
    expect(href(r, { slug: 'b' })).toBe('/blog/b');
  });

  const STRING = 'a non-empty string other than "." and ".."';
  const LIST = 'a non-empty array of non-empty strings other than "." and ".."';
  const OPTIONAL = 'undefined or an array of non-empty strings other than "." and ".."';
  it.each<[string, Record<string, unknown>, string]>([
    ['/blog/[slug]', {}, `param "slug" is undefined (undefined); expected ${STRING}.`],
    ['/blog/[slug]', { slug: 1 }, `param "slug" is 1 (number); expected ${STRING}.`],
    ['/blog/[slug]', { slug: '' }, `param "slug" is "" (string); expected ${STRING}.`],
    ['/blog/[slug]', { slug: '.' }, `param "slug" is "." (string); expected ${STRING}.`],
    ['/blog/[slug]', { slug: '..' }, `param "slug" is ".." (string); expected ${STRING}.`],
    ['/blog/[slug]', { slug: 'a\0b' }, `param "slug" is "a\\u0000b" (string); expected ${STRING}.`],
    ['/blog/[slug]', { slug: ['a'] }, `param "slug" is ["a"] (array); expected ${STRING}.`],
    ['/blog/[slug]', { slug: '\uD800' }, `param "slug" is "\\ud800" (string); expected well-formed Unicode text (no lone surrogate).`],
    ['/docs/[...path]', {}, `param "path" is undefined (undefined); expected ${LIST}.`],
    ['/docs/[...path]', { path: [] }, `param "path" is [] (array); expected ${LIST}.`],
    ['/docs/[...path]', { path: 'a/b' }, `param "path" is "a/b" (string); expected ${LIST}.`],
    ['/docs/[...path]', { path: ['a', ''] }, `param "path" is ["a", ""] (array); expected ${LIST}.`],
    ['/docs/[...path]', { path: ['..'] }, `param "path" is [".."] (array); expected ${LIST}.`],
    ['/docs/[...path]', { path: ['a', 2] }, `param "path" is ["a", 2] (array); expected ${LIST}.`],
    ['/files/[[...path]]', { path: 'x' }, `param "path" is "x" (string); expected ${OPTIONAL}.`],
    ['/files/[[...path]]', { path: [''] }, `param "path" is [""] (array); expected ${OPTIONAL}.`],
  ])('%s with %j throws HREF_PARAM_INVALID', (pattern, params, tail) => {
    const r = route(pattern);
    let error: unknown;
    try {
      href(r, params as Params);
    } catch (e) {
      error = e;
    }
    expect(isKilnError(error) && error.code).toBe('HREF_PARAM_INVALID');
    const key = (error as { details: { key: string } }).details.key;
    expect((error as Error).message).toBe(
      `Cannot build a URL for ${r.file} (route ${pattern}): ${tail} ` +
        `Hint: Check what generateStaticParams (or the link) gives for "${key}".`,
    );
  });
});
