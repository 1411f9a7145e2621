/**
 * Tailwind in Chromium, for an app set up like today's create-next-app starter (no PostCSS
 * config): the utilities style the page in `kiln start` and `kiln dev`, and in `kiln dev` a class
 * changed in a server component restyles the page in place, without a reload.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, openPage } from '../helpers/browser.ts';
import { runKiln, startKiln } from '../helpers/cli.ts';
import { appWith } from '../integration/app-css-helpers.ts';

let browser: Browser;
let app: string;

beforeAll(async () => {
  app = await appWith('tailwind-auto', ['tailwindcss']);
  const built = await runKiln(['build', app]);
  expect(built.code, built.stderr).toBe(0);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  if (app) await rm(app, { recursive: true, force: true });
});

const headingSize = (page: Page) => page.evaluate(() => getComputedStyle(document.querySelector('h1')!).fontSize);

test('kiln start: the page is styled by the utilities it uses', async () => {
  const server = await startKiln(['start', app, '--port', '0', '--host', '127.0.0.1']);
  const { page } = await openPage(browser);
  try {
    await page.goto(server.url);
    expect(await headingSize(page)).toBe('30px'); // text-3xl
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('button')!).borderTopStyle)).toBe('solid'); // border, in a client component
  } finally {
    await page.close();
    await server.stop();
  }
});

test('kiln dev: a class changed in a page restyles it in place', async () => {
  const server = await startKiln(['dev', app, '--port', '0', '--host', '127.0.0.1'], { timeoutMs: 60_000 });
  const { page } = await openPage(browser);
  try {
    // The edit comes once the page has hydrated and listens for updates, as in a developer's open tab.
    const connected = page.waitForEvent('console', { predicate: (m) => m.text().includes('[vite] connected'), timeout: 30_000 });
    await page.goto(server.url, { waitUntil: 'networkidle' });
    await connected;
    expect(await headingSize(page)).toBe('30px');
    await page.evaluate(() => Object.assign(window, { kilnMarker: true }));
    const file = path.join(app, 'app/page.tsx');
    await writeFile(file, (await readFile(file, 'utf8')).replace('text-3xl', 'text-7xl'));
    await page.waitForFunction(() => getComputedStyle(document.querySelector('h1')!).fontSize === '72px', null, { timeout: 15_000 });
    expect(await page.evaluate(() => (window as { kilnMarker?: boolean }).kilnMarker)).toBe(true);
  } finally {
    await page.close();
    await server.stop();
  }
});
