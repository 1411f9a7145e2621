import { expect, test } from 'vitest';
import { exportPageFiles, fileSegment, htmlFile } from './export-files.ts';

test('HTML files go where static hosts look for them', () => {
  expect(htmlFile([], false)).toBe('index.html');
  expect(htmlFile([], true)).toBe('index.html');
  expect(htmlFile(['blog', 'c++'], false)).toBe('blog/c++.html');
  expect(htmlFile(['blog', 'c++'], true)).toBe('blog/c++/index.html');
});

test('file names are the decoded segments, unless decoding would make a separator or a dot segment', () => {
  expect(fileSegment('c%2B%2B')).toBe('c++');
  expect(fileSegment('caf%C3%A9')).toBe('café');
  expect(fileSegment('50%25')).toBe('50%');
  expect(fileSegment('a%2Fb')).toBe('a%2Fb');
  expect(fileSegment('a%5Cb')).toBe('a%5Cb');
  expect(fileSegment('%2E%2E')).toBe('%2E%2E');
  expect(fileSegment('%E0%A4%A')).toBe('%E0%A4%A');
});

test("a page's files in the export: its HTML where hosts look, its payload at its payload URL, both decoded", () => {
  expect(exportPageFiles('/', { trailingSlash: false })).toEqual({ html: 'index.html', rsc: '_kiln/rsc.rsc' });
  expect(exportPageFiles('/blog/c%2B%2B', { trailingSlash: false })).toEqual({ html: 'blog/c++.html', rsc: '_kiln/rsc/blog/c++.rsc' });
  expect(exportPageFiles('/blog/c%2B%2B', { trailingSlash: true }).html).toBe('blog/c++/index.html');
  expect(exportPageFiles('/tags/a%2Fb', { trailingSlash: false }).html).toBe('tags/a%2Fb.html');
});
