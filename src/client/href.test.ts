import { expect, test } from 'vitest';
import { formatHref } from './href.ts';

test('URL objects are written as Next.js writes them', () => {
  expect(formatHref('/a?b#c')).toBe('/a?b#c');
  expect(formatHref({ pathname: '/search', query: { q: 'c++ & co', page: 2 } })).toBe('/search?q=c%2B%2B+%26+co&page=2');
  expect(formatHref({ pathname: '/t', query: { tag: ['a', 'b'], flag: true, none: null, nan: Number.NaN } })).toBe(
    '/t?tag=a&tag=b&flag=true&none=&nan=',
  );
  expect(formatHref({ pathname: '/t', query: 'x=1', hash: 'top' })).toBe('/t?x=1#top');
  expect(formatHref({ pathname: '/t', search: '?s=1', query: { ignored: 1 } })).toBe('/t?s=1');
  expect(formatHref({ protocol: 'https', hostname: 'example.com', port: 8080, pathname: '/x' })).toBe('https://example.com:8080/x');
  expect(formatHref({ query: { only: 'query' } })).toBe('?only=query');
  expect(formatHref(new URL('https://example.com/a?b'))).toBe('https://example.com/a?b');
});
