import { describe, expect, it } from 'vitest';
import { classifyFile, isRouteTreeFile } from './files.ts';
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
});
