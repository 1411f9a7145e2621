/**
 * Just enough of a browser's `location`, `history` and `window` for the client router's unit
 * tests: a session history whose entries tests can read, document loads recorded instead of
 * made, and `back()` firing `popstate` as a browser does (after the entry has changed).
 */
import { vi } from 'vitest';

export interface FakeEntry {
  url: string;
  state: unknown;
}

export interface FakeBrowser {
  /** The session history, oldest first. */
  entries: FakeEntry[];
  /** Index of the current entry in `entries`. */
  index(): number;
  /** Document loads the page asked for: `assign`, `replace` or `reload`, with the URL. */
  loads: string[];
  restore(): void;
}

/** Installs the fake globals; `entries` is the history to start with (the last is current). */
export function installBrowser(origin: string, entries: FakeEntry[]): FakeBrowser {
  const list = entries.map((e) => ({ ...e, url: new URL(e.url, origin).href }));
  let at = list.length - 1;
  const loads: string[] = [];
  const listeners = new Map<string, Array<(event: unknown) => void>>();
  const current = () => new URL(list[at].url);

  const location = {
    get href() {
      return current().href;
    },
    get origin() {
      return current().origin;
    },
    get pathname() {
      return current().pathname;
    },
    get search() {
      return current().search;
    },
    get hash() {
      return current().hash;
    },
    assign: (url: string) => loads.push(`assign ${new URL(url, current()).href}`),
    replace: (url: string) => loads.push(`replace ${new URL(url, current()).href}`),
    reload: () => loads.push(`reload ${current().href}`),
  };

  const history = {
    scrollRestoration: 'auto',
    get state() {
      return list[at].state;
    },
    get length() {
      return list.length;
    },
    pushState(state: unknown, _title: string, url?: string | null) {
      list.splice(at + 1, list.length, { url: new URL(url ?? list[at].url, current()).href, state: structuredClone(state) });
      at++;
    },
    replaceState(state: unknown, _title: string, url?: string | null) {
      list[at] = { url: new URL(url ?? list[at].url, current()).href, state: structuredClone(state) };
    },
    back() {
      go(-1);
    },
    forward() {
      go(1);
    },
  };

  function go(delta: number): void {
    if (at + delta < 0 || at + delta >= list.length) return;
    at += delta;
    const state = structuredClone(list[at].state);
    for (const listener of listeners.get('popstate') ?? []) listener({ type: 'popstate', state });
  }

  const window = {
    scrollX: 0,
    scrollY: 0,
    scrollTo(x: number, y: number) {
      window.scrollX = x;
      window.scrollY = y;
    },
    addEventListener(type: string, listener: (event: unknown) => void) {
      listeners.set(type, [...(listeners.get(type) ?? []), listener]);
    },
  };

  const document = {
    getElementById: () => null,
    getElementsByName: () => [],
  };

  vi.stubGlobal('location', location);
  vi.stubGlobal('history', history);
  vi.stubGlobal('window', window);
  vi.stubGlobal('document', document);
  return {
    entries: list,
    index: () => at,
    loads,
    restore: () => vi.unstubAllGlobals(),
  };
}
