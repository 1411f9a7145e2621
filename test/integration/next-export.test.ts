/**
 * A Next.js App Router app, written exactly as for Next.js (imports from `next/*`, awaited
 * `params`, `@/` paths, `next.config.mjs` with `output: 'export'`), built with `kiln build`. Its
 * `out/` folder, served by a plain static file server, navigates client-side. A second build of
 * the same app adds `basePath` and `trailingSlash`.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from '../helpers/browser.ts';
import { copyFixture, runKiln } from '../helpers/cli.ts';
import { serveStatic, type StaticServer } from './next-static-server.ts';
import { listFiles } from './build-helpers.ts';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Builds a copy of the fixture; returns the build's output and the `out/` folder. */
async function buildApp(config?: string): Promise<{ app: string; out: string; output: string }> {
  const app = await copyFixture('next-app');
  if (config !== undefined) await writeFile(path.join(app, 'next.config.mjs'), config);
  const built = await runKiln(['build', app]);
  const output = built.stdout + built.stderr;
  expect(built.code, output).toBe(0);
  const out = path.join(app, 'out');
  expect(existsSync(out), 'output: export writes out/').toBe(true);
  expect(output).toMatch(/✓ exported \d+ pages \(\d+ files\) to .*out\n/);
  return { app, out, output };
}

function count(text: string, part: string): number {
  return text.split(part).length - 1;
}

/**
 * Opens `url` and waits until React has hydrated it (the root layout's counter marks itself), so
 * a click reaches the client router instead of racing hydration into a plain link's page load.
 */
async function gotoHydrated(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('#counter[data-hydrated="true"]');
}

/** Requests for documents: what a full page load costs (assets and payloads excluded). */
function documentRequests(server: StaticServer): string[] {
  return server.requests.filter((r) => !/\/_kiln\/|\.(ico|svg)$/.test(r));
}

