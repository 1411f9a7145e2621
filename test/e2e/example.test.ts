/**
 * The example app as a user meets it: `kiln build`, `kiln start`, pages over HTTP, and a client
 * component that hydrates in a real browser.
 */
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runKiln, startKiln } from '../helpers/cli.ts';
import { launchBrowser, openPage } from '../helpers/browser.ts';

let app: string;
let server: Awaited<ReturnType<typeof startKiln>>;
let browser: Browser;
let buildOutput: string;

beforeAll(async () => {
  // Inside the repository, as the example sits: its tsconfig reaches Kiln's preset by a
  // relative path (an app outside writes `"extends": "kilnjs/tsconfig"`).
  await mkdir(path.join(repoRoot, '.tmp'), { recursive: true });
  app = await mkdtemp(path.join(repoRoot, '.tmp', 'kiln-example-'));
  await cp(path.join(repoRoot, 'examples/store'), app, { recursive: true, filter: (src) => !/[/\\](dist|\.kiln)$/.test(src) });
  const built = await runKiln(['build', app]);
  buildOutput = built.stdout + built.stderr;
  expect(built.code, buildOutput).toBe(0);
  server = await startKiln(['start', app, '--port', '0', '--host', '127.0.0.1']);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  expect(await server?.stop()).toBe(0);
  await rm(app, { recursive: true, force: true });
});

describe('the example store', () => {
  it('reports every route with its kind and path count', () => {
    expect(buildOutput).toMatch(/○ \/\s+1/);
    expect(buildOutput).toMatch(/● \/shop\/\[category\]\/\[item\]\s+7/);
    expect(buildOutput).toMatch(/● \/guide\/\[\[\.\.\.path\]\]\s+4/);
    expect(buildOutput).toMatch(/● \/tags\/\[tag\]\s+6/);
    expect(buildOutput).toContain('24 pages prerendered');
  });

  it.each([
    ['/', 'Kiln Pottery Supply', 'Clay, glazes and tools'],
    ['/shop/glazes/tenmoku', 'Tenmoku · Kiln Pottery Supply', 'Iron black breaking to rust'],
    ['/journal/2026/new-kiln', 'A bigger kiln · Kiln Pottery Supply', 'Twice the shelves'],
    ['/guide', 'The guide · Kiln Pottery Supply', 'Everything we know'],
    ['/guide/throwing/centering', 'Centering · Kiln Pottery Supply', 'Brace your elbows'],
    ['/tags/cone%2010', 'Tagged “cone 10” · Kiln Pottery Supply', 'Celadon'],
  ])('serves %s', async (pathname, title, text) => {
    const res = await fetch(server.url + pathname);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`<title>${title}</title>`);
    expect(html).toContain(text);
  });

  it('answers unknown params of a dynamicParams = false route with the not-found page', async () => {
    const res = await fetch(`${server.url}/tags/porcelain`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Nothing on this shelf');
  });

  it('hydrates the client component, which reacts to clicks without console errors', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${server.url}/shop/clay/porcelain-5kg`);
    await expect(page.title()).resolves.toBe('Porcelain, 5 kg · Kiln Pottery Supply');
    const button = page.getByRole('button', { name: 'Add Porcelain, 5 kg to cart' });
    await button.click();
    await button.click();
    await page.getByText('2 in cart').waitFor({ timeout: 5000 });
    // The CSS reached the page: the button has the clay colour.
    const background = await button.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(background).toBe('rgb(181, 100, 60)');
    expect(errors).toEqual([]);
    await page.close();
  });
});
