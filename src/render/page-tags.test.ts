import { expect, test } from 'vitest';
import { decodePageTags, encodePageTags } from './page-tags.ts';
import { fetchRevalidate, fetchTags } from './render-store.ts';

test('page tags round-trip, one a line', () => {
  expect(decodePageTags(encodePageTags(['posts', 'user:1']))).toEqual(['posts', 'user:1']);
  // A line break inside a tag cannot split it into two.
  expect(decodePageTags(encodePageTags(['a\nb']))).toEqual(['a b']);
});

test("fetch's next.tags are read as Next.js types them: non-empty strings", () => {
  expect(fetchTags({ next: { tags: ['posts', '', 3, 'home'] } } as RequestInit & { next: unknown })).toEqual(['posts', 'home']);
  expect(fetchTags({})).toEqual([]);
  expect(fetchTags(undefined)).toEqual([]);
});

test("fetch's next.revalidate is a lifetime only as a number of seconds above 0", () => {
  const init = (revalidate: unknown) => ({ next: { revalidate } }) as RequestInit & { next: unknown };
  expect([30, 0, false, '30', Infinity].map((r) => fetchRevalidate(init(r)))).toEqual([30, undefined, undefined, undefined, undefined]);
  expect(fetchRevalidate({})).toBeUndefined();
});
