/**
 * A Next.js app as it comes, run on Kiln unchanged: its package.json names `next` and pins React
 * 18 (both fakes here that throw if loaded), not Kiln; JSX in `.js` files; CommonJS files of its
 * own; a dependency that imports `next/link` and `next/font/local`, one that imports a
 * client-only hook by name, and a component package published as CommonJS; a `vite.config`. Built and started, and under `kiln dev`, it serves
 * its pages, hydrates and navigates on the client in a real browser.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, runKiln, startKiln } from '../helpers/cli.ts';
import { launchBrowser, openPage } from '../helpers/browser.ts';

type Server = Awaited<ReturnType<typeof startKiln>>;

let app: string;
let browser: Browser;

beforeAll(async () => {
  app = await copyFixture('next-real-app');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

for (const mode of ['start', 'dev'] as const) {
  describe(`kiln ${mode}`, () => {
    let server: Server;

    beforeAll(async () => {
      if (mode === 'start') {
        const built = await runKiln(['build', app]);
        expect(built.code, built.stdout + built.stderr).toBe(0);
        expect(built.stdout).toMatch(/● \/posts\/\[slug\]\s+2/);
      }
      server = await startKiln([mode, app, '--port', '0', '--host', '127.0.0.1'], { timeoutMs: 60_000 });
    });

    afterAll(async () => {
      await server?.stop();
    });

    it('renders the layout, CommonJS data, the vite.config define and a dependency using next/font/local', async () => {
      const res = await fetch(`${server.url}/`);
      const html = await res.text();
      expect(res.status, html).toBe(200);
      expect(html).toContain('<title>A Real Next App</title>');
      expect(html).toContain('<h1>A Real Next App</h1>');
      expect(html).toContain('<p id="flavour">flavour from vite.config</p>');
      expect(html).toContain('<strong class="shout">loud and clear</strong>');
      expect(html).toMatch(/<html lang="en" class="__variable_[0-9a-f]+">/);
      expect(html).toContain('class="kit-link" href="/posts/first"');
      // What a CSS-in-JS registry hands to useServerInsertedHTML lands in the head.
      expect(html).toMatch(/<style data-registry="">h1\{letter-spacing:1px\}<\/style>[^]*<\/head>/);
      expect(html.indexOf('data-registry')).toBeLessThan(html.indexOf('</head>'));
    });

    it('gives a static image import its URL and size, as Next.js does, for next/image and for code', async () => {
      const res = await fetch(`${server.url}/gallery`);
      const html = await res.text();
      expect(res.status, html).toBe(200);
      const src = /<p id="hero-src">([^<]+)<\/p>/.exec(html)?.[1];
      expect(src).toMatch(/hero.*\.png$/);
      expect(html).toContain(`<img alt="hero" src="${src}" width="3" height="2"`);
      const image = await fetch(`${server.url}${src}`);
      expect([image.status, image.headers.get('content-type')]).toEqual([200, 'image/png']);
    });

    it('renders a component package published as CommonJS with Kiln\'s React', async () => {
      const res = await fetch(`${server.url}/widget`);
      const html = await res.text();
      expect(res.status, html).toBe(200);
      expect(html).toContain('<em class="widget">an old CommonJS widget</em>');
    });

    it('serves the generated paths of a .jsx page', async () => {
      const res = await fetch(`${server.url}/posts/second`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('<h1>Post <!-- -->second</h1>');
      expect(html).toContain('<a href="/posts/second">Next post</a>');
    });

    it('hydrates with Kiln\'s React and navigates on the client through a dependency\'s next/link', async () => {
      const { page, errors } = await openPage(browser);
      const documents: string[] = [];
      page.on('request', (r) => {
        if (r.resourceType() === 'document') documents.push(r.url());
      });
      await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });
      const button = page.getByRole('button');
      await button.click();
      await button.click();
      await expect.poll(() => button.textContent()).toBe('Clicked 2 times');
      await page.getByRole('link', { name: 'Read first' }).click();
      await page.waitForURL(`${server.url}/posts/first`);
      await expect.poll(() => page.locator('h1').textContent()).toBe('Post first');
      expect(documents).toEqual([`${server.url}/`]);
      // The fixture's font file is a placeholder; the browser's complaint about it and the
      // favicon request are not the app's errors.
      expect(errors.filter((e) => !/font|favicon|404 \(Not Found\)/i.test(e))).toEqual([]);
      await page.close();
    });
  });
}

it('lists the routes of the app with kiln routes', async () => {
  const listed = await runKiln(['routes', app]);
  expect(listed.code, listed.stderr).toBe(0);
  expect(listed.stdout).toContain('/posts/first');
  expect(listed.stdout).toContain('/posts/second');
});
