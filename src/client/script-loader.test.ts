import { beforeEach, expect, test, vi } from 'vitest';
import { loadScript, resetScripts, scriptAttributes, scriptKey } from './script-loader.ts';

/** Just enough of a document: elements that record attributes and fire their own events. */
class FakeScript {
  attributes: Record<string, string> = {};
  src = '';
  text = '';
  id = '';
  #listeners = new Map<string, Array<(e: Event) => void>>();
  setAttribute(name: string, value: string): void {
    this.attributes[name] = value;
  }
  getAttribute(name: string): string | null {
    return this.attributes[name] ?? null;
  }
  addEventListener(type: string, fn: (e: Event) => void): void {
    this.#listeners.set(type, [...(this.#listeners.get(type) ?? []), fn]);
  }
  fire(type: string): void {
    for (const fn of this.#listeners.get(type) ?? []) fn(new Event(type));
  }
}

function fakeDocument(serverScripts: FakeScript[] = []) {
  const added: FakeScript[] = [];
  const doc = {
    createElement: () => new FakeScript(),
    body: { appendChild: (el: FakeScript) => added.push(el) },
    querySelectorAll: () => serverScripts,
  };
  return { doc: doc as unknown as Document, added };
}

beforeEach(() => resetScripts());

test('props become script attributes as HTML spells them', () => {
  expect(
    scriptAttributes({ id: 'x', className: 'a', crossOrigin: 'anonymous', noModule: true, async: false, nonce: 'n', 'data-owner': 'me', onLoad: () => {} }),
  ).toEqual({ id: 'x', class: 'a', crossorigin: 'anonymous', nomodule: '', nonce: 'n', 'data-owner': 'me' });
});

test('a script is known by its id, else its src, else its code', () => {
  expect(scriptKey({ id: 'a', src: '/a.js' })).toBe('id:a');
  expect(scriptKey({ src: '/a.js' })).toBe('src:/a.js');
  expect(scriptKey({ code: 'x()' })).toBe('code:x()');
  expect(scriptKey({})).toBeNull();
});

test('a src is added once however often it is asked for; onLoad once, onReady for every asker', () => {
  const { doc, added } = fakeDocument();
  const first = { onLoad: vi.fn(), onReady: vi.fn() };
  const second = { onLoad: vi.fn(), onReady: vi.fn() };
  loadScript(doc, { key: 'src:/a.js', src: '/a.js', attributes: { 'data-nscript': 'afterInteractive' }, ...first });
  loadScript(doc, { key: 'src:/a.js', src: '/a.js', attributes: {}, ...second });
  expect(added).toHaveLength(1);
  expect([added[0].src, added[0].attributes['data-nscript']]).toEqual(['/a.js', 'afterInteractive']);
  added[0].fire('load');
  expect([first.onLoad.mock.calls.length, first.onReady.mock.calls.length]).toEqual([1, 1]);
  expect([second.onLoad.mock.calls.length, second.onReady.mock.calls.length]).toEqual([0, 1]);
  // A later mount (a client navigation back to the page) is told at once; nothing is added.
  const later = { onLoad: vi.fn(), onReady: vi.fn() };
  loadScript(doc, { key: 'src:/a.js', src: '/a.js', attributes: {}, ...later });
  expect([added.length, later.onLoad.mock.calls.length, later.onReady.mock.calls.length]).toEqual([1, 0, 1]);
});

test('a failed load reaches onError, now and later', () => {
  const { doc, added } = fakeDocument();
  const onError = vi.fn();
  loadScript(doc, { key: 'src:/b.js', src: '/b.js', attributes: {}, onError });
  added[0].fire('error');
  loadScript(doc, { key: 'src:/b.js', src: '/b.js', attributes: {}, onError });
  expect(onError).toHaveBeenCalledTimes(2);
  expect(added).toHaveLength(1);
});

test('inline code runs once and is ready at once', () => {
  const { doc, added } = fakeDocument();
  const onReady = vi.fn();
  loadScript(doc, { key: 'id:setup', code: 'go()', attributes: { id: 'setup' }, onReady });
  loadScript(doc, { key: 'id:setup', code: 'go()', attributes: { id: 'setup' }, onReady });
  expect([added.length, added[0].text, onReady.mock.calls.length]).toEqual([1, 'go()', 2]);
});

test("a script the server's HTML held (beforeInteractive) is not added again", () => {
  const server = new FakeScript();
  server.setAttribute('src', '/before.js');
  const { doc, added } = fakeDocument([server]);
  const onReady = vi.fn();
  loadScript(doc, { key: 'src:/before.js', src: '/before.js', attributes: {}, onReady });
  expect([added.length, onReady.mock.calls.length]).toEqual([0, 1]);
});
