/**
 * Client navigation in Chromium, against `kiln start` (prerendered payload files) and `kiln dev`
 * (payloads rendered on request): links swap pages without a document load, shared layouts keep
 * their state, back and forward restore page and scroll, the navigation hooks follow, and a
 * prefetched payload is not fetched again on click.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from '../helpers/browser.ts';
import { copyFixture, fixture, runKiln, startKiln } from '../helpers/cli.ts';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

interface Session {
  page: Page;
  errors: string[];
  /** Paths (with query) of every request the page made. */
  requests: string[];
}

const MARKER = 'kilnNavMarker';

describe.each(['start', 'dev'] as const)('kiln %s', (command) => {
  let server: Awaited<ReturnType<typeof startKiln>>;

  beforeAll(async () => {
    // The build goes to a private copy. `kiln dev` serves the fixture in place: it writes
    // nothing there but Vite's dependency cache, and it cannot yet serve an app that has no
    // node_modules of its own (React is then not pre-bundled for the browser).
    const app = command === 'start' ? await copyFixture('nav') : fixture('nav');
    if (command === 'start') {
      const built = await runKiln(['build', app]);
      expect(built.code, built.stdout + built.stderr).toBe(0);
    }
    server = await startKiln([command, app, '--port', '0', '--host', '127.0.0.1']);
  });

  afterAll(async () => {
    await server?.stop();
  });

  async function open(pathname: string): Promise<Session> {
    const { page, errors } = await openPage(browser);
    const requests: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      requests.push(url.pathname + url.search);
    });
    await page.goto(server.url + pathname);
    // The router marks the history entry before React hydrates; a click is only the router's
    // once the layout's counter has run its effect.
    await page.waitForSelector('#layout-counter[data-hydrated="true"]');
    await page.waitForFunction(() => (history.state as { __kiln?: unknown } | null)?.__kiln !== undefined);
    await page.evaluate((name) => ((window as unknown as Record<string, number>)[name] = 42), MARKER);
    return { page, errors, requests };
  }

  const marker = (page: Page): Promise<unknown> => page.evaluate((name) => (window as unknown as Record<string, unknown>)[name], MARKER);
  const heading = (page: Page, text: string) => page.locator('h1', { hasText: text }).waitFor();
  const pathOf = (page: Page): string => new URL(page.url()).pathname + new URL(page.url()).search;
  const documents = (s: Session): string[] => s.requests.filter((r) => !r.startsWith('/_kiln/') && !/[./@]/.test(r.slice(1)));

  it('changes the page on a link click without a document load', async () => {
    const s = await open('/');
    await s.page.locator('#to-about').click();
    await heading(s.page, 'About');
    expect(pathOf(s.page)).toBe('/about');
    await expect(s.page.title()).resolves.toBe('About · Nav');
    expect(await marker(s.page)).toBe(42);
    expect(documents(s)).toEqual(['/']);
    expect(s.requests).toContain('/_kiln/rsc/about.rsc');
    expect(s.errors).toEqual([]);
    await s.page.close();
  });

  it('keeps the state of a client component in the shared layout', async () => {
    const s = await open('/');
    const counter = s.page.locator('#layout-counter');
    await counter.click();
    await counter.click();
    await counter.click();
    await expect(counter.textContent()).resolves.toBe('layout count 3');
    await s.page.locator('#to-first').click();
    await heading(s.page, 'Post first');
    await s.page.locator('#to-other-post').click();
    await heading(s.page, 'Post second');
    await expect(counter.textContent()).resolves.toBe('layout count 3');
    expect(await marker(s.page)).toBe(42);
    await s.page.close();
  });

  it('shows the new pathname, params and query in usePathname, useParams and useSearchParams', async () => {
    const s = await open('/posts/first');
    const probe = s.page.locator('#probe');
    await expect(probe.textContent()).resolves.toBe('path=/posts/first params={"slug":"first"} search=');
    await s.page.locator('#to-other-post').click();
    await heading(s.page, 'Post second');
    await expect(probe.textContent()).resolves.toBe('path=/posts/second params={"slug":"second"} search=');
    await s.page.locator('#push-about').click();
    await heading(s.page, 'About');
    expect(pathOf(s.page)).toBe('/about?from=router');
    await expect(probe.textContent()).resolves.toBe('path=/about params={} search=from=router');
    expect(await marker(s.page)).toBe(42);
    await s.page.close();
  });

  it('restores the page and its scroll position on back and forward', async () => {
    const s = await open('/long');
    await s.page.locator('#long-to-about').scrollIntoViewIfNeeded();
    const scrolled = await s.page.evaluate(() => window.scrollY);
    expect(scrolled).toBeGreaterThan(1500);
    await s.page.locator('#long-to-about').click();
    await heading(s.page, 'About');
    expect(await s.page.evaluate(() => window.scrollY)).toBe(0);

    await s.page.goBack();
    await heading(s.page, 'Long');
    expect(pathOf(s.page)).toBe('/long');
    await s.page.waitForFunction((y) => window.scrollY === y, scrolled);

    await s.page.goForward();
    await heading(s.page, 'About');
    expect(pathOf(s.page)).toBe('/about');
    await s.page.waitForFunction(() => window.scrollY === 0);
    expect(await marker(s.page)).toBe(42);
    expect(documents(s)).toEqual(['/long']);
    await s.page.close();
  });

  it('prefetches a link once it is in view, and the click that follows fetches nothing more', async () => {
    const s = await open('/');
    const payload = '/_kiln/rsc/about.rsc';
    const far = '/_kiln/rsc/far.rsc';
    await expect.poll(() => s.requests.includes(payload)).toBe(true);
    // The "Far away" link sits 4000px down: not seen, not prefetched.
    expect(s.requests).not.toContain(far);
    await s.page.locator('#to-about').click();
    await heading(s.page, 'About');
    expect(s.requests.filter((r) => r === payload)).toEqual([payload]);

    await s.page.goBack();
    await heading(s.page, 'Home');
    const prefetched = s.page.waitForResponse((r) => new URL(r.url()).pathname === far);
    await s.page.locator('#to-far').scrollIntoViewIfNeeded();
    await prefetched;
    await s.page.locator('#to-far').click();
    await heading(s.page, 'Far');
    expect(s.requests.filter((r) => r === far)).toEqual([far]);
    expect(await marker(s.page)).toBe(42);
    await s.page.close();
  });
});
