/**
 * `kiln dev` in Chromium, on a private copy of the dev-app fixture: a server component edit
 * refreshes the page in place (a client component keeps its state), a client component edit
 * keeps its state too (Fast Refresh), a render error shows an overlay naming the file and route,
 * which goes away once the file is fixed, and a page that fails on load shows an error page that
 * turns into the page after the fix.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKiln } from '../helpers/cli.ts';
import { installedFixture } from '../integration/dev-helpers.ts';
import { launchBrowser, openPage } from '../helpers/browser.ts';

let app: string;
let server: Awaited<ReturnType<typeof startKiln>>;
let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  app = await installedFixture('dev-app');
  server = await startKiln(['dev', app, '--port', '0', '--host', '127.0.0.1']);
  browser = await launchBrowser();
  ({ page, errors } = await openPage(browser));
  await page.goto(`${server.url}/`);
  await page.waitForSelector('#counter[data-hydrated="true"]');
});

afterAll(async () => {
  await browser?.close();
  expect(await server?.stop()).toBe(0);
  await rm(app, { recursive: true, force: true });
});

/** Replaces each `[from, to]` pair in one write, as an editor's save does. */
async function edit(file: string, ...changes: Array<[string, string]>): Promise<void> {
  const full = path.join(app, file);
  let text = await readFile(full, 'utf8');
  for (const [from, to] of changes) {
    expect(text).toContain(from);
    text = text.replace(from, to);
  }
  await writeFile(full, text);
}

const counter = () => page.textContent('#counter');

describe('live editing in the browser', () => {
  it('refreshes a server component edit in place: the client component keeps its state', async () => {
    for (let i = 0; i < 3; i++) await page.click('#counter');
    expect(await counter()).toBe('clicked 3 times');
    // A full reload would lose this.
    await page.evaluate(() => ((window as unknown as Record<string, unknown>).__sameDocument = true));
    const payloads: string[] = [];
    const onRequest = (request: { url(): string }) => {
      if (request.url().includes('/_kiln/rsc')) payloads.push(new URL(request.url()).pathname);
    };
    page.on('request', onRequest);

    await edit('app/page.tsx', ['<h1 id="title">Home</h1>', '<h1 id="title">Home, edited</h1>']);
    await page.waitForFunction(() => document.querySelector('#title')?.textContent === 'Home, edited');
    page.off('request', onRequest);
    expect(await counter()).toBe('clicked 3 times');
    // The check for a server error and the refresh share one request per change the watcher
    // reports; a single save may be reported twice (truncate, then write), so count at most two.
    expect(payloads.length).toBeGreaterThanOrEqual(1);
    expect(payloads.length).toBeLessThanOrEqual(2);
    expect(new Set(payloads)).toEqual(new Set(['/_kiln/rsc.rsc']));
    expect(await page.evaluate(() => (window as unknown as Record<string, unknown>).__sameDocument)).toBe(true);
  });

  it('keeps a client component state across an edit of that component (Fast Refresh)', async () => {
    await edit('app/_lib/counter.tsx', ['clicked {count} times', 'pressed {count} times']);
    await page.waitForFunction(() => document.querySelector('#counter')?.textContent === 'pressed 3 times');
    expect(await page.evaluate(() => (window as unknown as Record<string, unknown>).__sameDocument)).toBe(true);
  });

  it('shows an error overlay with the file, route and message, and clears it after the fix', async () => {
    const boom = "function Boom(): never {\n  throw new Error('boom in the home page');\n}\n\n";
    await edit('app/page.tsx', ['<Counter />', '<Counter />\n      <Boom />'], ['export default function Home', `${boom}export default function Home`]);
    const overlay = page.locator('#kiln-dev-overlay');
    await overlay.waitFor();
    expect(await overlay.getAttribute('data-code')).toBe('RENDER_FAILED');
    const text = await overlay.locator('.where').textContent();
    expect(text).toBe('file app/page.tsx · route / · path /');
    expect(await overlay.locator('.message').textContent()).toContain(
      'Rendering / (route /) failed in app/page.tsx: boom in the home page.',
    );
    // The page under the overlay is the last good one, still live.
    expect(await counter()).toBe('pressed 3 times');
    expect(server.output()).toContain('error Rendering / (route /) failed in app/page.tsx: boom in the home page.');

    await edit('app/page.tsx', ['<Counter />\n      <Boom />', '<Counter />'], ['Home, edited', 'Home, fixed']);
    await overlay.waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.querySelector('#title')?.textContent === 'Home, fixed');
    expect(await counter()).toBe('pressed 3 times');
    expect(await page.evaluate(() => (window as unknown as Record<string, unknown>).__sameDocument)).toBe(true);
  });

  it('shows a page that fails on load as an error page, which reloads into the page once fixed', async () => {
    await page.goto(`${server.url}/invalid/1`);
    const error = page.locator('#kiln-dev-error');
    expect(await error.getAttribute('data-code')).toBe('PARAMS_VALUE_TYPE');
    expect(await error.locator('.where').textContent()).toBe('file app/invalid/[id]/page.tsx · route /invalid/[id] · path /invalid/1');
    expect(await error.locator('.message').textContent()).toContain('returned { id: 1 } at index 0; "id" must be a string (got number)');

    await edit('app/invalid/[id]/page.tsx', ['[{ id: 1 }]', "[{ id: '1' }]"], ['never rendered', 'rendered once fixed']);
    await page.waitForFunction(() => document.body.textContent?.includes('rendered once fixed'));
    expect(await error.count()).toBe(0);
  });

  it('logged no browser errors but the failed requests for the broken pages', () => {
    expect(new Set(errors)).toEqual(new Set(['Failed to load resource: the server responded with a status of 500 (Internal Server Error)']));
  });
});
