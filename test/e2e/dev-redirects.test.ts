/**
 * `kiln dev` in Chromium on a private copy of the redirects fixture (`basePath: '/base'`): the
 * client router follows a redirect payload without a document load and keeps the entry it came
 * from, and after a server edit the page is fetched again under the base path.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startKiln } from '../helpers/cli.ts';
import { installedFixture } from '../integration/dev-helpers.ts';
import { launchBrowser, openPage } from '../helpers/browser.ts';

const MARKER = 'kilnDevRedirectMarker';

let app: string;
let server: Awaited<ReturnType<typeof startKiln>>;
let browser: Browser;
let page: Page;
let errors: string[];
/** Pathnames the page asked the dev server for. */
const requested: string[] = [];

beforeAll(async () => {
  app = await installedFixture('redirects');
  server = await startKiln(['dev', app, '--port', '0', '--host', '127.0.0.1']);
  browser = await launchBrowser();
  ({ page, errors } = await openPage(browser));
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.origin === server.url) requested.push(url.pathname);
  });
  await page.goto(`${server.url}/base/posts/first`);
  await page.waitForSelector('#root-counter[data-hydrated="true"]');
  await page.evaluate((name) => ((window as unknown as Record<string, number>)[name] = 42), MARKER);
});

afterAll(async () => {
  await browser?.close();
  expect(await server?.stop()).toBe(0);
  await rm(app, { recursive: true, force: true });
});

const heading = (text: string) => page.locator('h1', { hasText: text }).waitFor();
const marker = () => page.evaluate((name) => (window as unknown as Record<string, unknown>)[name], MARKER);
const pathOf = () => new URL(page.url()).pathname + new URL(page.url()).search;

it('follows a redirect payload in place, pushing the target after the page it left', async () => {
  await page.locator('#root-counter').click();
  await page.locator('#to-go-page').click();
  await page.waitForURL((url) => url.pathname + url.search === '/base/target?from=page');
  await heading('Target');
  await expect(page.locator('#root-counter').textContent()).resolves.toBe('root-counter 1');
  expect(requested).toContain('/base/_kiln/rsc/go/page.rsc');

  await page.goBack();
  await heading('Post first');
  expect(pathOf()).toBe('/base/posts/first');
  expect(await marker()).toBe(42);
});

it('fetches the page again under the base path after a server edit, keeping client state', async () => {
  const file = path.join(app, 'app/posts/[slug]/page.tsx');
  const before = await readFile(file, 'utf8');
  const after = before.replace('<h1>Post {slug}</h1>', '<h1>Entry {slug}</h1>');
  expect(after).not.toBe(before);
  requested.length = 0;
  await writeFile(file, after);
  await heading('Entry first');
  expect(await marker()).toBe(42);
  await expect(page.locator('#root-counter').textContent()).resolves.toBe('root-counter 1');
  expect(requested).toContain('/base/_kiln/rsc/posts/first.rsc');
  expect(requested.filter((p) => !p.startsWith('/base/'))).toEqual([]);
  expect(errors).toEqual([]);
});
