import { describe, expect, it } from 'vitest';
import { parseTarget, rawTargetProblem, splitUrl, type Target } from './paths.ts';

describe('parseTarget', () => {
  const cases: [string, Target][] = [
    ['/', { kind: 'page', path: '/', trailingSlash: false, publicFile: null }],
    ['/about', { kind: 'page', path: '/about', trailingSlash: false, publicFile: 'about' }],
    ['/about/', { kind: 'page', path: '/about', trailingSlash: true, publicFile: null }],
    ['/tags/c++', { kind: 'page', path: '/tags/c++', trailingSlash: false, publicFile: 'tags/c++' }],
    ['/tags/c%2B%2B', { kind: 'page', path: '/tags/c%2B%2B', trailingSlash: false, publicFile: 'tags/c++' }],
    ['/images/a%20b.png', { kind: 'page', path: '/images/a%20b.png', trailingSlash: false, publicFile: 'images/a b.png' }],
    ['/.well-known/x', { kind: 'page', path: '/.well-known/x', trailingSlash: false, publicFile: '.well-known/x' }],
    // A value may hold `/` or `\` (href() re-encodes it), but it never names a public file.
    ['/tags/a%2Fb', { kind: 'page', path: '/tags/a%2Fb', trailingSlash: false, publicFile: null }],
    ['/tags/a%5Cb', { kind: 'page', path: '/tags/a%5Cb', trailingSlash: false, publicFile: null }],
    // Double encoding decodes once: a harmless name, not a dot segment.
    ['/%252e%252e/x', { kind: 'page', path: '/%252e%252e/x', trailingSlash: false, publicFile: '%2e%2e/x' }],
    ['/_kiln/assets/index-abc.js', { kind: 'asset', file: '_kiln/assets/index-abc.js' }],
    ['/_kiln/assets/a%20b.js', { kind: 'asset', file: '_kiln/assets/a b.js' }],
    ['/_kiln/assets/%252e%252e/x.js', { kind: 'asset', file: '_kiln/assets/%2e%2e/x.js' }],
    ['/_kiln/assets/', { kind: 'none' }],
    ['/assets', { kind: 'page', path: '/assets', trailingSlash: false, publicFile: 'assets' }],
    // An app's own public/assets/ folder is public files, not Kiln's bundles.
    ['/assets/logo.svg', { kind: 'page', path: '/assets/logo.svg', trailingSlash: false, publicFile: 'assets/logo.svg' }],
    ['/_kiln/rsc.rsc', { kind: 'payload', path: '/' }],
    ['/_kiln/rsc/a/b.rsc', { kind: 'payload', path: '/a/b' }],
    ['/_kiln/rsc/tags/c%2B%2B.rsc', { kind: 'payload', path: '/tags/c%2B%2B' }],
    ['/_kiln/rsc/a/index.rsc.rsc', { kind: 'payload', path: '/a/index.rsc' }],
    ['/_kiln/rsc/.rsc', { kind: 'none' }],
    ['/_kiln/rsc/a/b', { kind: 'none' }],
    ['/_kiln/rsc/a.rsc/', { kind: 'none' }],
    ['/_kiln/other', { kind: 'none' }],
  ];
  it.each(cases)('%s', (pathname, expected) => {
    expect(parseTarget(pathname)).toEqual(expected);
  });

  const bad: [string, string][] = [
    ['', 'path does not start with "/"'],
    ['about', 'path does not start with "/"'],
    ['//etc/passwd', 'empty path segment'],
    ['/a//b', 'empty path segment'],
    ['//', 'empty path segment'],
    ['/%zz', 'bad percent-encoding'],
    ['/a%', 'bad percent-encoding'],
    ['/%E0%A4%A', 'bad percent-encoding'],
    ['/%C0%AE%C0%AE/x', 'bad percent-encoding'],
    ['/a%00b', 'NUL character'],
    ['/a\0b', 'NUL character'],
    ['/../x', 'dot segment'],
    ['/./x', 'dot segment'],
    ['/a/..', 'dot segment'],
    ['/%2e%2e/x', 'dot segment'],
    ['/%2E%2E/x', 'dot segment'],
    ['/.%2e/x', 'dot segment'],
    ['/%2e/x', 'dot segment'],
    ['/a\\b', 'backslash'],
    ['/_kiln/assets/..%2f..%2fmanifest.json', 'encoded separator in a file path'],
    ['/_kiln/assets/a%5Cb.js', 'encoded separator in a file path'],
    ['/_kiln/assets/%2e%2e/%2e%2e/server/rsc/index.js', 'dot segment'],
    ['/_kiln/rsc/../../manifest.json', 'dot segment'],
    ['/_kiln/rsc//a.rsc', 'empty path segment'],
  ];
  it.each(bad)('rejects %j', (pathname, reason) => {
    expect(parseTarget(pathname)).toEqual({ kind: 'bad', reason });
  });
});

describe('rawTargetProblem', () => {
  const problems: [string, string | null][] = [
    ['/', null],
    ['/about?x=../y', null],
    ['/a.b/..c/c../.../x%2e', null],
    ['/%2e%2e%2e/x', null],
    ['/tags/c%2B%2B', null],
    ['/../manifest.json', 'dot segment'],
    ['/..', 'dot segment'],
    ['/a/./b', 'dot segment'],
    ['/%2e%2e/manifest.json', 'dot segment'],
    ['/%2E%2e/manifest.json', 'dot segment'],
    ['/.%2e/x', 'dot segment'],
    ['/%2e./x', 'dot segment'],
    ['/%2e/x', 'dot segment'],
    ['/_kiln/assets/../../server/rsc/index.js', 'dot segment'],
    ['/_kiln/rsc/../../manifest.json', 'dot segment'],
    ['http://host/a/../b', 'dot segment'],
    ['/a\\b', 'backslash'],
    ['/a?q=\\', null],
    ['/a#\\', null],
  ];
  it.each(problems)('%j', (target, expected) => {
    expect(rawTargetProblem(target)).toBe(expected);
  });
});

describe('splitUrl', () => {
  it.each([
    ['http://h:1/a/b?x=1#f', '/a/b', '?x=1'],
    ['https://h/', '/', ''],
    ['http://h/a#f?x', '/a', ''],
    ['/a?x=http://b/c', '/a', '?x=http://b/c'],
    ['/a/b', '/a/b', ''],
    ['*', '', ''],
    ['http://h', '', ''],
  ])('%s', (url, pathname, search) => {
    expect(splitUrl(url)).toEqual({ pathname, search });
  });
});
