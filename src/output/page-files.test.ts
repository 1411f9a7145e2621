import { expect, test } from 'vitest';
import { isKilnError } from '../errors.ts';
import { NOT_FOUND_PAGE, pageFileInPages, pageFiles } from './page-files.ts';

const route = { pattern: '/tags/[tag]', file: 'app/tags/[tag]/page.tsx' };

test('encoded pathnames map to pages/<segments>.<ext>, no folder per page', () => {
  expect(pageFiles('/', route)).toEqual({ html: 'pages/@index.html', rsc: 'pages/@index.rsc', tags: 'pages/@index.tags', response: 'pages/@index.response' });
  expect(pageFiles('/tags/c%2B%2B', route)).toEqual({
    html: 'pages/tags/c%2B%2B.html',
    rsc: 'pages/tags/c%2B%2B.rsc',
    tags: 'pages/tags/c%2B%2B.tags',
    response: 'pages/tags/c%2B%2B.response',
  });
  expect(pageFiles('/a/%2E%2E', route).html).toBe('pages/a/%2E%2E.html');
  expect(pageFileInPages('/tags/c%2B%2B', '.rsc')).toBe('tags/c%2B%2B.rsc');
});

test('no page takes the names of the home page or the not-found page', () => {
  // href() encodes "@": a value "@index" or "@404" is the segment %40index or %40404.
  expect(pageFiles('/index', route).html).toBe('pages/index.html');
  expect(pageFiles('/%40index', route).html).toBe('pages/%40index.html');
  expect(pageFiles('/404', route).html).not.toBe(NOT_FOUND_PAGE);
});

test('with a static export, the export holds the files and pages/ links them', () => {
  expect(pageFiles('/tags/c%2B%2B', route, { trailingSlash: false }).exported).toEqual({ html: '.kiln-export/tags/c++.html', rsc: '.kiln-export/_kiln/rsc/tags/c++.rsc' });
  expect(pageFiles('/', route, { trailingSlash: true }).exported).toEqual({ html: '.kiln-export/index.html', rsc: '.kiln-export/_kiln/rsc.rsc' });
});

test('a path that could leave pages/ is refused with a catalog error', () => {
  for (const bad of ['/a/../b', '/./a', '/a//b', '/a/', '/a\\..\\b']) {
    let error: unknown;
    try {
      pageFiles(bad, route);
    } catch (e) {
      error = e;
    }
    expect(isKilnError(error) && error.code).toBe('BUILD_PAGE_PATH_UNSAFE');
    expect((error as Error).message).toContain(`"${bad.replace(/\\/g, '\\\\')}"`);
  }
});
