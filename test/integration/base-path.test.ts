/**
 * `kiln start` for an app with next.config `basePath` and `trailingSlash`, which the build records
 * in `manifest.json`: over a hand-made build output, driven over real HTTP. Every URL lives under
 * the base path (pages, payloads, assets, public files); anything outside answers 404; the
 * trailing-slash convention is enforced with 308s whose Location carries the base path.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/node.ts';
import { pageFileInPages } from '../../src/output/page-files.ts';

const routes = [
  { pattern: '/', file: 'app/page.tsx', type: 'page', kind: 'static' },
  { pattern: '/about', file: 'app/about/page.tsx', type: 'page', kind: 'static' },
  { pattern: '/old', file: 'app/old/page.tsx', type: 'page', kind: 'static' },
  { pattern: '/tags/[tag]', file: 'app/tags/[tag]/page.tsx', type: 'page', kind: 'generated' },
  { pattern: '/feed.xml', file: 'app/feed.xml/route.ts', type: 'handler', kind: 'generated' },
].map((r) => ({ ...r, dynamicParams: false, revalidate: false, dynamic: 'auto', paths: [] as string[] }));

let root: string;

async function put(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, content);
}

/** A build output of the app above with `basePath: '/docs'` and the given `trailingSlash`. */
async function output(trailingSlash: boolean | undefined): Promise<string> {
  const outDir = join(root, `dist-${String(trailingSlash)}`);
  const manifest: Record<string, unknown> = {
    version: 1,
    appDir: 'app',
    buildId: 'b1',
    basePath: '/docs',
    routes,
    redirects: { '/old': { status: 308, location: trailingSlash ? '/docs/about/' : '/docs/about' } },
  };
  if (trailingSlash !== undefined) manifest.trailingSlash = trailingSlash;
  await put(join(outDir, 'manifest.json'), JSON.stringify(manifest));
  for (const [folder, marker] of Object.entries({ '': 'home', about: 'about', old: 'old (meta refresh)', 'tags/c%2B%2B': 'tag c++' })) {
    const page = join(outDir, 'pages', pageFileInPages(`/${folder}`, ''));
    await put(`${page}.html`, `<title>${marker}</title>`);
    await put(`${page}.rsc`, `payload ${marker}`);
  }
  await put(join(outDir, 'pages/@404.html'), '<title>not found page</title>');
  await put(join(outDir, 'client/_kiln/assets/index-abc123.js'), 'console.log("app")');
  await put(join(outDir, 'client/favicon.ico'), 'ICO');
  return outDir;
}

interface Reply {
  status: number;
  location: string | undefined;
  type: string | undefined;
  text: string;
}

function send(server: RunningServer, path: string, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: server.port, path, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode!,
          location: res.headers.location,
          type: res.headers['content-type'],
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const servers: RunningServer[] = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'kiln-base-path-'));
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  if (root) await rm(root, { recursive: true, force: true });
});

async function serve(trailingSlash: boolean | undefined): Promise<RunningServer> {
  const server = await startServer({ outDir: await output(trailingSlash), port: 0, host: '127.0.0.1', isr: { log: () => {} }, onError: () => {} });
  servers.push(server);
  return server;
}

