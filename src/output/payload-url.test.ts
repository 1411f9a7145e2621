import { expect, test } from 'vitest';
import { pathnameOfPayloadUrl, payloadUrl } from './payload-url.ts';

test('payload URLs mirror the pages/ layout and map back', () => {
  const cases: Array<[string, string]> = [
    ['/', '/_kiln/rsc/index.rsc'],
    ['/a/b', '/_kiln/rsc/a/b/index.rsc'],
    ['/tags/c%2B%2B', '/_kiln/rsc/tags/c%2B%2B/index.rsc'],
  ];
  for (const [pathname, url] of cases) {
    expect(payloadUrl(pathname)).toBe(url);
    expect(pathnameOfPayloadUrl(url)).toBe(pathname);
  }
  expect(payloadUrl('/a/b/')).toBe('/_kiln/rsc/a/b/index.rsc');
});

test('other URLs are not payload URLs', () => {
  expect(pathnameOfPayloadUrl('/a/b')).toBeNull();
  expect(pathnameOfPayloadUrl('/_kiln/rsc/a.rsc')).toBeNull();
  expect(pathnameOfPayloadUrl('/_kiln/rscx/index.rsc')).toBeNull();
});
