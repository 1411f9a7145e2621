/**
 * Next.js metadata files: `favicon.ico`, `icon.png`, `apple-icon.png`, Open Graph and Twitter
 * images (one inside `blog/[slug]/`), `robots.ts`, `sitemap.ts` (one with `generateSitemaps`),
 * `manifest.ts`, and images drawn with `next/og` (`posts/[slug]/opengraph-image.tsx` for every
 * generated slug, `posts/icon.tsx` with `generateImageMetadata`). Built once with `--export`, then each is checked over HTTP in `kiln start`
 * and `kiln dev` (status, content type, body) and as a file of the export, and each page's
 * `<head>` links the files of its nearest folder.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, fixture, runKiln, startKiln } from '../helpers/cli.ts';
import { installedFixture } from './dev-helpers.ts';

type Server = Awaited<ReturnType<typeof startKiln>>;

let built: string;
let start: Server;
let dev: Server;

beforeAll(async () => {
  built = await copyFixture('metadata-files');
  const result = await runKiln(['build', built, '--export']);
  expect(result.code, result.stdout + result.stderr).toBe(0);
  const devApp = await installedFixture('metadata-files');
  [start, dev] = await Promise.all([
    startKiln(['start', built, '--port', '0', '--host', '127.0.0.1']),
    startKiln(['dev', devApp, '--port', '0', '--host', '127.0.0.1'], { timeoutMs: 40_000 }),
  ]);
}, 120_000);

afterAll(async () => {
  await Promise.all([start?.stop(), dev?.stop()]);
});

const source = (file: string): Promise<Buffer> => readFile(path.join(fixture('metadata-files'), 'app', file));

/** URL → [content type, the file it serves (app-relative) or a check of its text]. */
const FILES: Array<[string, string, string | ((text: string) => void)]> = [
  ['/favicon.ico', 'image/x-icon', 'favicon.ico'],
  ['/icon.png', 'image/png', 'icon.png'],
  ['/apple-icon.png', 'image/png', 'apple-icon.png'],
  ['/opengraph-image.png', 'image/png', 'opengraph-image.png'],
  ['/blog/icon.svg', 'image/svg+xml', 'blog/icon.svg'],
  ['/blog/twitter-image.gif', 'image/gif', 'blog/twitter-image.gif'],
  ['/blog/first/opengraph-image.png', 'image/png', 'blog/[slug]/opengraph-image.png'],
  [
    '/robots.txt',
    'text/plain; charset=utf-8',
    (text) =>
      expect(text).toBe(
        'User-Agent: *\nAllow: /\nDisallow: /private/\nDisallow: /admin/\n\nUser-Agent: Googlebot\nCrawl-delay: 2\n\nSitemap: https://acme.test/sitemap.xml\n',
      ),
  ],
  [
    '/sitemap.xml',
    'application/xml; charset=utf-8',
    (text) =>
      expect(text).toBe(
        [
          '<?xml version="1.0" encoding="UTF-8"?>',
          '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
          '<url>',
          '<loc>https://acme.test</loc>',
          '<lastmod>2024-01-02T03:04:05.000Z</lastmod>',
          '<changefreq>yearly</changefreq>',
          '<priority>1</priority>',
          '</url>',
          '<url>',
          '<loc>https://acme.test/blog?a=1&amp;b=2</loc>',
          '<xhtml:link rel="alternate" hreflang="fr" href="https://acme.test/fr/blog" />',
          '</url>',
          '</urlset>',
          '',
        ].join('\n'),
      ),
  ],
  ['/products/sitemap/1.xml', 'application/xml; charset=utf-8', (text) => expect(text).toContain('<loc>https://acme.test/products/page-1</loc>')],
  [
    '/manifest.webmanifest',
    'application/manifest+json; charset=utf-8',
    (text) => expect(JSON.parse(text)).toMatchObject({ name: 'Acme', start_url: '/', display: 'standalone' }),
  ],
];

/** The page's `<head>`. */
async function headOf(server: Server, pathname: string): Promise<string> {
  const response = await fetch(server.url + pathname);
  expect(response.status).toBe(200);
  return /<head>([\s\S]*?)<\/head>/.exec(await response.text())?.[1] ?? '';
}

