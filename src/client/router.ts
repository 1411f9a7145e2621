/**
 * Kiln's client router. A navigation fetches the target page's Flight payload and swaps it in
 * as a React transition, so component types that both pages share (their common layouts) keep
 * their state. History entries carry a key; the payload shown under each key is kept, so back
 * and forward show the page again without a request and put the scroll position back.
 *
 * Anything the router cannot do in place ends in a document load: another origin, a URL outside
 * the base path, a payload that fails to load.
 */
import { startTransition } from 'react';
import type { KilnRouter, NavigateOptions } from '../next/navigation.ts';
import type { Payload } from '../render/types.ts';
import { stripBasePath, toPublicHref, type UrlConfig } from './config.ts';
import type { PayloadLoader } from './payloads.ts';

export type ScrollAction = { kind: 'top' } | { kind: 'hash'; hash: string } | { kind: 'restore'; x: number; y: number };

/** Work to do once a state is on screen, exactly once. */
export interface CommitEffect {
  id: number;
  /** History key of the entry that now shows this state. */
  key: string;
  history: { mode: 'push' | 'replace'; url: string } | null;
  scroll: ScrollAction | null;
}

export interface RouterState {
  payload: Payload;
  /** The query string shown, with its '?', or ''. */
  search: string;
  effect: CommitEffect | null;
}

export interface ClientRouter extends KilnRouter {
  getState(): RouterState;
  /** Connects the root component; `set` is called inside a transition. Returns a disconnect. */
  attach(set: (state: RouterState) => void): () => void;
  /** Called by the root after a state is committed to the DOM. */
  committed(state: RouterState): void;
  /** Listens to history; call once, before hydration. */
  start(): void;
  /** `refresh()` with the current page's payload response already in hand (dev, after an edit). */
  refreshWith(response: Response): void;
}

export interface RouterOptions {
  initial: Payload;
  loader: PayloadLoader;
  config: UrlConfig;
}

/** Where Kiln keeps its part of `history.state`, beside anything else the app stores there. */
const STATE_KEY = '__kiln';
/** Payloads kept for back/forward; older entries are fetched again when visited. */
const KEPT_ENTRIES = 50;
/** A redirect chain longer than this ends in a document load, which the server can settle. */
const MAX_REDIRECTS = 10;

interface KilnHistoryState {
  key: string;
  scroll?: { x: number; y: number };
}

interface AppLocation {
  /** Pathname without the base path. */
  pathname: string;
  search: string;
}

