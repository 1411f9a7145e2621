import { describe, expect, it } from 'vitest';
import { collectMetadataFiles } from '../routing/metadata-files.ts';
import { EMPTY_METADATA, type ResolvedMetadata } from './metadata.ts';
import { noteOwnImages, withMetadataFiles, type MetadataFileTable, type OwnImages } from './metadata-files.ts';

const files = collectMetadataFiles(['favicon.ico', 'icon.png', 'opengraph-image.png', 'blog/[slug]/opengraph-image.png', 'manifest.ts']);
const table: MetadataFileTable = {
  files,
  basePath: '/docs',
  info: new Map([
    ['app/icon.png', { hash: 'h1', type: 'image/png', width: 32, height: 32 }],
    ['app/opengraph-image.png', { hash: 'h2', type: 'image/png', width: 1200, height: 630, alt: 'Alt' }],
    ['app/blog/[slug]/opengraph-image.png', { hash: 'h3', type: 'image/png', width: 10, height: 5 }],
    ['app/favicon.ico', { hash: 'h0', type: 'image/x-icon', width: 16, height: 16 }],
  ]),
};
const levels = [{ dir: 'app', segment: null }, { dir: 'app/blog', segment: null }, { dir: 'app/blog/[slug]', segment: null }];
const none = (): OwnImages => ({ openGraph: -1, twitter: -1 });

describe('withMetadataFiles', () => {
  it('puts file icons before the icons metadata sets, and links the manifest', async () => {
    const resolved: ResolvedMetadata = { ...EMPTY_METADATA, icons: { icon: '/own.png', apple: '/a.png' } };
    const out = await withMetadataFiles(resolved, levels.slice(0, 1), {}, none(), table);
    expect(out.icons).toEqual({
      icon: [
        { url: '/docs/favicon.ico', type: 'image/x-icon', sizes: 'any' },
        { url: '/docs/icon.png?h1', type: 'image/png', sizes: '32x32' },
        '/own.png',
      ],
      apple: '/a.png',
    });
    expect(out.manifest).toBe('/docs/manifest.webmanifest');
    expect(out.openGraph).toEqual({ images: [{ url: '/docs/opengraph-image.png?h2', type: 'image/png', width: 1200, height: 630, alt: 'Alt' }] });
  });

  it("uses the nearest folder's images with the page's params", async () => {
    const out = await withMetadataFiles({ ...EMPTY_METADATA, openGraph: { title: 'T' } }, levels, { slug: 'a b' }, none(), table);
    expect(out.openGraph).toEqual({ title: 'T', images: [{ url: '/docs/blog/a%20b/opengraph-image.png?h3', type: 'image/png', width: 10, height: 5 }] });
  });

  it('gives way to images a segment at or below the files sets itself', async () => {
    const own = none();
    noteOwnImages(own, 2, { openGraph: { images: [] } });
    expect((await withMetadataFiles({ ...EMPTY_METADATA, openGraph: { images: [] } }, levels, { slug: 'a' }, own, table)).openGraph).toEqual({ images: [] });
    const above = none();
    noteOwnImages(above, 1, { openGraph: { images: '/x.png' } });
    expect((await withMetadataFiles(EMPTY_METADATA, levels, { slug: 'a' }, above, table)).openGraph?.images).toHaveLength(1);
  });
});
