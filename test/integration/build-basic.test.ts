/**
 * The basic fixture: payload safety (escaping, no source paths), per-render data (one GET per URL per render),
 * and a failing build that must leave the previous output untouched.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build, createRenderer, type BuildResult } from '../../src/build/index.ts';
import { isKilnError, type KilnError } from '../../src/errors.ts';
import { inlinedPayload, listFiles, read, titleOf, visibleText } from './build-helpers.ts';

const root = path.resolve(import.meta.dirname, '../fixtures/basic');
const kilnRoot = fileURLToPath(new URL('../../', import.meta.url));
const SCRIPT_SLUG = '</script><script>alert(1)</script>';

let api: Server;
const apiHits: string[] = [];
let parent: string;
let outDir: string;
let first: BuildResult;
const logged: Array<[string, string]> = [];

beforeAll(async () => {
  api = createServer((req, res) => {
    apiHits.push(req.url!);
    const id = req.url!.split('/').pop();
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ id, title: `Item ${id} from API`, hits: apiHits.length }));
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  process.env.KILN_TEST_API = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  parent = await mkdtemp(path.join(tmpdir(), 'kiln-basic-'));
  outDir = path.join(parent, 'dist');
  first = await build({ root, outDir, log: (level, message) => logged.push([level, message]) });
});

afterAll(async () => {
  delete process.env.KILN_TEST_API;
  await rm(parent, { recursive: true, force: true });
  await new Promise<void>((resolve) => api.close(() => resolve()));
});

describe('payload safety', () => {
  test('a param holding </script> cannot break out of the inlined payload', async () => {
    const folder = encodeURIComponent(SCRIPT_SLUG);
    expect(folder).toBe('%3C%2Fscript%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    const html = await read(outDir, `pages/blog/${folder}.html`);
    // Two scripts only: the bootstrap module and the payload.
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).not.toContain('<script>alert(1)');
    expect(visibleText(html)).toContain(`Post ${SCRIPT_SLUG} slug=${SCRIPT_SLUG}`);
    expect(titleOf(html)).toBe(`Post ${SCRIPT_SLUG} · Basic`);
    const rsc = await read(outDir, `pages/blog/${folder}.rsc`);
    expect(inlinedPayload(html)).toEqual({ text: rsc });
    expect(rsc).toContain(JSON.stringify(SCRIPT_SLUG).slice(1, -1));
  });

  test('params are written under their encoded names and rendered decoded', async () => {
    const html = await read(outDir, 'pages/blog/c%2B%2B.html');
    expect(visibleText(html)).toContain('Post c++ slug=c++');
    expect(first.routes.find((r) => r.pattern === '/blog/[slug]')?.pages).toBe(3);
  });

  test('a generated path whose page calls notFound() is not written, with a warning', async () => {
    const blog = first.routes.find((r) => r.pattern === '/blog/[slug]');
    expect(blog).toMatchObject({ pages: 3, notFound: 1 });
    expect(existsSync(path.join(outDir, 'pages/blog/missing'))).toBe(false);
    const manifest = JSON.parse(await read(outDir, 'manifest.json'));
    expect(manifest.routes.find((r: { pattern: string }) => r.pattern === '/blog/[slug]').paths).toEqual([
      '/blog/%3C%2Fscript%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E',
      '/blog/c%2B%2B',
      '/blog/hello',
    ]);
    expect(first.warnings.map((w) => w.code)).toEqual(['BUILD_PAGE_NOT_FOUND']);
    expect(logged).toEqual([['warn', first.warnings[0].message]]);
    expect(first.warnings[0].message).toMatch(
      /^app\/blog\/\[slug\]\/page\.tsx \(route \/blog\/\[slug\]\) called notFound\(\) while prerendering \/blog\/missing,/,
    );
  });

  test('no page or payload holds an absolute path or server source (production React)', async () => {
    const files = await listFiles(path.join(outDir, 'pages'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = await read(outDir, `pages/${file}`);
      for (const needle of [root, kilnRoot, kilnRoot.replace(/\/$/, ''), 'node_modules', 'jsxDEV', 'getItem(']) {
        expect([file, needle, text.includes(needle)]).toEqual([file, needle, false]);
      }
    }
  });

  test('client components read the page through next/navigation hooks', async () => {
    expect(visibleText(await read(outDir, 'pages/@index.html'))).toBe('Home count is 1 on /');
  });

  test('a page that is a client component is rendered on the server', async () => {
    const html = await read(outDir, 'pages/client-page.html');
    expect(visibleText(html)).toBe('client page 0 off');
  });

  test('the default 404 page renders inside the root layout', async () => {
    const html = await read(outDir, 'pages/@404.html');
    expect(titleOf(html)).toBe('404: This page could not be found.');
    expect(visibleText(html)).toBe('404: This page could not be found.');
    expect(html).toContain('/_kiln/assets/');
  });
});

describe('per-render data: one GET per URL per render', () => {
  test('generateMetadata, the layout, the page and a nested component share one fetch per render', async () => {
    expect(apiHits.sort()).toEqual(['/items/1', '/items/2']);
    for (const id of ['1', '2']) {
      const html = await read(outDir, `pages/data/${id}.html`);
      expect(titleOf(html)).toBe(`Item ${id} from API · Basic`);
      const seen = [...visibleText(html).matchAll(/saw hits=(\d+)/g)].map((m) => m[1]);
      expect(seen).toHaveLength(3);
      expect(new Set(seen).size).toBe(1);
    }
  });

  test('React cache() runs once per render across generateMetadata, layout and nested component', () => {
    const counters = (globalThis as { __kilnFixture?: { cacheCalls: number } }).__kilnFixture;
    expect(counters?.cacheCalls).toBe(2);
  });
});

describe('route handlers', () => {
  test('are listed as dynamic handlers, never prerendered, and answered by the bundle', async () => {
    const manifest = JSON.parse(await read(outDir, 'manifest.json'));
    expect(manifest.routes.find((r: { pattern: string }) => r.pattern === '/api/hello')).toEqual({
      pattern: '/api/hello',
      file: 'app/api/hello/route.ts',
      type: 'handler',
      kind: 'dynamic',
      dynamicParams: true,
      revalidate: false,
      dynamic: 'auto',
      paths: [],
    });
    expect(existsSync(path.join(outDir, 'pages/api'))).toBe(false);
    const { entry } = await createRenderer(path.join(outDir, 'server'));
    const res = await entry.handler(new Request('http://x/api/hello?name=kiln'));
    expect([res.status, await res.json()]).toEqual([200, { hello: 'kiln' }]);
    const post = await entry.handler(new Request('http://x/api/hello', { method: 'POST' }));
    expect([post.status, post.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
  });
});

describe('a failing build', () => {
  test('names the file, route, path and component stack, and leaves the previous output as it was', async () => {
    const manifestBefore = await read(outDir, 'manifest.json');
    const boomBefore = await read(outDir, 'pages/boom.html');
    expect(visibleText(boomBefore)).toBe('no boom');
    process.env.KILN_TEST_BOOM = '1';
    let error: unknown;
    try {
      await build({ root, outDir, log: () => {} });
    } catch (e) {
      error = e;
    } finally {
      delete process.env.KILN_TEST_BOOM;
    }
    expect(isKilnError(error)).toBe(true);
    const e = error as KilnError;
    expect(e.code).toBe('RENDER_FAILED');
    expect(e.details).toMatchObject({ file: 'app/boom/page.tsx', route: '/boom', path: '/boom', reason: 'kaboom 1' });
    expect(e.message.split('\n').slice(0, 4)).toEqual([
      'Rendering /boom (route /boom) failed in app/boom/page.tsx: kaboom 1.',
      'Component stack:',
      '    at Boom (app/boom/page.tsx)',
      // The root layout imports CSS, so plugin-rsc's wrapper hides its function name.
      '    at Layout (app/layout.tsx)',
    ]);
    expect((e.cause as Error).message).toBe('kaboom 1');

    expect(await read(outDir, 'manifest.json')).toBe(manifestBefore);
    expect(await read(outDir, 'pages/boom.html')).toBe(boomBefore);
    expect(await readdir(parent)).toEqual(['dist']);
  });

  test('an app folder that is missing is a catalog error, before anything is written', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'kiln-empty-'));
    await expect(build({ root: empty })).rejects.toMatchObject({ code: 'BUILD_NO_APP_DIR' });
    expect(await readdir(empty)).toEqual([]);
    await rm(empty, { recursive: true });
  });

  test('an output folder over the sources is refused', async () => {
    await expect(build({ root, outDir: 'app' })).rejects.toMatchObject({ code: 'BUILD_OUT_DIR_UNSAFE' });
    await expect(build({ root, outDir: '.' })).rejects.toMatchObject({ code: 'BUILD_OUT_DIR_UNSAFE' });
    expect(await readFile(path.join(root, 'app/page.tsx'), 'utf8')).toContain('export default function Home');
  });
});
