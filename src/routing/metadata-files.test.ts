import { describe, expect, it } from 'vitest';
import { classifyMetadataFile, collectMetadataFiles, matchMetadataFile, metadataFileHref, nearestImageFiles } from './metadata-files.ts';

describe('classifyMetadataFile', () => {
  it.each([
    ['favicon.ico', { kind: 'favicon', source: 'static', name: 'favicon', ext: 'ico' }],
    ['icon.svg', { kind: 'icon', source: 'static', name: 'icon', ext: 'svg' }],
    ['blog/icon2.png', { kind: 'icon', source: 'static', name: 'icon2', ext: 'png' }],
    ['apple-icon.jpg', { kind: 'apple-icon', source: 'static', name: 'apple-icon', ext: 'jpg' }],
    ['blog/opengraph-image.gif', { kind: 'opengraph-image', source: 'static', name: 'opengraph-image', ext: 'gif' }],
    ['twitter-image.jpeg', { kind: 'twitter-image', source: 'static', name: 'twitter-image', ext: 'jpeg' }],
    ['robots.ts', { kind: 'robots', source: 'code', name: 'robots', ext: 'txt' }],
    ['robots.txt', { kind: 'robots', source: 'static', name: 'robots', ext: 'txt' }],
    ['shop/sitemap.ts', { kind: 'sitemap', source: 'code', name: 'sitemap', ext: 'xml' }],
    ['manifest.ts', { kind: 'manifest', source: 'code', name: 'manifest', ext: 'webmanifest' }],
    ['manifest.json', { kind: 'manifest', source: 'static', name: 'manifest', ext: 'json' }],
    ['opengraph-image.tsx', { kind: 'opengraph-image', source: 'code', name: 'opengraph-image', ext: '' }],
  ])('%s', (file, expected) => {
    expect(classifyMetadataFile(file)).toEqual(expected);
  });

  it.each([
    'blog/favicon.ico', // only in the root, as Next.js
    'blog/robots.txt',
    'blog/manifest.json',
    'favicon.png',
    'apple-icon.svg',
    'opengraph-image.svg',
    'opengraph-image.alt.txt',
    'iconic.png',
    'icon-small.png',
    '_parts/icon.png',
    'robots.tsx',
    'page.tsx',
  ])('%s is not one', (file) => {
    expect(classifyMetadataFile(file)).toBeNull();
  });
});

describe('collectMetadataFiles', () => {
  it('gives URL patterns without groups, numbered icons in lexical order', () => {
    const files = collectMetadataFiles(
      ['icon2.png', 'icon1.png', 'favicon.ico', '(shop)/blog/[slug]/opengraph-image.png', 'robots.ts', 'page.tsx', 'docs/sitemap.ts'],
      'src/app',
    );
    expect(files.map((f) => [f.file, f.pattern])).toEqual([
      ['src/app/(shop)/blog/[slug]/opengraph-image.png', '/blog/[slug]/opengraph-image.png'],
      ['src/app/docs/sitemap.ts', '/docs/sitemap.xml'],
      ['src/app/favicon.ico', '/favicon.ico'],
      ['src/app/icon1.png', '/icon1.png'],
      ['src/app/icon2.png', '/icon2.png'],
      ['src/app/robots.ts', '/robots.txt'],
    ]);
    expect(files[0].dir).toBe('src/app/(shop)/blog/[slug]');
  });
});

describe('nearestImageFiles', () => {
  const files = collectMetadataFiles(['favicon.ico', 'icon.svg', 'opengraph-image.png', 'blog/icon.png', 'blog/twitter-image.jpg', 'apple-icon.png']);
  it('takes, per kind, the deepest folder that has one', () => {
    const root = nearestImageFiles(files, [{ dir: 'app' }]);
    expect(root.icon.map((f) => f.file)).toEqual(['app/favicon.ico', 'app/icon.svg']);
    expect(root.apple.map((f) => f.file)).toEqual(['app/apple-icon.png']);
    expect(root.openGraph).toMatchObject({ level: 0 });
    expect(root.twitter).toBeNull();

    const blog = nearestImageFiles(files, [{ dir: 'app' }, { dir: 'app/blog' }]);
    expect(blog.icon.map((f) => f.file)).toEqual(['app/blog/icon.png']);
    expect(blog.apple.map((f) => f.file)).toEqual(['app/apple-icon.png']);
    expect(blog.openGraph?.files.map((f) => f.file)).toEqual(['app/opengraph-image.png']);
    expect(blog.twitter).toMatchObject({ level: 1 });
  });
});

describe('metadataFileHref and matchMetadataFile', () => {
  const files = collectMetadataFiles(['blog/[slug]/opengraph-image.png', 'docs/[...path]/icon.png', 'sitemap.ts', 'icon.tsx', 'favicon.ico']);
  const og = files.find((f) => f.kind === 'opengraph-image')!;

  it('fills the params of the file folder', () => {
    expect(metadataFileHref(og, { slug: 'c++' })).toBe('/blog/c%2B%2B/opengraph-image.png');
    expect(metadataFileHref(files.find((f) => f.pattern.startsWith('/docs'))!, { path: ['a', 'b'] })).toBe('/docs/a/b/icon.png');
  });

  it('matches decoded parts back to the file and its params', () => {
    expect(matchMetadataFile(files, ['blog', 'c++', 'opengraph-image.png'])).toMatchObject({ file: og, params: { slug: 'c++' } });
    expect(matchMetadataFile(files, ['docs', 'a', 'b', 'icon.png'])).toMatchObject({ params: { path: ['a', 'b'] } });
    expect(matchMetadataFile(files, ['favicon.ico'])?.file.kind).toBe('favicon');
    expect(matchMetadataFile(files, ['blog', 'opengraph-image.png'])).toBeNull();
    expect(matchMetadataFile(files, ['about'])).toBeNull();
  });

  it('matches the ids of code modules', () => {
    expect(matchMetadataFile(files, ['sitemap.xml'])).toMatchObject({ params: {} });
    expect(matchMetadataFile(files, ['sitemap', '0.xml'])).toMatchObject({ id: '0' });
    expect(matchMetadataFile(files, ['sitemap', '0.txt'])).toBeNull();
    expect(matchMetadataFile(files, ['icon'])?.file.kind).toBe('icon');
    expect(matchMetadataFile(files, ['icon', 'small'])).toMatchObject({ id: 'small' });
  });
});
