import { expect, it } from 'vitest';
import { contentTypeOf } from './content-types.ts';

it.each([
  ['index.html', 'text/html; charset=utf-8'],
  ['assets/app-1a2b.js', 'text/javascript; charset=utf-8'],
  ['assets/STYLE.CSS', 'text/css; charset=utf-8'],
  ['index.rsc', 'text/x-component'],
  ['favicon.ico', 'image/x-icon'],
  ['logo.svg', 'image/svg+xml'],
  ['font.woff2', 'font/woff2'],
  ['site.webmanifest', 'application/manifest+json; charset=utf-8'],
  ['.well-known/security', 'application/octet-stream'],
  ['a.b/README', 'application/octet-stream'],
  ['archive.tar.gz', 'application/octet-stream'],
])('%s → %s', (name, type) => {
  expect(contentTypeOf(name)).toBe(type);
});
