/**
 * A `"use client"` page's `params` in Chromium, from `kiln start` and `kiln dev` (the
 * next-params fixture): the page hydrates without errors, reading `params.slug` and
 * `use(params)` on the client as the server did, and stays interactive.
 */
import { rm } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from '../helpers/browser.ts';
import { runKiln, startKiln } from '../helpers/cli.ts';
import { installedFixture } from '../integration/dev-helpers.ts';

let browser: Browser;
let app: string;

beforeAll(async () => {
  app = await installedFixture('next-params');
  const built = await runKiln(['build', app]);
  expect(built.code, built.stderr).toBe(0);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  if (app) await rm(app, { recursive: true, force: true });
});

describe.each(['start', 'dev'])('kiln %s', (command) => {
  let server: Awaited<ReturnType<typeof startKiln>>;
  beforeAll(async () => {
    server = await startKiln([command, app, '--port', '0', '--host', '127.0.0.1']);
  });
  afterAll(async () => {
    expect(await server?.stop()).toBe(0);
  });

  it('hydrates a client page with params usable as params.slug and use(params)', async () => {
    const { page, errors } = await openPage(browser);
    try {
      await page.goto(`${server.url}/client/b%20c`);
      expect(await page.textContent('h1')).toBe('Client sync=b c use=b c');
      await page.waitForSelector('#click[data-hydrated="true"]', { timeout: 15_000 });
      await page.locator('#click').click();
      await page.waitForFunction(() => document.querySelector('#click')?.textContent === 'clicked 1 for b c', null, { timeout: 15_000 });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