describe('a Next.js app exported with output: "export"', () => {
  let out: string;
  let output: string;
  let site: StaticServer;

  beforeAll(async () => {
    ({ out, output } = await buildApp());
    site = await serveStatic(out);
  });

  afterAll(async () => {
    await site?.close();
  });

  it('warns once about the next.config keys it ignores and the Google font it cannot download', () => {
    expect(count(output, "next.config.mjs: Kiln ignores reactStrictMode; it reads only output, trailingSlash, basePath, images.unoptimized, pageExtensions, redirects, rewrites, headers and @next/mdx's options.")).toBe(1);
    expect(count(output, 'app/layout.tsx: next/font/google "Inter" is not downloaded (Kiln makes no network requests)')).toBe(1);
  });

  it('writes only static files: pages where hosts look for them, payloads, the 404 page, public files and route handlers', async () => {
    const files = await listFiles(out);
    expect(files.filter((f) => !f.startsWith('_kiln/assets/'))).toEqual([
      '404.html',
      '_kiln/rsc.rsc',
      '_kiln/rsc/about.rsc',
      '_kiln/rsc/blog.rsc',
      '_kiln/rsc/blog/c++.rsc',
      '_kiln/rsc/blog/hello-world.rsc',
      'about.html',
      'blog.html',
      'blog/c++.html',
      'blog/hello-world.html',
      'favicon.ico',
      'feed.json',
      'index.html',
      'logo.svg',
    ]);
    expect(files.some((f) => /^_kiln\/assets\/.+\.js$/.test(f))).toBe(true);
    expect(JSON.parse(await readFile(path.join(out, 'feed.json'), 'utf8'))).toEqual([
      { slug: 'hello-world', title: 'Hello, world' },
      { slug: 'c++', title: 'C++ tips' },
    ]);
  });

  it('compiles next/font into classes and @font-face rules, and next/image into a plain <img>', async () => {
    const html = await readFile(path.join(out, 'index.html'), 'utf8');
    expect(html).toMatch(/<html lang="en" class="__variable_[0-9a-f]{6} __variable_[0-9a-f]{6}">/);
    expect(html).toMatch(/<body class="__className_[0-9a-f]{6}">/);
    expect(html).toContain('<img alt="Logo" src="/logo.svg" width="32" height="32" loading="eager" fetchPriority="high" decoding="async"/>');
    const cssFile = (await listFiles(out)).find((f) => f.endsWith('.css'))!;
    const css = await readFile(path.join(out, cssFile), 'utf8');
    expect(css).toMatch(/@font-face\{font-family:__brand_[0-9a-f]{6};src:url\([^)]+\)\s*format\("woff2"\);font-display:swap;font-weight:700\}/);
    expect(css).toContain('--font-inter:"Inter", system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif');
  });

  it('navigates client-side from prerendered payloads on a plain static server', async () => {
    const { page, errors } = await openPage(browser);
    await gotoHydrated(page, `${site.url}/`);
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    await page.locator('#counter').click();
    await page.locator('#counter').click();

    await page.getByRole('link', { name: 'Blog', exact: true }).click();
    await page.locator('h1', { hasText: 'Blog' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/blog');
    await expect(page.title()).resolves.toBe('Blog | Next on Kiln');

    await page.getByRole('link', { name: 'C++ tips' }).click();
    await page.locator('h1', { hasText: 'C++ tips' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/blog/c%2B%2B');
    await expect(page.locator('#slug').textContent()).resolves.toBe('slug: c++');

    await page.goBack();
    await page.locator('h1', { hasText: 'Blog' }).waitFor();
    await expect(page.locator('nav a.active').textContent()).resolves.toBe('Blog');

    // A next/dynamic component in a server page arrives with the payload.
    await page.getByRole('link', { name: 'About', exact: true }).click();
    await page.locator('#greeting').waitFor();
    await expect(page.locator('#greeting').textContent()).resolves.toBe('Hello from a dynamic component, visitor');
    await expect(page.title()).resolves.toBe('About | Next on Kiln');

    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    await expect(page.locator('#counter').textContent()).resolves.toBe('clicked 2');
    expect(documentRequests(site)).toEqual(['/']);
    expect(site.requests).toContain('/_kiln/rsc/blog/c%2B%2B.rsc');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('falls back to a full page load when a payload is missing, showing the exported 404 page', async () => {
    const { page } = await openPage(browser);
    await gotoHydrated(page, `${site.url}/blog`);
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    await page.getByRole('link', { name: 'A post that was never written' }).click();
    await page.locator('h1', { hasText: 'Not found' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/blog/missing');
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBeUndefined();
    expect(site.requests).toContain('/_kiln/rsc/blog/missing.rsc');
    await page.close();
  });
});

describe('basePath and trailingSlash in a static export', () => {
  let out: string;
  let site: StaticServer;

  beforeAll(async () => {
    ({ out } = await buildApp("export default { output: 'export', basePath: '/docs', trailingSlash: true };\n"));
    site = await serveStatic(out, '/docs');
  });

  afterAll(async () => {
    await site?.close();
  });

  it('writes each page as a folder with index.html, and links and assets carry the base path', async () => {
    const files = await listFiles(out);
    expect(files.filter((f) => f.endsWith('.html'))).toEqual([
      '404.html',
      'about/index.html',
      'blog/c++/index.html',
      'blog/hello-world/index.html',
      'blog/index.html',
      'index.html',
    ]);
    const html = await readFile(path.join(out, 'blog/index.html'), 'utf8');
    expect(html).toContain('<a href="/docs/blog/c%2B%2B/">C++ tips</a>');
    expect(html).toContain('<a class="active" href="/docs/blog/">Blog</a>');
    expect(html).toMatch(/<script type="module" src="\/docs\/_kiln\/assets\/[^"]+\.js"/);
  });

  it('navigates client-side below the base path', async () => {
    const { page, errors } = await openPage(browser);
    await gotoHydrated(page, `${site.url}/docs/`);
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    await page.getByRole('link', { name: 'Blog', exact: true }).click();
    await page.locator('h1', { hasText: 'Blog' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/docs/blog/');
    await page.getByRole('link', { name: 'Hello, world' }).click();
    await page.locator('h1', { hasText: 'Hello, world' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/docs/blog/hello-world/');
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    expect(site.requests).toContain('/docs/_kiln/rsc/blog/hello-world.rsc');
    expect(documentRequests(site)).toEqual(['/docs/']);
    // As in Next.js, next/image leaves src alone (apps write the base path into it themselves),
    // and the browser asks for /favicon.ico at the root: both miss the /docs mount.
    expect([...new Set(site.requests.filter((r) => !r.startsWith('/docs/')))].sort()).toEqual(['/favicon.ico', '/logo.svg']);
    expect(errors).toEqual(Array(2).fill('Failed to load resource: the server responded with a status of 404 (Not Found)'));
    await page.close();
  });
});

/** Every file of `dir` with a hash of its bytes, or null when `dir` does not exist. */
async function snapshot(dir: string): Promise<Record<string, string> | null> {
  if (!existsSync(dir)) return null;
  const files: Record<string, string> = {};
  for (const f of await listFiles(dir)) files[f] = createHash('sha256').update(await readFile(path.join(dir, f))).digest('hex');
  return files;
}

describe('the export on disk, and a build that fails', () => {
  let app: string;
  let out: string;

  beforeAll(async () => {
    ({ app, out } = await buildApp());
  });

  it('writes each page once: the file a static host serves is the same file kiln start serves from dist/pages', async () => {
    const pairs: Array<[exported: string, built: string]> = [
      ['index.html', 'dist/pages/@index.html'],
      ['_kiln/rsc.rsc', 'dist/pages/@index.rsc'],
      ['about.html', 'dist/pages/about.html'],
      ['blog/c++.html', 'dist/pages/blog/c%2B%2B.html'],
      ['_kiln/rsc/blog/c++.rsc', 'dist/pages/blog/c%2B%2B.rsc'],
      ['404.html', 'dist/pages/@404.html'],
    ];
    for (const [exported, built] of pairs) {
      const [a, b] = await Promise.all([stat(path.join(out, exported)), stat(path.join(app, built))]);
      expect([exported, a.ino, a.nlink]).toEqual([exported, b.ino, 2]);
    }
    // Two files per page, side by side: no folder of its own.
    expect(await listFiles(path.join(app, 'dist/pages'))).toEqual([
      '@404.html',
      '@index.html',
      '@index.rsc',
      'about.html',
      'about.rsc',
      'blog.html',
      'blog.rsc',
      'blog/c%2B%2B.html',
      'blog/c%2B%2B.rsc',
      'blog/hello-world.html',
      'blog/hello-world.rsc',
    ]);
  });

  it('a build that fails after every page was written leaves the previous out/ and dist/ as they were', async () => {
    const before = { out: await snapshot(out), dist: await snapshot(path.join(app, 'dist')) };
    expect(Object.keys(before.out ?? {})).toContain('blog/c++.html');
    // The route handler is called once the pages are written: the last step before the swap.
    await writeFile(path.join(app, 'app/feed.json/route.ts'), "export const dynamic = 'force-static';\nexport function GET() {\n  return new Response('down', { status: 503 });\n}\n");
    await writeFile(path.join(app, 'app/about/page.tsx'), 'export default function About() {\n  return <h1>About, changed</h1>;\n}\n');
    const failed = await runKiln(['build', app]);
    expect(failed.code, failed.stdout + failed.stderr).toBe(1);
    expect(failed.stderr).toContain('app/feed.json/route.ts (route /feed.json) answered GET with status 503');
    expect({ out: await snapshot(out), dist: await snapshot(path.join(app, 'dist')) }).toEqual(before);
    expect((await readdir(app)).filter((name) => name.includes('.kiln-'))).toEqual([]);
  });
});
