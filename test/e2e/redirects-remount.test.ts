/**
 * A built app under `basePath: '/base'`, served by `kiln start`'s server, in Chromium:
 * - `redirect()` / `permanentRedirect()` from a page, a layout and `generateMetadata` answer
 *   307/308 with a `Location` under the base path; the client router follows a redirect payload
 *   without a document load;
 * - a navigation that changes a segment's param remounts the page below it (its client state
 *   resets) while the layouts above keep theirs.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build/index.ts';
import type { RscEntry } from '../../src/render/types.ts';
import { startServer, type RunningServer } from '../../src/server/index.ts';
import { launchBrowser, openPage } from '../helpers/browser.ts';
import { fixture } from '../helpers/cli.ts';

let browser: Browser;
let server: RunningServer;
let parent: string;
let outDir: string;

beforeAll(async () => {
  parent = await mkdtemp(path.join(tmpdir(), 'kiln-redirects-'));
  outDir = path.join(parent, 'dist');
  await build({ root: fixture('redirects'), outDir, log: () => {} });
  // The build records next.config's URL layout for the server.
  const manifest = JSON.parse(await readFile(path.join(outDir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  expect([manifest.basePath, manifest.trailingSlash]).toEqual(['/base', false]);
  server = await startServer({ outDir, port: 0, host: '127.0.0.1', isr: { log: () => {} } });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (parent) await rm(parent, { recursive: true, force: true });
});

async function fetchManual(pathname: string): Promise<{ status: number; location: string | null; type: string | null; text: string }> {
  const response = await fetch(server.url + pathname, { redirect: 'manual' });
  return { status: response.status, location: response.headers.get('location'), type: response.headers.get('content-type'), text: await response.text() };
}

describe('redirect() on the server', () => {
  it('answers 307 (308 for permanentRedirect) with the Location under the base path', async () => {
    expect(await fetchManual('/base/go/page')).toMatchObject({ status: 307, location: '/base/target?from=page' });
    expect(await fetchManual('/base/go/permanent')).toMatchObject({ status: 308, location: '/base/target?from=permanent' });
    expect(await fetchManual('/base/go/meta')).toMatchObject({ status: 307, location: '/base/target?from=metadata' });
    expect(await fetchManual('/base/moved/x')).toMatchObject({ status: 307, location: '/base/target?from=layout' });
    const doc = await fetchManual('/base/go/page');
    expect(doc.text).toContain('<meta http-equiv="refresh" content="0;url=/base/target?from=page">');
    expect((await fetchManual('/base/go/other')).status).toBe(200);
  });

  it("the rsc entry's own handler (kiln dev's) answers the same, and knows the base path", async () => {
    const { kiln } = (await import(pathToFileURL(path.join(outDir, 'server/rsc/index.js')).href)) as { kiln: RscEntry };
    expect(kiln.urlConfig).toEqual({ basePath: '/base', trailingSlash: false });
    const document = await kiln.handler(new Request('http://localhost/base/go/permanent'));
    expect([document.status, document.headers.get('location')]).toEqual([308, '/base/target?from=permanent']);
    const payload = await kiln.handler(new Request('http://localhost/base/_kiln/rsc/go/page.rsc'));
    expect([payload.status, payload.headers.get('location')]).toEqual([200, null]);
    const rendered = await kiln.renderPath('/moved/x');
    expect([rendered.status, rendered.location]).toEqual([307, '/base/target?from=layout']);
  });

  it('serves the payload of a redirecting page with 200, for the client router', async () => {
    const payload = await fetchManual('/base/_kiln/rsc/go/page.rsc');
    expect([payload.status, payload.location, payload.type]).toEqual([200, null, 'text/x-component']);
    expect(payload.text).toContain('/target?from=page');
  });
});

describe('in the browser', () => {
  const MARKER = 'kilnRedirectMarker';

  async function open(pathname: string): Promise<{ page: Page; errors: string[] }> {
    const opened = await openPage(browser);
    opened.page.on('response', (r) => {
      if (r.status() >= 400) opened.errors.push(`${r.status()} ${new URL(r.url()).pathname}`);
    });
    await opened.page.goto(server.url + pathname);
    // After hydration: a click before it would be a plain link's document load.
    await opened.page.waitForSelector('#root-counter[data-hydrated="true"]');
    await opened.page.evaluate((name) => ((window as unknown as Record<string, number>)[name] = 42), MARKER);
    return opened;
  }
  const marker = (page: Page) => page.evaluate((name) => (window as unknown as Record<string, unknown>)[name], MARKER);
  const heading = (page: Page, text: string) => page.locator('h1', { hasText: text }).waitFor();
  const pathOf = (page: Page) => new URL(page.url()).pathname + new URL(page.url()).search;

  it('lands on the target when a document request redirects', async () => {
    const { page, errors } = await open('/base/go/page');
    await heading(page, 'Target');
    expect(pathOf(page)).toBe('/base/target?from=page');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('follows a redirect from a page, generateMetadata or a layout during client navigation, without a document load', async () => {
    const { page, errors } = await open('/base');
    for (const [link, from] of [['#to-go-page', 'page'], ['#to-go-meta', 'metadata'], ['#to-moved', 'layout']]) {
      await page.locator(link).click();
      await page.waitForURL((url) => url.pathname + url.search === `/base/target?from=${from}`);
      await heading(page, 'Target');
      await page.locator('#to-home').click();
      await heading(page, 'Home');
    }
    expect(await marker(page)).toBe(42);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('remounts the page when its param changes, keeping the state of the layouts above', async () => {
    const { page, errors } = await open('/base/posts/first');
    const click = async (id: string, times: number) => {
      for (let i = 0; i < times; i++) await page.locator(`#${id}`).click();
    };
    await click('root-counter', 3);
    await click('posts-counter', 2);
    await click('page-counter', 1);
    await expect(page.locator('#page-counter').textContent()).resolves.toBe('page-counter 1');
    await page.locator('#to-other').click();
    await heading(page, 'Post second');
    expect(pathOf(page)).toBe('/base/posts/second');
    await expect(page.locator('#page-counter').textContent()).resolves.toBe('page-counter 0');
    await expect(page.locator('#posts-counter').textContent()).resolves.toBe('posts-counter 2');
    await expect(page.locator('#root-counter').textContent()).resolves.toBe('root-counter 3');
    expect(await marker(page)).toBe(42);
    expect(errors).toEqual([]);
    await page.close();
  });
});