describe('basePath /docs, trailingSlash absent (false)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await serve(undefined);
  });

  it('serves pages, payloads, assets and public files under the base path', async () => {
    expect(await send(server, '/docs')).toMatchObject({ status: 200, text: '<title>home</title>' });
    expect(await send(server, '/docs/about')).toMatchObject({ status: 200, text: '<title>about</title>' });
    expect(await send(server, '/docs/tags/c++')).toMatchObject({ status: 200, text: '<title>tag c++</title>' });
    expect(await send(server, '/docs/_kiln/rsc.rsc')).toMatchObject({ status: 200, type: 'text/x-component', text: 'payload home' });
    expect(await send(server, '/docs/_kiln/rsc/about.rsc')).toMatchObject({ status: 200, text: 'payload about' });
    expect(await send(server, '/docs/_kiln/assets/index-abc123.js')).toMatchObject({ status: 200, text: 'console.log("app")' });
    expect(await send(server, '/docs/favicon.ico')).toMatchObject({ status: 200, text: 'ICO' });
  });

  it('answers 404 for anything outside the base path', async () => {
    for (const path of ['/', '/about', '/docsabout', '/_kiln/rsc/about.rsc', '/_kiln/assets/index-abc123.js', '/favicon.ico', '/x/docs/about']) {
      expect([path, (await send(server, path)).status]).toEqual([path, 404]);
    }
    expect(await send(server, '/about')).toMatchObject({ text: '<title>not found page</title>' });
    expect((await send(server, '/docs/nope')).status).toBe(404);
  });

  it('redirects a trailing slash away, the base path in the Location', async () => {
    expect(await send(server, '/docs/about/?a=1')).toMatchObject({ status: 308, location: '/docs/about?a=1' });
    expect(await send(server, '/docs/')).toMatchObject({ status: 308, location: '/docs' });
    expect(await send(server, '/docs/tags/c++/')).toMatchObject({ status: 308, location: '/docs/tags/c%2B%2B' });
  });

  it("answers a prerendered redirect page with the build's status and Location", async () => {
    expect(await send(server, '/docs/old')).toMatchObject({ status: 308, location: '/docs/about', text: '<title>old (meta refresh)</title>' });
    expect(await send(server, '/docs/_kiln/rsc/old.rsc')).toMatchObject({ status: 200, text: 'payload old (meta refresh)' });
  });
});

describe('basePath /docs, trailingSlash true', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await serve(true);
  });

  it('serves pages at their slashed URLs, and payloads, assets and public files as they are', async () => {
    expect(await send(server, '/docs/')).toMatchObject({ status: 200, text: '<title>home</title>' });
    expect(await send(server, '/docs/about/')).toMatchObject({ status: 200, text: '<title>about</title>' });
    expect(await send(server, '/docs/tags/c%2B%2B/')).toMatchObject({ status: 200, text: '<title>tag c++</title>' });
    expect(await send(server, '/docs/_kiln/rsc/about.rsc')).toMatchObject({ status: 200, text: 'payload about' });
    expect(await send(server, '/docs/_kiln/assets/index-abc123.js')).toMatchObject({ status: 200 });
    expect(await send(server, '/docs/favicon.ico')).toMatchObject({ status: 200, text: 'ICO' });
  });

  it('redirects a URL without its trailing slash to the one with it, except file-like paths', async () => {
    expect(await send(server, '/docs/about?a=1')).toMatchObject({ status: 308, location: '/docs/about/?a=1' });
    expect(await send(server, '/docs')).toMatchObject({ status: 308, location: '/docs/' });
    expect(await send(server, '/docs/tags/c++')).toMatchObject({ status: 308, location: '/docs/tags/c%2B%2B/' });
    // A route handler named like a file keeps its spelling: no redirect (404 here: no bundle to run it).
    const feed = await send(server, '/docs/feed.xml');
    expect([feed.status, feed.location]).toEqual([404, undefined]);
    expect(await send(server, '/docs/feed.xml/')).toMatchObject({ status: 308, location: '/docs/feed.xml' });
  });

  it('answers 404 outside the base path, with no redirect', async () => {
    expect(await send(server, '/about')).toMatchObject({ status: 404, location: undefined });
    expect(await send(server, '/docsx/')).toMatchObject({ status: 404, location: undefined });
  });

  it('serves a prerendered redirect page at its slashed URL', async () => {
    expect(await send(server, '/docs/old')).toMatchObject({ status: 308, location: '/docs/old/' });
    expect(await send(server, '/docs/old/')).toMatchObject({ status: 308, location: '/docs/about/' });
  });
});
