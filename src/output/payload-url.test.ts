import { expect, test } from 'vitest';
import { looksLikePayloadUrl, pathnameOfPayloadUrl, payloadUrl } from './payload-url.ts';

test('a payload URL is its page path plus .rsc under /_kiln/rsc, and maps back', () => {
  const cases: [string, string][] = [
    ['/', '/_kiln/rsc.rsc'],
    ['/a/b', '/_kiln/rsc/a/b.rsc'],
    ['/tags/c%2B%2B', '/_kiln/rsc/tags/c%2B%2B.rsc'],
    ['/index', '/_kiln/rsc/index.rsc'],
    ['/feed.rsc', '/_kiln/rsc/feed.rsc.rsc'],
  ];
  for (const [pathname, url] of cases) {
    expect(payloadUrl(pathname)).toBe(url);
    expect(pathnameOfPayloadUrl(url)).toBe(pathname);
  }
  expect(payloadUrl('/a/b/')).toBe('/_kiln/rsc/a/b.rsc');
});

test('other URLs are not payload URLs', () => {
  for (const url of ['/a/b', '/_kiln/rsc/a', '/_kiln/rscx/a.rsc', '/_kiln/rsc/.rsc', '/_kiln/rsc/a/.rsc', '/_kiln/rsc', '/_kiln/rsc/']) {
    expect([url, pathnameOfPayloadUrl(url)]).toEqual([url, null]);
  }
  expect(looksLikePayloadUrl('/docs/_kiln/rsc/a.rsc')).toBe(true);
  expect(looksLikePayloadUrl('/docs/a.rsc')).toBe(false);
});
