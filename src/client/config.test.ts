import { describe, expect, test } from 'vitest';
import { addBasePath, stripBasePath, toPublicHref, withTrailingSlash } from './config.ts';

describe('toPublicHref', () => {
  const cases: Array<[string, { basePath: string; trailingSlash: boolean }, string]> = [
    ['/', { basePath: '', trailingSlash: false }, '/'],
    ['/about', { basePath: '', trailingSlash: false }, '/about'],
    ['/about/', { basePath: '', trailingSlash: false }, '/about'],
    ['/about', { basePath: '', trailingSlash: true }, '/about/'],
    ['/about?x=1#top', { basePath: '', trailingSlash: true }, '/about/?x=1#top'],
    ['/', { basePath: '/docs', trailingSlash: false }, '/docs'],
    ['/', { basePath: '/docs', trailingSlash: true }, '/docs/'],
    ['/?q#h', { basePath: '/docs', trailingSlash: false }, '/docs?q#h'],
    ['/a/b?q', { basePath: '/docs', trailingSlash: false }, '/docs/a/b?q'],
    ['/a/b', { basePath: '/docs', trailingSlash: true }, '/docs/a/b/'],
    // A file-like last part keeps its spelling, as in Next.js.
    ['/feed.xml', { basePath: '', trailingSlash: true }, '/feed.xml'],
    // Not local absolute paths: left exactly as written.
    ['about', { basePath: '/docs', trailingSlash: true }, 'about'],
    ['?page=2', { basePath: '/docs', trailingSlash: true }, '?page=2'],
    ['#team', { basePath: '/docs', trailingSlash: true }, '#team'],
    ['//cdn.example.com/x', { basePath: '/docs', trailingSlash: true }, '//cdn.example.com/x'],
    ['https://example.com/a', { basePath: '/docs', trailingSlash: true }, 'https://example.com/a'],
  ];
  test.each(cases)('%s with %o → %s', (href, config, expected) => {
    expect(toPublicHref(href, config)).toBe(expected);
  });
});

test('the base path is added to and taken from URL pathnames', () => {
  expect(addBasePath('/', '/docs', false)).toBe('/docs');
  expect(addBasePath('/', '/docs', true)).toBe('/docs/');
  expect(addBasePath('/', '', false)).toBe('/');
  expect(addBasePath('/x', '/docs')).toBe('/docs/x');
  expect(addBasePath('/x', '')).toBe('/x');
  expect(stripBasePath('/docs', '/docs')).toBe('/');
  expect(stripBasePath('/docs/', '/docs')).toBe('/');
  expect(stripBasePath('/docs/a/b', '/docs')).toBe('/a/b');
  expect(stripBasePath('/docsx/a', '/docs')).toBeNull();
  expect(stripBasePath('/a', '/docs')).toBeNull();
  expect(stripBasePath('/a', '')).toBe('/a');
});

test('trailing slashes follow the convention; the root is always /', () => {
  expect(withTrailingSlash('/', true)).toBe('/');
  expect(withTrailingSlash('/', false)).toBe('/');
  expect(withTrailingSlash('/a//', false)).toBe('/a');
  expect(withTrailingSlash('/a', true)).toBe('/a/');
  expect(withTrailingSlash('/v1.2/notes', true)).toBe('/v1.2/notes/');
});
