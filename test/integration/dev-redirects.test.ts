/**
 * `kiln dev` as a process over HTTP, on a private copy of the redirects fixture (next.config
 * `basePath: '/base'`, pages that call `redirect()` from a page, `generateMetadata` and a
 * layout): documents answer 307/308 with `Location`, payloads answer 200 with the redirect in
 * them, every URL lives under the base path with kiln start's trailing-slash redirects, and a
 * route handler sees its public URL.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKiln } from '../helpers/cli.ts';
import { visibleText } from './build-helpers.ts';
import { installedFixture, until } from './dev-helpers.ts';

let app: string;
let server: Awaited<ReturnType<typeof startKiln>>;

beforeAll(async () => {
  app = await installedFixture('redirects');
  // A route handler that reports what it was given (written into this copy only).
  await mkdir(path.join(app, 'app/where'));
  await writeFile(
    path.join(app, 'app/where/route.ts'),
    "import type { NextRequest } from 'next/server';\n\n" +
      'export function GET(request: NextRequest) {\n' +
      '  return Response.json({ url: request.url, pathname: request.nextUrl.pathname, basePath: request.nextUrl.basePath });\n' +
      '}\n',
  );
  server = await startKiln(['dev', app, '--port', '0', '--host', '127.0.0.1']);
});

afterAll(async () => {
  expect(await server?.stop()).toBe(0);
  await rm(app, { recursive: true, force: true });
});

function get(pathname: string, init?: RequestInit): Promise<Response> {
  return fetch(server.url + pathname, { redirect: 'manual', ...init });
}

describe('redirect() in kiln dev', () => {
  it('answers a document request with the status and Location, base path included', async () => {
    const cases: Array<[string, number, string]> = [
      ['/base/go/page', 307, '/base/target?from=page'],
      ['/base/go/permanent', 308, '/base/target?from=permanent'],
      ['/base/go/meta', 307, '/base/target?from=metadata'],
      ['/base/moved/x', 307, '/base/target?from=layout'],
    ];
    for (const [pathname, status, location] of cases) {
      const res = await get(pathname);
      expect([pathname, res.status, res.headers.get('location')]).toEqual([pathname, status, location]);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const html = await res.text();
      expect(html).toContain(`<meta http-equiv="refresh" content="0;url=${location}">`);
    }
    const head = await get('/base/go/page', { method: 'HEAD' });
    expect([head.status, head.headers.get('location'), await head.text()]).toEqual([307, '/base/target?from=page', '']);
  });

  it('answers the payload request 200 with the redirect in the payload, which fetch() would not follow', async () => {
    const res = await get('/base/_kiln/rsc/go/page.rsc');
    expect(res.status).toBe(200);
    expect(res.headers.get('location')).toBeNull();
    expect(res.headers.get('content-type')).toBe('text/x-component');
    expect(await res.text()).toContain('"status":307,"redirect":"/target?from=page"');

    const layout = await get('/base/_kiln/rsc/moved/x.rsc');
    expect(layout.status).toBe(200);
    expect(await layout.text()).toContain('"redirect":"/target?from=layout"');
  });
});

describe('basePath and trailing slashes in kiln dev, as kiln start answers them', () => {
  it('serves pages and payloads under the base path; the root is /base', async () => {
    const root = await get('/base');
    expect(root.status).toBe(200);
    expect(visibleText(await root.text())).toContain('Home');
    const target = await get('/base/target');
    expect(target.status).toBe(200);
    expect(visibleText(await target.text())).toContain('Target');
    const payload = await get('/base/_kiln/rsc/target.rsc');
    expect([payload.status, payload.headers.get('content-type')]).toEqual([200, 'text/x-component']);
    expect(await payload.text()).toContain('"pathname":"/target"');
  });

  it('redirects other spellings with 308 to the canonical URL, keeping the query', async () => {
    const cases: Array<[string, string]> = [
      ['/base/', '/base'],
      ['/base/?q=1', '/base?q=1'],
      ['/base/target/', '/base/target'],
      ['/base/posts/first/?x=1', '/base/posts/first?x=1'],
    ];
    for (const [pathname, location] of cases) {
      const res = await get(pathname);
      expect([pathname, res.status, res.headers.get('location')]).toEqual([pathname, 308, location]);
    }
  });

  it('answers URLs outside the base path with the not-found page', async () => {
    for (const pathname of ['/', '/target', '/basement', '/_kiln/rsc/target.rsc']) {
      const res = await get(pathname);
      expect([pathname, res.status]).toEqual([pathname, 404]);
      expect(visibleText(await res.text())).toContain('This page could not be found.');
    }
    expect((await get('/target', { method: 'POST' })).status).toBe(405);
  });

  it('gives a route handler its public URL, and nextUrl.pathname without the base path', async () => {
    const res = await get('/base/where?q=1');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ url: `${server.url}/base/where?q=1`, pathname: '/where', basePath: '/base' });
  });
});

describe('an app whose route tree does not build', () => {
  it('shows the error to page and payload requests alike, then recovers once the file goes', async () => {
    const clash = path.join(app, 'app/target/route.ts');
    await writeFile(clash, 'export function GET() {\n  return new Response("clash");\n}\n');
    const payload = await until('the route tree error', async () => {
      const res = await get('/base/_kiln/rsc/target.rsc');
      return res.status === 500 ? res : undefined;
    });
    expect(payload.headers.get('content-type')).toBe('application/vnd.kiln.dev-error+json');
    const body = (await payload.json()) as { kilnDevError: { code: string; message: string } };
    expect(body.kilnDevError.code).toBe('ROUTE_PAGE_AND_HANDLER');
    expect(body.kilnDevError.message).toContain(
      'app/target/page.tsx and app/target/route.ts share a folder, so route /target has both a page and a route handler.',
    );
    const page = await get('/base/target');
    expect([page.status, page.headers.get('content-type')]).toEqual([500, 'text/html; charset=utf-8']);
    expect(visibleText(await page.text())).toContain('ROUTE_PAGE_AND_HANDLER');

    await rm(clash);
    await until('the app back', async () => ((await get('/base/target')).status === 200 ? true : undefined));
  });
});
