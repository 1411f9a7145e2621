/**
 * The build's worker pool and its build-wide data cache (each GET fetched once per build): one
 * request per URL for the whole build whichever thread asks, `no-store` and POST never cached, a
 * page that never settles failing the build by name, and the same bytes however many workers.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build, type BuildOptions } from '../../src/build/index.ts';
import { isKilnError, type KilnError } from '../../src/errors.ts';
import { listFiles, read, titleOf, visibleText } from './build-helpers.ts';

const fixture = (name: string) => path.resolve(import.meta.dirname, '../fixtures', name);
const BUILD_TIMEOUT = 180_000;

let parent: string;
beforeAll(async () => {
  parent = await mkdtemp(path.join(tmpdir(), 'kiln-workers-'));
});
afterAll(() => rm(parent, { recursive: true, force: true }));

const IDS = Array.from({ length: 60 }, (_, i) => `w${i + 1}`);

/** A local API that counts requests per method and path. */
async function countingApi() {
  const hits = new Map<string, number>();
  const hit = (key: string) => {
    const n = (hits.get(key) ?? 0) + 1;
    hits.set(key, n);
    return n;
  };
  const server: Server = createServer((req, res) => {
    const n = hit(`${req.method} ${req.url}`);
    res.setHeader('content-type', 'application/json');
    if (req.url === '/catalog') res.end(JSON.stringify({ ids: IDS, name: 'Widget' }));
    // Answered late, so the pages' requests for it overlap and must wait for the one in flight.
    else if (req.url === '/slow') setTimeout(() => res.end(JSON.stringify({ hits: n })), 300);
    else if (req.url === '/live') res.end(JSON.stringify({ hits: n }));
    else if (req.url === '/log') req.resume().on('end', () => res.end('{}'));
    else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('build-wide data cache: each GET fetched once per build', () => {
  test.each([
    ['two render workers', { inProcess: false, concurrency: 2 }],
    ['the main thread', { inProcess: true }],
  ] as Array<[string, Partial<BuildOptions>]>)(
    'gSP, generateMetadata and 60 pages rendered in %s reach the network once per URL',
    async (_name, mode) => {
      const api = await countingApi();
      process.env.KILN_TEST_API = api.url;
      const outDir = path.join(parent, `fetch-${mode.inProcess ? 'main' : 'workers'}`);
      try {
        const result = await build({ root: fixture('fetch-cache'), outDir, log: () => {}, ...mode });
        expect(result.pages).toBe(61);
        expect(result.timings.workers).toBe(mode.inProcess ? 0 : 2);
        expect(Object.fromEntries(api.hits)).toEqual({
          'GET /catalog': 1,
          'GET /slow': 1,
          'GET /live': 2,
          'POST /log': 60,
        });
        for (const id of IDS) {
          const html = await read(outDir, `pages/items/${id}.html`);
          expect(titleOf(html)).toBe(`Widget ${id} · Fetch cache`);
          const text = visibleText(html);
          expect(text).toContain(`Widget ${id}`);
          expect(text).toContain('slow=1');
        }
        // Per page the render's own memo (one GET per URL per render) leaves one /catalog request for the build cache,
        // which answers it; /slow is shared by all; gSP's two no-store /live requests and every
        // POST /log always go out.
        expect(result.fetches).toEqual({ requests: 3 + 60 * 3, network: 1 + 1 + 2 + 60, shared: 60 + 59 });
        expect(existsSync(path.join(outDir, '.kiln-cache'))).toBe(false);
      } finally {
        delete process.env.KILN_TEST_API;
        await api.close();
      }
    },
    BUILD_TIMEOUT,
  );
});

describe('page timeout', () => {
  test.each([
    ['a render worker', { inProcess: false, concurrency: 1 }],
    ['the main thread', { inProcess: true }],
  ] as Array<[string, Partial<BuildOptions>]>)(
    'a page that never resolves fails the build after kiln.config.ts pageTimeoutMs, naming its path (%s)',
    async (_name, mode) => {
      const outDir = path.join(parent, `hang-${mode.inProcess ? 'main' : 'worker'}`);
      let error: unknown;
      try {
        await build({ root: fixture('hanging-page'), outDir, log: () => {}, ...mode });
      } catch (e) {
        error = e;
      }
      expect(isKilnError(error)).toBe(true);
      const e = error as KilnError;
      expect(e.code).toBe('BUILD_PAGE_TIMEOUT');
      expect(e.details).toEqual({ file: 'app/hang/page.tsx', route: '/hang', path: '/hang', timeoutMs: 3000 });
      expect(e.message).toBe(
        'Rendering /hang (route /hang, app/hang/page.tsx) did not finish within 3000 ms, so the build stopped. ' +
          'Expected every page to render within the page timeout. Hint: Look for a fetch or promise in that page, ' +
          'its layouts or generateMetadata that never settles; or raise pageTimeoutMs in kiln.config.ts.',
      );
      // Nothing was swapped in and the fresh folder is gone.
      expect(existsSync(outDir)).toBe(false);
      expect((await readdir(parent)).filter((f) => f.includes('kiln-'))).toEqual([]);
    },
    BUILD_TIMEOUT,
  );
});

describe('worker pool', () => {
  test(
    'one worker, two workers and the main thread write byte-identical output',
    async () => {
      const outputs: Record<string, string> = {
        one: path.join(parent, 'pool-1'),
        two: path.join(parent, 'pool-2'),
        main: path.join(parent, 'pool-main'),
      };
      const one = await build({ root: fixture('worker-pool'), outDir: outputs.one, inProcess: false, concurrency: 1, log: () => {} });
      const two = await build({ root: fixture('worker-pool'), outDir: outputs.two, inProcess: false, concurrency: 2, log: () => {} });
      const main = await build({ root: fixture('worker-pool'), outDir: outputs.main, inProcess: true, log: () => {} });
      expect([one.timings.workers, two.timings.workers, main.timings.workers]).toEqual([1, 2, 0]);
      expect([one.pages, two.pages, main.pages]).toEqual([121, 121, 121]);
      expect(new Set([one.buildId, two.buildId, main.buildId]).size).toBe(1);

      const files = await listFiles(outputs.one);
      expect(files.filter((f) => f.startsWith('pages/') && f.endsWith('.html') && f !== 'pages/@404.html').length).toBe(121);
      expect(files).toContain('pages/shelf/c%2B%2B/c%2B%2B-3.rsc');
      expect(files).toContain('pages/shelf/caf%C3%A9/caf%C3%A9-19.html');
      // The build id is a digest of what was written, so the manifests match too.
      const bytes = (dir: string, file: string) => readFile(path.join(dir, file));
      for (const other of [outputs.two, outputs.main]) {
        expect(await listFiles(other)).toEqual(files);
        for (const file of files) expect([file, await bytes(other, file)]).toEqual([file, await bytes(outputs.one, file)]);
      }
      const html = await read(outputs.two, 'pages/shelf/caf%C3%A9/caf%C3%A9-4.html');
      expect(titleOf(html)).toBe('Item café-4 · Warehouse');
      expect(visibleText(html)).toContain('count 4');
    },
    BUILD_TIMEOUT * 2,
  );
});

describe('prerendered redirects', () => {
  test(
    'a page that redirects is written, and the manifest says where it goes',
    async () => {
      const outDir = path.join(parent, 'redirect');
      const result = await build({ root: fixture('prerendered-redirect'), outDir, log: () => {} });
      expect(result.pages).toBe(4);
      const manifest = JSON.parse(await read(outDir, 'manifest.json'));
      expect([manifest.basePath, manifest.trailingSlash]).toEqual(['', false]);
      expect(manifest.redirects).toEqual({
        '/old/gone': { status: 307, location: '/?from=gone' },
        '/old/moved': { status: 308, location: '/' },
      });
      expect(manifest.routes.find((r: { pattern: string }) => r.pattern === '/old/[slug]').paths).toEqual(['/old/gone', '/old/moved', '/old/stays']);
      expect(await read(outDir, 'pages/old/moved.html')).toContain('<meta http-equiv="refresh" content="0;url=/">');
      expect(visibleText(await read(outDir, 'pages/old/stays.html'))).toBe('still here');
    },
    BUILD_TIMEOUT,
  );
});

describe('a render worker that dies', () => {
  test(
    'fails the build with the error that ended it, and leaves nothing behind',
    async () => {
      const outDir = path.join(parent, 'crash');
      let error: unknown;
      try {
        await build({ root: fixture('worker-crash'), outDir, inProcess: false, concurrency: 1, log: () => {} });
      } catch (e) {
        error = e;
      }
      expect(isKilnError(error)).toBe(true);
      expect((error as KilnError).code).toBe('BUILD_WORKER_FAILED');
      expect((error as KilnError).message.startsWith('A render worker stopped unexpectedly: stray timer.')).toBe(true);
      expect(existsSync(outDir)).toBe(false);
      expect((await readdir(parent)).filter((f) => f.includes('kiln-'))).toEqual([]);
    },
    BUILD_TIMEOUT,
  );
});
