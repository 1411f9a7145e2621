import { afterEach, describe, expect, test } from 'vitest';
import type { Payload } from '../render/types.ts';
import type { PayloadLoader } from './payloads.ts';
import { createRouter } from './router.ts';
import { installBrowser, type FakeBrowser, type FakeEntry } from './test-browser.ts';

const ORIGIN = 'http://app.test';
const config = { basePath: '/base', trailingSlash: false };

function page(pathname: string): Payload {
  return { root: `page ${pathname}`, pathname, params: {}, status: 200 };
}

function redirecting(pathname: string, to: string): Payload {
  return { root: null, pathname, params: {}, status: 307, redirect: to };
}

let browser: FakeBrowser | null = null;

afterEach(() => {
  browser?.restore();
  browser = null;
});

/**
 * A router over a fake browser whose history is `entries` (the last one shown, as `initial`),
 * with a root that commits every state it is given, as BrowserRoot's layout effect does.
 */
function setup(pages: Record<string, Payload>, entries: FakeEntry[], initial: Payload) {
  browser = installBrowser(ORIGIN, entries);
  const loaded: string[] = [];
  const loader: PayloadLoader = {
    async load(pathname) {
      loaded.push(pathname);
      const payload = pages[pathname];
      if (!payload) throw new Error(`no payload for ${pathname}`);
      return payload;
    },
    prefetch() {},
    clear() {},
    async fromResponse(pathname, response) {
      loaded.push(`${pathname} (given)`);
      return JSON.parse(await response.text()) as Payload;
    },
  };
  const router = createRouter({ initial, loader, config });
  router.start();
  const shown: Payload[] = [];
  router.attach((state) => {
    if (state.effect === null) return;
    shown.push(state.payload);
    router.committed(state);
  });
  return { router, loaded, shown, browser, urls: () => browser!.entries.map((e) => e.url.slice(ORIGIN.length)) };
}

/** Lets the loader's promises and the router's continuations run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

const pages = {
  '/go/page': redirecting('/go/page', '/target?from=page'),
  '/target': page('/target'),
  '/posts/first': page('/posts/first'),
  '/loop': redirecting('/loop', '/loop'),
};

describe('a payload that redirects', () => {
  test('going back to an entry whose page now redirects shows the target in that entry', async () => {
    const s = setup(pages, [{ url: '/base/go/page', state: { __kiln: { key: 'earlier' } } }, { url: '/base/posts/first', state: null }], page('/posts/first'));
    history.back();
    await settle();
    expect(s.loaded).toEqual(['/go/page', '/target']);
    // The redirect's own payload (root null: a blank page) is never shown.
    expect(s.shown).toEqual([page('/target')]);
    expect(s.urls()).toEqual(['/base/target?from=page', '/base/posts/first']);
    expect(s.browser.index()).toBe(0);
    expect(s.browser.loads).toEqual([]);
  });

  test('refresh() of a page that now redirects shows the target in the current entry', async () => {
    const s = setup(pages, [{ url: '/base/posts/first', state: null }, { url: '/base/go/page', state: null }], page('/go/page'));
    s.router.refresh();
    await settle();
    expect(s.loaded).toEqual(['/go/page', '/target']);
    expect(s.shown).toEqual([page('/target')]);
    expect(s.urls()).toEqual(['/base/posts/first', '/base/target?from=page']);
    expect(s.browser.index()).toBe(1);
    expect(s.browser.loads).toEqual([]);
  });

  test('refreshWith() shows the payload it is given without fetching it again', async () => {
    const s = setup(pages, [{ url: '/base/posts/first', state: null }], page('/posts/first'));
    const edited = { ...page('/posts/first'), params: { edited: 'yes' } };
    s.router.refreshWith(new Response(JSON.stringify(edited)));
    await settle();
    expect(s.loaded).toEqual(['/posts/first (given)']);
    expect(s.shown).toEqual([edited]);
    expect(s.urls()).toEqual(['/base/posts/first']);
    expect(s.browser.loads).toEqual([]);
  });

  test('push() to a page that redirects pushes the target, keeping the entry it left', async () => {
    const s = setup(pages, [{ url: '/base/posts/first', state: null }], page('/posts/first'));
    s.router.push('/go/page');
    await settle();
    expect(s.loaded).toEqual(['/go/page', '/target']);
    expect(s.shown).toEqual([page('/target')]);
    expect(s.urls()).toEqual(['/base/posts/first', '/base/target?from=page']);
    expect(s.browser.index()).toBe(1);
  });

  test('a redirect chain that does not end, met going back, becomes a document load of the entry', async () => {
    const s = setup(pages, [{ url: '/base/loop', state: null }, { url: '/base/posts/first', state: null }], page('/posts/first'));
    history.back();
    await settle();
    expect(s.loaded).toEqual(Array(11).fill('/loop'));
    expect(s.shown).toEqual([]);
    expect(s.browser.loads).toEqual([`replace ${ORIGIN}/base/loop`]);
  });

  test('a redirect chain that does not end, met by refresh(), becomes a document load', async () => {
    const s = setup(pages, [{ url: '/base/loop', state: null }], page('/loop'));
    s.router.refresh();
    await settle();
    expect(s.loaded).toEqual(Array(11).fill('/loop'));
    expect(s.shown).toEqual([]);
    expect(s.browser.loads).toEqual([`replace ${ORIGIN}/base/loop`]);
  });
});

test('links to the root under a base path use the spelling the server answers without a redirect', async () => {
  const s = setup(pages, [{ url: '/base/posts/first', state: null }], page('/posts/first'));
  s.router.push('/');
  await settle();
  // No payload for '/' here: the router falls back to a document load of the public URL.
  expect(s.loaded).toEqual(['/']);
  expect(s.browser.loads).toEqual([`assign ${ORIGIN}/base`]);
});
