/**
 * next.config's redirects, rewrites and headers and the app's middleware, as Next.js applies
 * them, through `kiln build` + `kiln start` and `kiln dev` alike: one table of requests and what
 * the user gets back, run against both servers.
 */
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
  { request: '/_kiln/rsc/hello/index.rsc', status: 200, text: 'home in' },
  { request: '/_kiln/rsc/old-blog/hello/index.rsc', status: 404 },
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
