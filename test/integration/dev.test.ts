/**
 * `kiln dev` as a process over HTTP, on a private copy of the dev-app fixture that the tests
 * edit: generateStaticParams is called on a visit (never at start-up), with the parent params,
 * and kept until the route's files or their imports change; `dynamicParams = false` 404s; edits
 * and new route files are served without a restart; errors come back as catalog messages.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKiln } from '../helpers/cli.ts';
import { visibleText } from './build-helpers.ts';
import { installedFixture, until } from './dev-helpers.ts';

let app: string;
let logDir: string;
let log: string;
let server: Awaited<ReturnType<typeof startKiln>>;

beforeAll(async () => {
  app = await installedFixture('dev-app');
  // Outside the app folder, so writing it is not an edit the dev server reacts to.
  logDir = await mkdtemp(path.join(tmpdir(), 'kiln-dev-log-'));
  log = path.join(logDir, 'gsp.log');
  server = await startKiln(['dev', app, '--port', '0', '--host', '127.0.0.1'], { env: { KILN_DEV_GSP_LOG: log } });
});

afterAll(async () => {
  expect(await server?.stop()).toBe(0);
  await rm(app, { recursive: true, force: true });
  await rm(logDir, { recursive: true, force: true });
});

async function calls(): Promise<Array<{ holder: string; params: Record<string, string> }>> {
  if (!existsSync(log)) return [];
  const lines = (await readFile(log, 'utf8')).split('\n').filter(Boolean);
  // Calls for different parents may run concurrently: compare them in a fixed order.
  return lines.map((l) => JSON.parse(l)).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

function get(pathname: string, init?: RequestInit): Promise<Response> {
  return fetch(server.url + pathname, { redirect: 'manual', ...init });
}

async function edit(file: string, change: (text: string) => string): Promise<void> {
  const full = path.join(app, file);
  const before = await readFile(full, 'utf8');
  const after = change(before);
  expect(after).not.toBe(before);
  await writeFile(full, after);
}

describe('generateStaticParams in kiln dev', () => {
  it('is not called at start-up, then runs the chain with the parent params on the first visit', async () => {
    // The home page has no params: serving it loads the app without calling any gSP.
    expect((await get('/')).status).toBe(200);
    expect(await calls()).toEqual([]);

    const res = await get('/shop/fruit/apple');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(visibleText(html)).toContain('fruit/apple');
    expect(html).toContain('<title>Item apple · Dev app</title>');
    expect(await calls()).toEqual([
      { holder: 'layout', params: {} },
      { holder: 'page', params: { category: 'fruit' } },
      { holder: 'page', params: { category: 'veg' } },
    ]);

    // Cached per route: another path of the same route calls nothing.
    expect((await get('/shop/veg/leek')).status).toBe(200);
    expect(await calls()).toHaveLength(3);
  });

  it('answers params outside a dynamicParams = false list with the nearest not-found page, as kiln start does', async () => {
    for (const pathname of ['/shop/fruit/leek', '/shop/meat/ham']) {
      const res = await get(pathname);
      expect(res.status).toBe(404);
      const html = await res.text();
      // Inside the shop's layout, not the root one.
      expect(html).toContain('<section><p id="shop-not-found">Not on this shelf</p></section>');
    }
    const payload = await get('/_kiln/rsc/shop/fruit/leek.rsc');
    expect(payload.status).toBe(404);
    expect(await payload.text()).toBe('Not Found\n');
    expect((await get('/_kiln/rsc/shop/fruit/apple.rsc')).headers.get('content-type')).toBe('text/x-component');
  });

  it('calls the chain again after a module it imports changes', async () => {
    expect((await get('/shop/fruit/plum')).status).toBe(404);
    const before = (await calls()).length;
    await edit('app/_lib/catalog.ts', (t) => t.replace("items: ['apple', 'pear']", "items: ['apple', 'pear', 'plum']"));
    await until('the new item', async () => ((await get('/shop/fruit/plum')).status === 200 ? true : undefined));
    // The whole chain ran again (once per runner update; a save may be seen as more than one).
    const again = (await calls()).length - before;
    expect(again).toBeGreaterThanOrEqual(3);
    expect(again % 3).toBe(0);
    const distinct = [...new Set((await calls()).map((c) => JSON.stringify(c)))];
    expect(distinct).toEqual([
      '{"holder":"layout","params":{}}',
      '{"holder":"page","params":{"category":"fruit"}}',
      '{"holder":"page","params":{"category":"veg"}}',
    ]);
  });

  it('validates what generateStaticParams returns with the catalog message', async () => {
    const message =
      'app/invalid/[id]/page.tsx: generateStaticParams() for route /invalid/[id] returned { id: 1 } at index 0; ' +
      '"id" must be a string (got number). Hint: Return { id: String(value) }.';
    const res = await get('/invalid/1');
    expect(res.status).toBe(500);
    expect(visibleText(await res.text())).toContain(message);
    const payload = await get('/_kiln/rsc/invalid/1.rsc');
    expect(payload.status).toBe(500);
    expect(await payload.json()).toEqual({
      kilnDevError: {
        code: 'PARAMS_VALUE_TYPE',
        message,
        file: 'app/invalid/[id]/page.tsx',
        route: '/invalid/[id]',
        pathname: '/invalid/1',
        frame: null,
        stack: null,
      },
    });
    expect(server.output()).toContain(`error ${message}`);
  });
});

describe('requests, as kiln start answers them', () => {
  it('answers malformed paths 400, redirects trailing slashes, and 404s unknown paths with the not-found page', async () => {
    const bad = await get('/%zz');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toBe('Bad Request: bad percent-encoding\n');

    const slash = await get('/shop/fruit/apple/?x=1');
    expect(slash.status).toBe(308);
    expect(slash.headers.get('location')).toBe('/shop/fruit/apple?x=1');

    const missing = await get('/no/such/page');
    expect(missing.status).toBe(404);
    const html = await missing.text();
    expect(visibleText(html)).toBe('Nothing here');
    expect(html).toContain('<meta name="robots" content="noindex"/>');

    const head = await get('/', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('cache-control')).toBe('no-store');
    expect(await head.text()).toBe('');
    expect((await get('/', { method: 'POST' })).status).toBe(405);
  });
});

describe('live editing', () => {
  it('serves an edited page without a restart', async () => {
    await edit('app/page.tsx', (t) => t.replace('<h1 id="title">Home</h1>', '<h1 id="title">Home, edited</h1>'));
    await until('the edited page', async () => ((await (await get('/')).text()).includes('Home, edited') ? true : undefined));
  });

  it('serves a new route file without a restart, and forgets a removed one', async () => {
    expect((await get('/added')).status).toBe(404);
    await mkdir(path.join(app, 'app/added'));
    await writeFile(path.join(app, 'app/added/page.tsx'), 'export default function Added() {\n  return <p>a new route</p>;\n}\n');
    const html = await until('the new route', async () => {
      const res = await get('/added');
      return res.status === 200 ? res.text() : undefined;
    });
    expect(visibleText(html)).toBe('a new route');

    await rm(path.join(app, 'app/added'), { recursive: true });
    await until('the removed route', async () => ((await get('/added')).status === 404 ? true : undefined));
  });
});
