/**
 * next.config's redirects, rewrites and headers and the app's middleware, as Next.js applies
 * them, through `kiln build` + `kiln start` and `kiln dev` alike: one table of requests and what
 * the user gets back, run against both servers.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, runKiln, startKiln } from '../helpers/cli.ts';

interface Case {
  request: string;
  headers?: Record<string, string>;
  status: number;
  location?: string;
  /** Text the body must hold. */
  text?: string;
  /** Response headers that must be there, with their values. */
  has?: Record<string, string>;
}

const CASES: Case[] = [
  { request: '/old-blog/hello?ref=feed', status: 308, location: '/blog/hello?ref=feed' },
  { request: '/docs/a/b', status: 307, location: '/guide/a/b' },
  { request: '/', headers: { 'accept-language': 'de-DE' }, status: 307, location: '/de' },
  { request: '/secret', status: 401, text: '{"error":"members only"}' },
  { request: '/hello', status: 200, text: '<h1>home in <!-- -->en</h1>' },
  { request: '/about-us', status: 200, text: '<h1>about us</h1>' },
  { request: '/legacy/x/y', status: 200, text: '<h1>about us</h1>' },
  { request: '/start?lang=de', status: 200, text: '<h1>home in <!-- -->de</h1>' },
  { request: '/blog/hello', status: 200, text: '<h1>post <!-- -->hello</h1>', has: { 'x-site': 'rules', 'x-slug': 'hello', 'set-cookie': 'visited=yes; Path=/' } },
  { request: '/whoami', status: 200, text: '<h1>greeting: <!-- -->hello from middleware</h1>' },
  { request: '/guide/a/b', status: 200, text: '<h1>guide <!-- -->a/b</h1>', has: { 'x-site': 'rules' } },
  // Client navigation: the payload of a rewritten page, and none for a redirected one.
  // The middleware sees the page's own URL: it rewrites /hello to /en, and answers /secret itself.
  { request: '/_kiln/rsc/hello.rsc', status: 200, text: 'home in ","en"' },
  { request: '/_kiln/rsc/secret.rsc', status: 404 },
  { request: '/_kiln/rsc/old-blog/hello.rsc', status: 404 },
];

let app: string;

beforeAll(async () => {
  app = await copyFixture('request-rules');
});

for (const mode of ['start', 'dev'] as const) {
  describe(`kiln ${mode}`, () => {
    let server: Awaited<ReturnType<typeof startKiln>>;

    beforeAll(async () => {
      if (mode === 'start') {
        const built = await runKiln(['build', app]);
        expect(built.code, built.stdout + built.stderr).toBe(0);
      }
      server = await startKiln([mode, app, '--port', '0', '--host', '127.0.0.1'], { timeoutMs: 60_000 });
    });

    afterAll(async () => {
      await server?.stop();
    });

    it.each(CASES)('$request', async ({ request, headers, status, location, text, has }) => {
      const res = await fetch(`${server.url}${request}`, { headers, redirect: 'manual' });
      const body = await res.text();
      expect(res.status, body).toBe(status);
      if (location !== undefined) expect(res.headers.get('location')?.replace(server.url, '')).toBe(location);
      if (text !== undefined) expect(body).toContain(text);
      for (const [name, value] of Object.entries(has ?? {})) expect(res.headers.get(name)).toBe(value);
    });
  });
}

it('refuses middleware in a static export, naming the file', async () => {
  const exported = await copyFixture('request-rules');
  await writeFile(path.join(exported, 'app/whoami/page.tsx'), 'export default function WhoAmI() {\n  return <h1>static</h1>;\n}\n');
  const built = await runKiln(['build', exported, '--export']);
  expect(built.code).toBe(1);
  expect(built.stderr).toContain(
    "error middleware.ts is middleware, which runs for each request, and output: 'export' writes a site with no server to run it.",
  );
});

it('refuses two middleware files, naming both', async () => {
  const twice = await copyFixture('request-rules');
  await writeFile(path.join(twice, 'proxy.ts'), "export function proxy() {\n  return undefined;\n}\n");
  const built = await runKiln(['build', twice]);
  expect(built.code).toBe(1);
  expect(built.stderr).toContain('error middleware.ts and proxy.ts are both middleware; an app has one middleware file.');
});

it('passes a rewrite to another origin on to it and back, in kiln start and kiln dev', async () => {
  // The other origin: a server on this machine that says what it was asked.
  const other = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'x-origin': 'other' });
    res.end(`other origin got ${req.method} ${req.url} with x-token ${req.headers['x-token']}`);
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  const port = (other.address() as AddressInfo).port;
  const proxied = await copyFixture('request-rules');
  await writeFile(
    path.join(proxied, 'next.config.mjs'),
    `export default { async rewrites() { return [{ source: '/ext/:path*', destination: 'http://127.0.0.1:${port}/api/:path*' }]; } };\n`,
  );
  const built = await runKiln(['build', proxied]);
  expect(built.code, built.stderr).toBe(0);
  try {
    for (const mode of ['start', 'dev'] as const) {
      const server = await startKiln([mode, proxied, '--port', '0', '--host', '127.0.0.1'], { timeoutMs: 60_000 });
      try {
        const res = await fetch(`${server.url}/ext/a/b?q=1`, { headers: { 'x-token': 't1' } });
        expect(res.status).toBe(200);
        expect(res.headers.get('x-origin')).toBe('other');
        expect(await res.text()).toBe('other origin got GET /api/a/b?q=1 with x-token t1');
      } finally {
        await server.stop();
      }
    }
  } finally {
    other.close();
  }
});
