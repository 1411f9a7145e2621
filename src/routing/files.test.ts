import { describe, expect, it } from 'vitest';
import { classifyFile, isRouteTreeFile, unlistedSpecialFile } from './files.ts';
import type { SpecialFileKind } from './types.ts';

describe('classifyFile', () => {
  it.each<[string, SpecialFileKind | null]>([
    ['page.tsx', 'page'],
    ['blog/[slug]/page.ts', 'page'],
    ['page.jsx', 'page'],
    ['page.js', 'page'],
    ['layout.tsx', 'layout'],
    ['not-found.tsx', 'not-found'],
    ['loading.js', 'loading'],
    ['error.tsx', 'error'],
    ['template.tsx', 'template'],
    ['api/route.ts', 'route'],
    ['@x/default.tsx', 'default'],
    ['global-error.tsx', 'global-error'],
    // Not special: other extensions, other names, near-misses.
    ['page.mdx', null],
    ['page.md', null],
    ['page.css', null],
    ['page.tsx.bak', null],
    ['page.test.tsx', null],
    ['page.d.ts', null],
    ['Page.tsx', null],
    ['pages.tsx', null],
    ['notfound.tsx', null],
    ['lib.ts', null],
    ['components/Button.tsx', null],
    ['styles.css', null],
    ['.tsx', null],
    ['page', null],
    ['page/', null],
  ])('%s → %s', (path, kind) => {
    expect(classifyFile(path)).toBe(kind);
  });
});

describe('classifyFile with pageExtensions', () => {
  const mdx = ['js', 'jsx', 'md', 'mdx', 'ts', 'tsx'];
  it.each<[string, readonly string[], SpecialFileKind | null]>([
    ['page.mdx', mdx, 'page'],
    ['blog/layout.md', mdx, 'layout'],
    ['page.tsx', mdx, 'page'],
    ['page.mdx', ['tsx'], null],
    ['page.tsx', ['mdx'], null],
    // An extension with a dot of its own: only `page.page.tsx` is the page.
    ['page.page.tsx', ['page.tsx'], 'page'],
    ['page.tsx', ['page.tsx'], null],
    ['page.page.tsx', ['tsx'], null],
    ['page.mdx.bak', mdx, null],
  ])('%s with %j → %s', (path, extensions, kind) => {
    expect(classifyFile(path, extensions)).toBe(kind);
  });
});

describe('unlistedSpecialFile', () => {
  it.each<[string, readonly string[], ReturnType<typeof unlistedSpecialFile>]>([
    ['page.mdx', ['tsx', 'ts', 'jsx', 'js'], { kind: 'page', extension: 'mdx' }],
    ['docs/layout.md', ['tsx', 'mdx'], { kind: 'layout', extension: 'md' }],
    ['page.mdx', ['tsx', 'mdx'], null],
    ['message.mdx', ['tsx'], null],
    ['page.tsx', ['mdx'], null],
  ])('%s with %j → %j', (path, extensions, expected) => {
    expect(unlistedSpecialFile(path, extensions)).toEqual(expected);
  });
});

describe('isRouteTreeFile', () => {
  it.each<[string, boolean]>([
    ['blog/page.tsx', true],
    ['(shop)/cart/layout.tsx', true],
    ['blog/Card.tsx', false],
    ['_lib/page.tsx', false],
    ['blog/_parts/page.tsx', false],
    ['_page.tsx', false],
  ])('%s → %s', (path, expected) => {
    expect(isRouteTreeFile(path)).toBe(expected);
  });

  it('follows pageExtensions', () => {
    expect(isRouteTreeFile('blog/page.mdx')).toBe(false);
    expect(isRouteTreeFile('blog/page.mdx', ['tsx', 'mdx'])).toBe(true);
  });
});