describe.each([
  ['kiln start', () => start],
  ['kiln dev', () => dev],
])('%s', (_name, server) => {
  it.each(FILES)('serves %s as %s', async (url, type, expected) => {
    const response = await fetch(server().url + url);
    expect([url, response.status, response.headers.get('content-type')]).toEqual([url, 200, type]);
    const body = Buffer.from(await response.arrayBuffer());
    if (typeof expected === 'string') expect(body.equals(await source(expected))).toBe(true);
    else expected(body.toString('utf8'));
  });

  it('answers 404 where no metadata file is', async () => {
    for (const url of ['/blog/first/favicon.ico', '/blog/first/icon.svg', '/products/sitemap.xml', '/products/sitemap/7.xml', '/sitemap/0.xml', '/icon.jpg']) {
      expect([url, (await fetch(server().url + url)).status]).toEqual([url, 404]);
    }
  });

  it("serves a dynamic folder's image for a path rendered on demand", async () => {
    const response = await fetch(`${server().url}/blog/not-generated/opengraph-image.png`);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(await source('blog/[slug]/opengraph-image.png'))).toBe(true);
  });

  it("links the root folder's files in the home page's head", async () => {
    const head = await headOf(server(), '/');
    expect(head).toContain('<link rel="icon" href="/favicon.ico" type="image/x-icon" sizes="any"/>');
    expect(head).toMatch(/<link rel="icon" href="\/icon\.png\?[0-9a-f]{16}" type="image\/png" sizes="32x32"\/>/);
    expect(head).toMatch(/<link rel="apple-touch-icon" href="\/apple-icon\.png\?[0-9a-f]{16}" type="image\/png" sizes="180x180"\/>/);
    expect(head).toMatch(/<meta property="og:image" content="https:\/\/acme\.test\/opengraph-image\.png\?[0-9a-f]{16}"\/>/);
    expect(head).toContain('<meta property="og:image:type" content="image/png"/>');
    expect(head).toContain('<meta property="og:image:width" content="120"/>');
    expect(head).toContain('<meta property="og:image:height" content="63"/>');
    expect(head).toContain('<meta property="og:image:alt" content="A kiln glowing at night"/>');
    expect(head).toContain('<link rel="manifest" href="/manifest.webmanifest"/>');
    expect(head).not.toContain('twitter:image');
  });

  it('links the nearest file of each kind in a deeper page', async () => {
    for (const slug of ['first', 'not-generated']) {
      const head = await headOf(server(), `/blog/${slug}`);
      // blog/icon.svg replaces the root's favicon and icon; the apple icon comes from the root.
      expect(head).toMatch(/<link rel="icon" href="\/blog\/icon\.svg\?[0-9a-f]{16}" type="image\/svg\+xml" sizes="any"\/>/);
      expect(head).not.toContain('/favicon.ico');
      expect(head).toContain('rel="apple-touch-icon" href="/apple-icon.png?');
      expect(head).toMatch(new RegExp(`<meta property="og:image" content="https://acme\\.test/blog/${slug}/opengraph-image\\.png\\?[0-9a-f]{16}"/>`));
      expect(head).toContain('<meta property="og:image:width" content="60"/>');
      expect(head).not.toContain('og:image:alt');
      expect(head).toContain('<meta name="twitter:card" content="summary_large_image"/>');
      expect(head).toMatch(/<meta name="twitter:image" content="https:\/\/acme\.test\/blog\/twitter-image\.gif\?[0-9a-f]{16}"\/>/);
    }
  });
});

/** The width and height a PNG's header gives. */
function pngSize(bytes: Buffer): [number, number] {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

/** URL → the PNG's size. */
const GENERATED: Array<[string, [number, number]]> = [
  ['/posts/one/opengraph-image', [600, 315]],
  ['/posts/two/opengraph-image', [600, 315]],
  ['/posts/icon/small', [16, 16]],
  ['/posts/icon/large', [48, 48]],
];

describe.each([
  ['kiln start', () => start],
  ['kiln dev', () => dev],
])('%s: images drawn with next/og', (_name, server) => {
  it.each(GENERATED)('serves %s', async (url, size) => {
    const response = await fetch(server().url + url);
    expect([url, response.status, response.headers.get('content-type')]).toEqual([url, 200, 'image/png']);
    expect(pngSize(Buffer.from(await response.arrayBuffer()))).toEqual(size);
  });

  it('answers 404 for an id generateImageMetadata does not give', async () => {
    for (const url of ['/posts/icon/medium', '/posts/one/opengraph-image/x']) expect([url, (await fetch(server().url + url)).status]).toEqual([url, 404]);
  });

  it("links them in the post's head with their size, type and alt", async () => {
    const head = await headOf(server(), '/posts/one');
    expect(head).toMatch(/<meta property="og:image" content="https:\/\/acme\.test\/posts\/one\/opengraph-image\?[0-9a-f]{16}"\/>/);
    expect(head).toContain('<meta property="og:image:width" content="600"/><meta property="og:image:height" content="315"/>');
    expect(head).toContain('<meta property="og:image:alt" content="A post of the Acme blog"/>');
    expect(head).toMatch(/<link rel="icon" href="\/posts\/icon\/small\?[0-9a-f]{16}" type="image\/png" sizes="16x16"\/><link rel="icon" href="\/posts\/icon\/large\?[0-9a-f]{16}" type="image\/png" sizes="48x48"\/>/);
    expect(head.match(/property="og:image"/g)).toHaveLength(1);
  });
});

describe('the static export', () => {
  it('holds the drawn images at their URLs', async () => {
    for (const [url, size] of GENERATED) expect(pngSize(await readFile(path.join(built, 'out', ...url.slice(1).split('/'))))).toEqual(size);
  });

  it('holds every metadata file at its URL', async () => {
    const out = path.join(built, 'out');
    for (const [url, , expected] of FILES) {
      const body = await readFile(path.join(out, ...url.slice(1).split('/')));
      if (typeof expected === 'string') expect(body.equals(await source(expected))).toBe(true);
      else expected(body.toString('utf8'));
    }
    // The image of a dynamic folder is written for each generated path: a PNG, not just a name.
    const perPath = await readFile(path.join(out, 'blog', 'second', 'opengraph-image.png'));
    expect(perPath.subarray(1, 4).toString('latin1')).toBe('PNG');
    await expect(readFile(path.join(out, '_kiln', 'metadata', 'blog', '[slug]', 'opengraph-image.png'))).rejects.toThrow();
  });
});
