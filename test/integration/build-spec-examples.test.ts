/**
 * Builds the app holding every example of the generateStaticParams spec page and checks each
 * generated page, the 404 page and the manifest, as a user would find them.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build, createRenderer, type BuildProgress, type BuildResult } from '../../src/build/index.ts';
import { inlinedPayload, listFiles, read, titleOf, visibleText } from './build-helpers.ts';
import { pageFileInPages } from '../../src/output/page-files.ts';

const root = path.resolve(import.meta.dirname, '../fixtures/spec-examples');
let outDir: string;
let result: BuildResult;
const progress: BuildProgress[] = [];

beforeAll(async () => {
  outDir = path.join(await mkdtemp(path.join(tmpdir(), 'kiln-spec-')), 'dist');
  result = await build({ root, outDir, onProgress: (e) => progress.push(e), log: () => {} });
});
afterAll(() => rm(path.dirname(outDir), { recursive: true, force: true }));

const pages: Array<[path: string, title: string, text: string[]]> = [
  ['/', 'Spec Store', ['Welcome to the Spec Store', 'Visitors: 0']],
  ['/product/1', 'Product 1 | Spec Store', ['Product 1']],
  ['/product/2', 'Product 2 | Spec Store', ['Product 2']],
  ['/product/3', 'Product 3 | Spec Store', ['Product 3']],
  ['/products/a/1', 'Products a/1 | Spec Store', ['Category a, product 1', 'Horn anvil']],
  ['/products/b/2', 'Products b/2 | Spec Store', ['Category b, product 2', 'Foot bellows']],
  ['/products/c/3', 'Products c/3 | Spec Store', ['Category c, product 3', 'Clay crucible']],
  ['/shop/a/1', 'Shop a/1 | Spec Store', ['Shop a / 1', '2 parts']],
  ['/shop/b/2', 'Shop b/2 | Spec Store', ['Shop b / 2']],
  ['/shop/c/3', 'Shop c/3 | Spec Store', ['Shop c / 3']],
  ['/catalog/a/1', 'Item 1 · Catalog', ['Catalog section a', 'Horn anvil', 'In Anvils (a), id 1']],
  ['/catalog/b/2', 'Item 2 · Catalog', ['Catalog section b', 'Foot bellows']],
  ['/catalog/c/3', 'Item 3 · Catalog', ['Catalog section c', 'Clay crucible']],
];

describe('spec examples build', () => {
  test.each(pages)('%s has its title and text, and a payload', async (pathname, title, texts) => {
    const page = `pages/${pageFileInPages(pathname, '')}`;
    const html = await read(outDir, `${page}.html`);
    expect(html.startsWith('<!DOCTYPE html><html lang="en"><head>')).toBe(true);
    expect(titleOf(html)).toBe(title);
    const text = visibleText(html);
    expect(text.startsWith('Spec Store ')).toBe(true); // the root layout's header
    for (const t of texts) expect(text).toContain(t);
    const rsc = await read(outDir, `${page}.rsc`);
    expect(inlinedPayload(html)).toEqual({ text: rsc });
    expect(rsc).toContain(`"pathname":"${pathname}"`);
  });

  test('no other page was written', async () => {
    const files = (await listFiles(path.join(outDir, 'pages'))).filter((f) => f.endsWith('.html') && f !== '@404.html');
    const expected = pages.map(([p]) => pageFileInPages(p, '.html')).sort();
    expect(files).toEqual(expected);
  });

  test('404.html is the root not-found page inside the root layout', async () => {
    const html = await read(outDir, 'pages/@404.html');
    expect(titleOf(html)).toBe('Not here | Spec Store');
    expect(visibleText(html)).toBe('Spec Store Nothing in the forge This page could not be found.');
    expect(html).toContain('<meta name="robots" content="noindex"/>');
  });

  test('the manifest lists every route, its kind and its prerendered paths', async () => {
    const manifest = JSON.parse(await read(outDir, 'manifest.json'));
    expect(manifest.version).toBe(1);
    expect(manifest.appDir).toBe('app');
    expect(manifest.buildId).toBe(result.buildId);
    const config = { dynamicParams: true, revalidate: false, dynamic: 'auto' };
    expect(manifest.routes).toEqual([
      { pattern: '/', file: 'app/page.tsx', type: 'page', kind: 'static', ...config, paths: ['/'] },
      { pattern: '/product/[id]', file: 'app/product/[id]/page.tsx', type: 'page', kind: 'generated', ...config, paths: ['/product/1', '/product/2', '/product/3'] },
      { pattern: '/catalog/[category]/[product]', file: 'app/catalog/[category]/[product]/page.tsx', type: 'page', kind: 'generated', ...config, paths: ['/catalog/a/1', '/catalog/b/2', '/catalog/c/3'] },
      { pattern: '/products/[category]/[product]', file: 'app/products/[category]/[product]/page.tsx', type: 'page', kind: 'generated', ...config, paths: ['/products/a/1', '/products/b/2', '/products/c/3'] },
      { pattern: '/shop/[...slug]', file: 'app/shop/[...slug]/page.tsx', type: 'page', kind: 'generated', ...config, paths: ['/shop/a/1', '/shop/b/2', '/shop/c/3'] },
    ]);
  });

  test('the client component is server-rendered and its code is in the client bundle', async () => {
    const html = await read(outDir, 'pages/@index.html');
    expect(html).toContain('<button type="button" id="counter">Visitors<!-- -->: <!-- -->0</button>');
    const bootstrap = /<script type="module" src="(\/_kiln\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(bootstrap).toBeDefined();
    expect(existsSync(path.join(outDir, 'client', bootstrap!))).toBe(true);
    const clientFiles = await listFiles(path.join(outDir, 'client'));
    const withCounter = await Promise.all(clientFiles.filter((f) => f.endsWith('.js')).map((f) => read(outDir, `client/${f}`)));
    expect(withCounter.some((code) => code.includes('Visitors') || code.includes('useState'))).toBe(true);
  });

  test('CSS imported by the root layout is bundled and linked from every page', async () => {
    for (const file of ['pages/@index.html', 'pages/shop/a/1.html', 'pages/@404.html']) {
      const html = await read(outDir, file);
      const href = /<link rel="stylesheet"[^>]*href="(\/_kiln\/assets\/[^"]+\.css)"/.exec(html)?.[1];
      expect(href).toBeDefined();
      expect(await read(outDir, `client${href}`)).toContain('Georgia');
    }
  });

  test('the report counts routes and pages; progress ends with every page', async () => {
    expect(result.pages).toBe(13);
    expect(result.routes.map((r) => [r.pattern, r.kind, r.pages])).toEqual([
      ['/', 'static', 1],
      ['/product/[id]', 'generated', 3],
      ['/catalog/[category]/[product]', 'generated', 3],
      ['/products/[category]/[product]', 'generated', 3],
      ['/shop/[...slug]', 'generated', 3],
    ]);
    const notFoundBytes = (await stat(path.join(outDir, 'pages/@404.html'))).size;
    expect(result.sizes.pages).toBe(result.routes.reduce((sum, r) => sum + r.bytes, 0) + notFoundBytes);
    expect(result.sizes.client).toBeGreaterThan(0);
    expect(progress[0]).toEqual({ phase: 'bundle', pages: 0, pagesPerSecond: 0 });
    expect(progress.filter((e) => e.pathname !== undefined).map((e) => e.pages)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(progress.at(-1)).toMatchObject({ phase: 'finish', pages: 13, total: 13 });
  });
});

describe('the built server bundle, imported from the output folder', () => {
  test('renders on demand, with the nearest not-found file for notFound() and unknown paths', async () => {
    const { entry } = await createRenderer(path.join(outDir, 'server'));
    const text = (bytes: Uint8Array) => visibleText(new TextDecoder().decode(bytes));

    const known = await entry.renderPath('/catalog/b/2');
    expect([known.status, text(known.html)]).toEqual([200, 'Spec Store Catalog section b Foot bellows In Bellows (b), id 2']);

    // The page calls notFound(): app/catalog/not-found.tsx is nearer than the root one.
    const missing = await entry.renderPath('/catalog/a/9');
    expect([missing.status, text(missing.html)]).toEqual([404, 'Spec Store No such catalog item']);

    const unknown = await entry.renderPath('/no/such/page');
    expect([unknown.status, text(unknown.html)]).toEqual([404, 'Spec Store Nothing in the forge This page could not be found.']);

    const res = await entry.handler(new Request('http://x/_kiln/rsc/product/2.rsc'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/x-component');
    expect(await res.text()).toBe(await read(outDir, 'pages/product/2.rsc'));
    expect((await entry.handler(new Request('http://x/a%ZZ'))).status).toBe(400);
  });
});