export function createRouter(options: RouterOptions): ClientRouter {
  const { loader, config } = options;
  let state: RouterState = { payload: options.initial, search: location.search, effect: null };
  let shown: AppLocation = { pathname: appLocation(new URL(location.href))?.pathname ?? '/', search: location.search };
  let set: ((state: RouterState) => void) | null = null;
  let seq = 0;
  let lastEffect = 0;
  let currentKey = newKey();
  const entries = new Map<string, Payload>();
  const positions = new Map<string, { x: number; y: number }>();

  function appLocation(url: URL): AppLocation | null {
    if (url.origin !== location.origin) return null;
    const pathname = stripBasePath(url.pathname, config.basePath);
    return pathname === null ? null : { pathname, search: url.search };
  }

  function commit(next: RouterState): void {
    state = next;
    const setter = set;
    if (setter) startTransition(() => setter(next));
  }

  function keep(key: string, payload: Payload): void {
    entries.delete(key);
    entries.set(key, payload);
    if (entries.size > KEPT_ENTRIES) entries.delete(entries.keys().next().value!);
  }

  function saveScroll(): void {
    const position = { x: window.scrollX, y: window.scrollY };
    positions.set(currentKey, position);
    writeState('replace', null, { key: currentKey, scroll: position });
  }

  function navigate(href: string, opts: NavigateOptions & { replace?: boolean } = {}, redirects = 0): void {
    const url = new URL(href, location.href);
    const app = appLocation(url);
    if (!app) return documentLoad(url.href, opts.replace ?? false);
    const samePage = app.pathname === shown.pathname && app.search === shown.search;
    if (samePage && url.hash !== '') {
      // Only the fragment changes: no payload, a history entry and a scroll, as a browser does.
      saveScroll();
      const key = newKey();
      keep(key, state.payload);
      writeState(opts.replace ? 'replace' : 'push', url.href, { key });
      currentKey = key;
      if (opts.scroll !== false) applyScroll({ kind: 'hash', hash: url.hash });
      return;
    }
    void go(url, app, opts.replace || samePage ? 'replace' : 'push', opts.scroll !== false, redirects);
  }

  /**
   * The payload for navigation `id`, or null when a newer navigation overtook it or the fetch
   * failed; on failure `fallback` runs (a document load) only if `id` is still the latest.
   */
  async function loadLatest(app: AppLocation, id: number, fallback: () => void, response?: Response): Promise<Payload | null> {
    try {
      const payload = await (response ? loader.fromResponse(app.pathname, response) : loader.load(app.pathname));
      return id === seq ? payload : null;
    } catch {
      if (id === seq) fallback();
      return null;
    }
  }

  async function go(url: URL, app: AppLocation, mode: 'push' | 'replace', scroll: boolean, redirects: number): Promise<void> {
    const id = ++seq;
    saveScroll();
    const payload = await loadLatest(app, id, () => documentLoad(url.href, mode === 'replace'));
    if (!payload) return;
    const redirect = redirectOf(payload);
    if (redirect !== null) return follow(redirect, url, mode === 'replace', scroll, redirects);
    shown = app;
    const action: ScrollAction | null = scroll ? (url.hash ? { kind: 'hash', hash: url.hash } : { kind: 'top' }) : null;
    commit({ payload, search: app.search, effect: { id, key: newKey(), history: { mode, url: url.href }, scroll: action } });
  }

  /**
   * Goes where a page's payload redirects (its `redirect`, an app URL as written). `replace`:
   * the redirecting URL already has a history entry (back, forward, refresh), which the target
   * takes over; a push that redirects pushes the target instead. A chain that does not end loads
   * `from` as a document, for the server to settle.
   */
  function follow(redirect: string, from: URL, replace: boolean, scroll: boolean, redirects: number): void {
    if (redirects >= MAX_REDIRECTS) return documentLoad(from.href, replace);
    navigate(toPublicHref(redirect, config), { replace, scroll }, redirects + 1);
  }

  async function onPopState(event: PopStateEvent): Promise<void> {
    const url = new URL(location.href);
    const app = appLocation(url);
    if (!app) return location.reload();
    positions.set(currentKey, { x: window.scrollX, y: window.scrollY });
    const saved = kilnState(event.state);
    const samePage = app.pathname === shown.pathname && app.search === shown.search;
    if (!saved && samePage) {
      // An entry the browser made for a plain `#fragment` link: adopt it; the page stays.
      currentKey = newKey();
      keep(currentKey, state.payload);
      writeState('replace', null, { key: currentKey });
      return;
    }
    const id = ++seq;
    let payload = saved ? entries.get(saved.key) : undefined;
    if (!payload) {
      payload = (await loadLatest(app, id, () => location.reload())) ?? undefined;
      if (!payload) return;
      const redirect = redirectOf(payload);
      if (redirect !== null) {
        // The entry gone back to now redirects: the target replaces it, as a load of it would.
        // It is the entry shown from here on, so its key is the one scroll is saved under.
        currentKey = saved?.key ?? newKey();
        return follow(redirect, url, true, true, 0);
      }
    }
    shown = app;
    const position = saved ? (positions.get(saved.key) ?? saved.scroll) : undefined;
    commit({
      payload,
      search: app.search,
      effect: {
        id,
        key: saved?.key ?? newKey(),
        history: saved ? null : { mode: 'replace', url: url.href },
        scroll: position ? { kind: 'restore', ...position } : { kind: 'top' },
      },
    });
  }

  async function refresh(response?: Response): Promise<void> {
    loader.clear();
    entries.clear();
    const url = new URL(location.href);
    const app = appLocation(url);
    if (!app) return location.reload();
    const id = ++seq;
    const payload = await loadLatest(app, id, () => location.reload(), response);
    if (!payload) return;
    const redirect = redirectOf(payload);
    if (redirect !== null) return follow(redirect, url, true, true, 0);
    shown = app;
    commit({ payload, search: app.search, effect: { id, key: currentKey, history: null, scroll: null } });
  }

  function prefetchUrl(href: string): void {
    const app = appLocation(new URL(href, location.href));
    if (app) loader.prefetch(app.pathname);
  }

  return {
    push: (href, opts) => navigate(toPublicHref(href, config), { ...opts, replace: false }),
    replace: (href, opts) => navigate(toPublicHref(href, config), { ...opts, replace: true }),
    back: () => history.back(),
    forward: () => history.forward(),
    refresh: () => void refresh(),
    refreshWith: (response) => void refresh(response),
    prefetch: (href) => prefetchUrl(toPublicHref(href, config)),
    prefetchUrl,
    navigate: (href, opts) => navigate(href, opts),
    handles: (href) => appLocation(new URL(href, location.href)) !== null,
    getState: () => state,
    attach(setter) {
      set = setter;
      setter(state);
      return () => {
        if (set === setter) set = null;
      };
    },
    committed(shownState) {
      const effect = shownState.effect;
      if (!effect || effect.id <= lastEffect) return;
      lastEffect = effect.id;
      if (effect.history) writeState(effect.history.mode, effect.history.url, { key: effect.key });
      currentKey = effect.key;
      keep(effect.key, shownState.payload);
      if (effect.scroll) applyScroll(effect.scroll);
    },
    start() {
      const saved = kilnState(history.state);
      if (saved) currentKey = saved.key;
      keep(currentKey, state.payload);
      writeState('replace', null, { key: currentKey, ...(saved?.scroll ? { scroll: saved.scroll } : {}) });
      // A reload of an entry the router made: the browser leaves scrolling to us.
      if (saved?.scroll && history.scrollRestoration === 'manual') window.scrollTo(saved.scroll.x, saved.scroll.y);
      window.addEventListener('popstate', (event) => void onPopState(event));
      window.addEventListener('pagehide', saveScroll);
    },
  };
}

