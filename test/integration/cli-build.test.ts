/**
 * `kiln build` and `kiln start` through the CLI: the spec page's examples served over HTTP, and
 * bad input failing with its catalog message while the previous output stays in place.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { get } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, runKiln, startKiln } from '../helpers/cli.ts';

describe('kiln build + kiln start on the spec examples', () => {
  let app: string;
  let server: Awaited<ReturnType<typeof startKiln>>;
  let stdout: string;

  beforeAll(async () => {
    app = await copyFixture('spec-examples');
    const built = await runKiln(['build', app]);
    expect(built.code, built.stderr).toBe(0);
    stdout = built.stdout;
    server = await startKiln(['start', app, '--port', '0', '--host', '127.0.0.1']);
  });
  afterAll(async () => {
    expect(await server?.stop()).toBe(0);
  });

  it('prints the route table with kinds, counts and first paths', () => {
    expect(stdout).toMatch(/^○ \/ +1 /m);
    expect(stdout).toMatch(/^● \/catalog\/\[category\]\/\[product\] +3 /m);
    expect(stdout).toContain('  ├ /shop/a/1');
    // Three paths and no "+N more" line: the last path closes the route's tree.
    expect(stdout).toMatch(/^ {2}├ \/product\/2\n {2}└ \/product\/3\n● /m);
    expect(stdout).toContain('13 pages prerendered');
  });

  it.each([
    ['/product/1', 'Product 1 | Spec Store', 'Product 1'],
    ['/product/3', 'Product 3 | Spec Store', 'Product 3'],
    ['/products/b/2', 'Products b/2 | Spec Store', 'Foot bellows'],
    ['/shop/c/3', 'Shop c/3 | Spec Store', 'Shop c / 3'],
    ['/catalog/a/1', 'Item 1 · Catalog', 'Horn anvil'],
  ])('serves %s with its title and text', async (pathname, title, text) => {
    const res = await fetch(server.url + pathname);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    expect(html).toContain(`<title>${title}</title>`);
    expect(html.replace(/<!-- -->/g, '')).toContain(text);
  });

  it('renders unknown params of a dynamicParams route on demand, then serves them from the cache', async () => {
    const first = await fetch(`${server.url}/product/4`);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-kiln-cache')).toBe('MISS');
    expect((await first.text()).replace(/<!-- -->/g, '')).toContain('<title>Product 4 | Spec Store</title>');
    const second = await fetch(`${server.url}/product/4`);
    expect(second.headers.get('x-kiln-cache')).toBe('HIT');
  });

  it('serves the payload for client navigation', async () => {
    const res = await fetch(`${server.url}/_kiln/rsc/product/2.rsc`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/x-component/);
    expect(await res.text()).toContain('"pathname":"/product/2"');
  });

  it('answers 404 with the not-found page, and 400 for malformed or escaping paths', async () => {
    const missing = await fetch(`${server.url}/no/such/page`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('<h1>');
    expect((await fetch(`${server.url}/product/%E0%A4%A`)).status).toBe(400);
    // fetch() would resolve the dots itself; send the raw path as an attacker would.
    expect(await rawStatus(server.url, '/%2e%2e/manifest.json')).toBe(400);
    expect(await rawStatus(server.url, '/_kiln/assets/..%2f..%2fmanifest.json')).toBe(400);
  });
});

describe('kiln build on bad input', () => {
  it('refuses a "use client" page that exports generateStaticParams', async () => {
    const app = await copyFixture('client-gsp');
    const result = await runKiln(['build', app]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'error app/items/[id]/page.tsx is a "use client" module and exports generateStaticParams; expected generateStaticParams in a server page or layout, since it runs at build time on the server. Hint: Remove "use client" from app/items/[id]/page.tsx and move the interactive part into a client component it imports.\n',
    );
  });

  it('names the file, route, key and value of a non-string param, and keeps the previous output', async () => {
    const app = await copyFixture('bad-params');
    await mkdir(path.join(app, 'dist/pages'), { recursive: true });
    await writeFile(path.join(app, 'dist/pages/@index.html'), 'previous build');
    const result = await runKiln(['build', app]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'error app/shop/[id]/page.tsx: generateStaticParams() for route /shop/[id] returned { id: 1 } at index 0; "id" must be a string (got number). Hint: Return { id: String(value) }.\n',
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(await readFile(path.join(app, 'dist/pages/@index.html'), 'utf8')).toBe('previous build');
    expect((await readdir(app)).filter((f) => f.includes('kiln-'))).toEqual([]);
    expect(existsSync(path.join(app, 'dist/manifest.json'))).toBe(false);
  });
});

function rawStatus(base: string, rawPath: string): Promise<number | undefined> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    get({ hostname, port, path: rawPath }, (res) => {
      res.resume();
      resolve(res.statusCode);
    }).on('error', reject);
  });
}

describe('kiln build --export', () => {
  it('refuses a route a static host cannot serve, naming its file, before prerendering', async () => {
    const app = await copyFixture('isr');
    const result = await runKiln(['build', app, '--export']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "error app/live/[id]/page.tsx (route /live/[id]) is a dynamic route without generateStaticParams, and output: 'export' writes only static files, so nothing could answer its paths. Hint: Export generateStaticParams from the page (or a layout above it) listing every path to prerender. Or build without --export.\n",
    );
    expect(existsSync(path.join(app, 'out'))).toBe(false);
    expect(existsSync(path.join(app, 'dist'))).toBe(false);
  });

  it('writes out/ with every page as a static file', async () => {
    const app = await copyFixture('spec-examples');
    const result = await runKiln(['build', app, '--export']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/✓ exported 14 pages \(\d+ files\) to .*out\n/);
    expect(await readFile(path.join(app, 'out/product/2.html'), 'utf8')).toContain('<title>Product 2 | Spec Store</title>');
    expect(existsSync(path.join(app, 'out/404.html'))).toBe(true);
    expect(existsSync(path.join(app, 'out/_kiln/rsc/shop/a/1.rsc'))).toBe(true);
  });
});
