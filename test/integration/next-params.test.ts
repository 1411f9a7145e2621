/**
 * Ordinary Next.js usage around params and route handlers, through the CLI over HTTP, in `kiln
 * build` + `kiln start` and in `kiln dev` alike (the next-params fixture):
 * - `redirect()`, `permanentRedirect()` and `notFound()` in a GET handler answer 307 / 308 with
 *   `Location`, or an empty 404, also when the handler is prerendered from generateStaticParams;
 *   a handler of a route without dynamic segments gets no params;
 * - `dynamicParams = false` in a layout restricts only the segment its generateStaticParams
 *   fills: an open segment below it renders on demand (Next's partial-params-false);
 * - a `"use client"` page's `dynamicParams` is read from its source, and its `params` work as
 *   `params.slug` and `use(params)`;
 * - a generateStaticParams item without a required param fails the build, naming it.
 */
import { rm, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAndStart, copyFixture, runKiln, startKiln } from '../helpers/cli.ts';
import { visibleText } from './build-helpers.ts';
import { installedFixture } from './dev-helpers.ts';

type Server = Awaited<ReturnType<typeof startKiln>>;

/** The answers both servers must give, checked by one function for each. */
function behavesLikeNext(server: () => Server): void {
  const get = (pathname: string) => fetch(server().url + pathname, { redirect: 'manual' });
  const answer = async (pathname: string) => {
    const res = await get(pathname);
    return [pathname, res.status, res.headers.get('location'), await res.text()] as const;
  };

  it('redirect(), permanentRedirect() and notFound() in a route handler answer 307, 308 and an empty 404', async () => {
    expect(await answer('/api/go')).toEqual(['/api/go', 307, '/target?from=handler', '']);
    expect(await answer('/api/forever')).toEqual(['/api/forever', 308, '/target', '']);
    expect(await answer('/api/missing')).toEqual(['/api/missing', 404, null, '']);
  });

  it('a handler gets no params without dynamic segments, and awaitable params with them', async () => {
    expect(await (await get('/api/context')).json()).toEqual({ keys: ['params'], params: 'undefined' });
    expect(await (await get('/api/items/7')).json()).toEqual({ id: '7' });
  });

  it('a generated route handler redirects and answers not found as at run time', async () => {
    const current = await get('/feeds/current');
    expect([current.status, await current.text()]).toEqual([200, '<rss>current</rss>']);
    expect((await answer('/feeds/old')).slice(0, 3)).toEqual(['/feeds/old', 308, '/feeds/current']);
    expect((await answer('/feeds/moved')).slice(0, 3)).toEqual(['/feeds/moved', 307, '/target']);
    expect((await get('/feeds/gone')).status).toBe(404);
    // dynamicParams = false: a feed generateStaticParams did not list is not the handler's to answer.
    expect((await get('/feeds/other')).status).toBe(404);
  });

  it('dynamicParams = false in a layout leaves the open segment below it to on-demand rendering', async () => {
    for (const [pathname, text] of [
      ['/partial/en/another', 'Partial en another'],
      ['/partial/de/x%20y', 'Partial de x y'],
    ]) {
      const res = await get(pathname);
      expect([pathname, res.status]).toEqual([pathname, 200]);
      expect(visibleText(await res.text())).toContain(text);
    }
    const outside = await get('/partial/fr/another');
    expect(outside.status).toBe(404);
    expect(visibleText(await outside.text())).toContain('No such page');
  });

  it("a 'use client' page reads dynamicParams from its source and gets params as in Next.js", async () => {
    const res = await get('/client/b%20c');
    expect(res.status).toBe(200);
    expect(visibleText(await res.text())).toContain('Client sync=b c use=b c');
    const unknown = await get('/client/zzz');
    expect(unknown.status).toBe(404);
  });
}

describe('kiln build + kiln start', () => {
  let app: string;
  let server: Server;
  let built: Awaited<ReturnType<typeof runKiln>>;
  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ app, server, built, close } = await buildAndStart('next-params'));
  });
  afterAll(async () => close?.());

  it('prerenders the handler redirects and the client page, and no page of the partially generated route', () => {
    expect(built.stdout).toMatch(/^● \/feeds\/\[name\] +3 /m);
    expect(built.stdout).toMatch(/^● \/client\/\[slug\] +2 /m);
    expect(built.stdout).toMatch(/^● \/partial\/\[lang\]\/\[slug\] +0 /m);
  });

  behavesLikeNext(() => server);

  it('serves the prerendered redirect of a handler from the build', async () => {
    const res = await fetch(`${server.url}/feeds/old`, { redirect: 'manual' });
    expect(res.headers.get('x-kiln-cache')).toBe('HIT');
  });

  it('fails the build for a generateStaticParams item without a required param, naming it, its file and the route', async () => {
    const dir = path.join(app, 'app/broken/[a]/[b]');
    await mkdir(dir, { recursive: true });
    await writeFile(
      path.join(dir, 'page.tsx'),
      "export function generateStaticParams() {\n  return [{ a: 'x', b: 'y' }, { a: 'z' }];\n}\n\n" +
        'export default function Page() {\n  return <p>broken</p>;\n}\n',
    );
    try {
      const failed = await runKiln(['build', app]);
      expect(failed.code).toBe(1);
      expect(failed.stderr).toContain(
        'app/broken/[a]/[b]/page.tsx: generateStaticParams() for route /broken/[a]/[b] returned { a: "z" } at index 1, ' +
          'which leaves "b" without a value, so that page cannot be prerendered.',
      );
      // The previous output is untouched and still served.
      expect((await fetch(`${server.url}/feeds/current`)).status).toBe(200);
    } finally {
      await rm(path.join(app, 'app/broken'), { recursive: true, force: true });
    }
  });
});

describe('kiln dev', () => {
  let app: string;
  let server: Server;

  beforeAll(async () => {
    app = await installedFixture('next-params');
    server = await startKiln(['dev', app, '--port', '0', '--host', '127.0.0.1']);
  });
  afterAll(async () => {
    expect(await server?.stop()).toBe(0);
    await rm(app, { recursive: true, force: true });
  });

  behavesLikeNext(() => server);
});