/** Where a page's payload says to go instead (`redirect()` on the server), or null. */
function redirectOf(payload: Payload): string | null {
  const redirect: unknown = payload.redirect;
  return typeof redirect === 'string' && redirect !== '' ? redirect : null;
}

function documentLoad(href: string, replace: boolean): void {
  if (replace) location.replace(href);
  else location.assign(href);
}

function newKey(): string {
  return Math.random().toString(36).slice(2, 10);
}

function kilnState(value: unknown): KilnHistoryState | null {
  if (typeof value !== 'object' || value === null) return null;
  const saved = (value as Record<string, unknown>)[STATE_KEY] as KilnHistoryState | undefined;
  return saved && typeof saved.key === 'string' ? saved : null;
}

/**
 * Writes Kiln's part of the history state. A pushed entry starts clean; a replaced one keeps
 * what others stored. Restoring scroll is the router's job from the first navigation on.
 */
function writeState(mode: 'push' | 'replace', url: string | null, saved: KilnHistoryState): void {
  if ('scrollRestoration' in history && mode === 'push') history.scrollRestoration = 'manual';
  const base = mode === 'replace' && typeof history.state === 'object' && history.state !== null ? history.state : {};
  const data = { ...base, [STATE_KEY]: saved };
  if (mode === 'push') history.pushState(data, '', url);
  else history.replaceState(data, '', url ?? undefined);
}

function applyScroll(action: ScrollAction): void {
  if (action.kind === 'restore') return window.scrollTo(action.x, action.y);
  if (action.kind === 'hash') {
    const id = safeDecode(action.hash.slice(1));
    const target = document.getElementById(id) ?? document.getElementsByName(id)[0];
    if (target) return target.scrollIntoView();
  }
  window.scrollTo(0, 0);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
