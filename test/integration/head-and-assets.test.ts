/**
 * An app as real sites are written: images in its own `public/assets/`, and metadata and
 * viewport exports across a layout and a page. Built once with `--export`, then served by
 * `kiln start`: the app's files revalidate while Kiln's hashed bundles (under `/_kiln/assets/`)
 * are cached for a year, both reach the static export, and the page's `<head>` carries the tags.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, runKiln, startKiln } from '../helpers/cli.ts';
import { listFiles } from './build-helpers.ts';

let app: string;
let server: Awaited<ReturnType<typeof startKiln>>;

beforeAll(async () => {
  app = await copyFixture('head-and-assets');
  const built = await runKiln(['build', app, '--export']);
  expect(built.code, built.stdout + built.stderr).toBe(0);
  server = await startKiln(['start', app, '--port', '0', '--host', '127.0.0.1']);
});

afterAll(async () => {
  expect(await server?.stop()).toBe(0);
});

/** The page's `<head>`, without React's text separators. */
async function headOf(pathname: string): Promise<string> {
  const response = await fetch(server.url + pathname);
  expect(response.status).toBe(200);
  const html = await response.text();
  return /<head>([\s\S]*?)<\/head>/.exec(html)?.[1] ?? '';
}

describe("public/assets/ beside Kiln's bundles", () => {
  it("serves the app's public/assets/ file with a cache that revalidates", async () => {
    const logo = await fetch(`${server.url}/assets/logo.svg`);
    expect(logo.status).toBe(200);
    expect(logo.headers.get('content-type')).toBe('image/svg+xml');
    expect(logo.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
    expect(await logo.text()).toContain('<svg');
    const etag = logo.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await fetch(`${server.url}/assets/logo.svg`, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
  });

  it('serves the hashed bundles under /_kiln/assets/ as immutable', async () => {
    const html = await (await fetch(`${server.url}/`)).text();
    const script = /<script type="module" src="(\/_kiln\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    const sheet = /<link rel="stylesheet"[^>]*href="(\/_kiln\/assets\/[^"]+\.css)"/.exec(html)?.[1];
    expect(script, html).toBeDefined();
    expect(sheet, html).toBeDefined();
    for (const url of [script!, sheet!]) {
      const response = await fetch(server.url + url);
      expect([url, response.status, response.headers.get('cache-control')]).toEqual([url, 200, 'public, max-age=31536000, immutable']);
    }
    expect(html).not.toMatch(/(?:src|href)="\/assets\/[^"]+\.(?:js|css)"/);
  });

  it('writes both into the static export', async () => {
    const files = await listFiles(path.join(app, 'out'));
    expect(files).toContain('assets/logo.svg');
    expect(files.some((f) => /^_kiln\/assets\/.+\.js$/.test(f))).toBe(true);
    expect(files.some((f) => /^_kiln\/assets\/.+\.css$/.test(f))).toBe(true);
    expect(files.filter((f) => f.startsWith('assets/'))).toEqual(['assets/logo.svg']);
    expect(existsSync(path.join(app, 'dist/client/assets/logo.svg'))).toBe(true);
    expect(await readFile(path.join(app, 'out/assets/logo.svg'), 'utf8')).toContain('<svg');
  });
});

describe('metadata and viewport in the head', () => {
  it("renders the layout's fields and its viewport on the home page", async () => {
    const head = await headOf('/');
    expect(head).toContain('<title>Forge</title>');
    expect(head.match(/<meta name="viewport"[^>]*>/g)).toEqual(['<meta name="viewport" content="width=device-width, initial-scale=1"/>']);
    expect(head).toContain('<meta name="theme-color" media="(prefers-color-scheme: light)" content="#ffffff"/>');
    expect(head).toContain('<meta name="theme-color" media="(prefers-color-scheme: dark)" content="#000000"/>');
    expect(head).toContain('<meta name="color-scheme" content="light dark"/>');
    expect(head).toContain('<meta name="google-site-verification" content="g-token"/>');
    expect(head).toContain('<link rel="alternate" href="https://kiln.test/feed.xml" type="application/rss+xml"/>');
    expect(head).toContain('<link rel="icon" href="/assets/logo.svg"/>');
    expect(head).toContain('<link rel="apple-touch-icon" href="/assets/logo.svg" sizes="180x180"/>');
    expect(head).toContain('<meta property="og:site_name" content="Forge"/>');
    expect(head).toContain('<meta property="og:image" content="https://kiln.test/assets/logo.svg"/>');
    expect(head).toContain('<meta property="og:image:alt" content="Forge logo"/>');
  });

  it("renders a page's generateMetadata and generateViewport over the layout's", async () => {
    const head = await headOf('/blog/tongs');
    expect(head).toContain('<title>Tongs | Forge</title>');
    expect(head.match(/<meta name="viewport"[^>]*>/g)).toEqual(['<meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1"/>']);
    expect(head).toContain('<link rel="canonical" href="https://kiln.test/blog/tongs"/>');
    expect(head).toContain('<meta name="robots" content="index, follow"/>');
    expect(head).toContain('<meta name="googlebot" content="index, max-image-preview:large"/>');
    expect(head).toContain('<meta property="og:type" content="article"/>');
    expect(head).toContain('<meta property="article:published_time" content="2024-05-01T00:00:00.000Z"/>');
    expect(head).toContain('<meta property="article:author" content="Ann"/>');
    expect(head).toContain('<meta property="article:tag" content="tools"/><meta property="article:tag" content="iron"/>');
    expect(head).toContain('<meta property="og:image" content="https://kiln.test/og/tongs.png"/><meta property="og:image:width" content="1200"/>');
    expect(head).toContain('<meta name="twitter:card" content="summary_large_image"/>');
    expect(head).toContain('<meta name="twitter:creator" content="@forge"/>');
    // The page's openGraph replaces the layout's whole, as in Next.js.
    expect(head).not.toContain('og:site_name');
    // Inherited from the layout, which the page does not override.
    expect(head).toContain('<meta name="google-site-verification" content="g-token"/>');
    expect(head).toContain('<meta name="theme-color" media="(prefers-color-scheme: dark)" content="#000000"/>');
  });
});
