import { describe, expect, test } from 'vitest';
import { toPublicHref } from '../client/config.ts';
import { publicPath, wantsTrailingSlash, withinBasePath } from './url-layout.ts';

describe('withinBasePath', () => {
  test.each([
    ['/about', '', { path: '/about', rootSlash: false }],
    ['/', '', { path: '/', rootSlash: true }],
    ['/docs', '/docs', { path: '/', rootSlash: false }],
    ['/docs/', '/docs', { path: '/', rootSlash: true }],
    ['/docs/about/', '/docs', { path: '/about/', rootSlash: false }],
    ['/docs/_kiln/rsc.rsc', '/docs', { path: '/_kiln/rsc.rsc', rootSlash: false }],
    ['/docsearch', '/docs', null],
    ['/', '/docs', null],
    ['/other/docs', '/docs', null],
  ])('%s under %j', (pathname, basePath, expected) => {
    expect(withinBasePath(pathname, basePath)).toEqual(expected);
  });
});

describe('publicPath', () => {
  test.each([
    ['/', '', false, '/'],
    ['/', '', true, '/'],
    ['/', '/docs', false, '/docs'],
    ['/', '/docs', true, '/docs/'],
    ['/about', '', true, '/about/'],
    ['/about', '/docs', false, '/docs/about'],
    ['/about', '/docs', true, '/docs/about/'],
    ['/feed.xml', '/docs', true, '/docs/feed.xml'],
    ['/tags/c%2B%2B', '', true, '/tags/c%2B%2B/'],
  ])('%s with basePath %j, trailingSlash %s → %s', (path, basePath, trailingSlash, expected) => {
    expect(publicPath(path, { basePath, trailingSlash })).toBe(expected);
    expect(wantsTrailingSlash(path, { basePath, trailingSlash })).toBe(expected.endsWith('/'));
  });

  test("agrees with the client's links away from the root", () => {
    for (const basePath of ['', '/docs']) {
      for (const trailingSlash of [false, true]) {
        for (const path of ['/about', '/a/b', '/feed.xml', '/v1.2/notes', '/tags/c%2B%2B']) {
          expect(publicPath(path, { basePath, trailingSlash })).toBe(toPublicHref(path, { basePath, trailingSlash }));
        }
      }
    }
  });
});
