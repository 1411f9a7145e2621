import { expect, test } from 'vitest';
import { isKilnError } from '../errors.ts';
import { pageFiles } from './page-files.ts';

const route = { pattern: '/tags/[tag]', file: 'app/tags/[tag]/page.tsx' };

test('encoded pathnames map to pages/<segments>/index.*', () => {
  expect(pageFiles('/', route)).toEqual({ dir: 'pages', html: 'pages/index.html', rsc: 'pages/index.rsc', tags: 'pages/index.tags' });
  expect(pageFiles('/tags/c%2B%2B', route)).toEqual({
    dir: 'pages/tags/c%2B%2B',
    html: 'pages/tags/c%2B%2B/index.html',
    rsc: 'pages/tags/c%2B%2B/index.rsc',
    tags: 'pages/tags/c%2B%2B/index.tags',
  });
  expect(pageFiles('/a/%2E%2E', route).html).toBe('pages/a/%2E%2E/index.html');
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
