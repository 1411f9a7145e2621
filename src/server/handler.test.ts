import { describe, expect, it } from 'vitest';
import { createHandler, type HandlerOptions, type OnDemand } from './handler.ts';
import type { FileSource } from './file-source.ts';
import { memoryOutput } from './test-output.ts';


const route = (pattern: string, file: string, kind: string, dynamicParams: boolean, type = 'page') => ({
  pattern,
  file,
  type,
  kind,
  dynamicParams,
  revalidate: false,
  dynamic: 'auto',
  paths: [],
});

const MANIFEST = {
  version: 1,
  appDir: 'src/app',
  buildId: 'b',
  routes: [
    route('/', 'src/app/page.tsx', 'static', true),
    route('/tags/[tag]', 'src/app/tags/[tag]/page.tsx', 'generated', false),
    route('/blog/[slug]', 'src/app/blog/[slug]/page.tsx', 'generated', true),
    route('/shop/[[...path]]', 'src/app/shop/[[...path]]/page.tsx', 'generated', true),
    route('/live', 'src/app/live/page.tsx', 'dynamic', true),
    route('/api/items', 'src/app/api/items/route.ts', 'dynamic', true, 'handler'),
  ],
};

const FILES: Record<string, string> = {
  'pages/@index.html': 'HOME',
  'pages/@index.rsc': 'HOME-RSC',
  'pages/tags/c%2B%2B.html': 'TAG C++',
  'pages/tags/c%2B%2B.rsc': 'TAG C++ RSC',
  'pages/tags/a%2Fb.html': 'TAG A/B',
  'pages/blog/first.html': 'BLOG FIRST',
  'pages/shop.html': 'SHOP',
  'pages/shop/x/y.html': 'SHOP X Y',
  'pages/@404.html': 'NOT FOUND PAGE',
  'client/favicon.ico': 'ICO',
  'client/_kiln/assets/app-1.js': 'JS',
  'client/assets/logo.svg': '<svg/>',
  'client/.vite/manifest.json': '{}',
};

async function setup(options: Partial<HandlerOptions> = {}, manifest: unknown = MANIFEST) {
  const { source, opened } = memoryOutput(FILES, manifest);
  const handler = await createHandler({ outDir: 'dist', files: source, cache: false, ...options });
  opened.length = 0;
  const get = async (path: string, init?: RequestInit) => {
    const response = await handler(new Request(`http://localhost${path}`, init));
    return { response, text: await response.text() };
  };
  return { handler, get, opened };
}

describe('createHandler over a memory output', () => {
  it('canonicalises every spelling of a value to the file href() names', async () => {
    const { get, opened } = await setup();
    for (const path of ['/tags/c++', '/tags/c%2B%2B', '/tags/c%2b%2b', '/tags/c%2B+']) {
      const { response, text } = await get(path);
      expect([path, response.status, text]).toEqual([path, 200, 'TAG C++']);
    }
    expect(new Set(opened)).toEqual(new Set(['pages/tags/c%2B%2B.html']));
    expect((await get('/tags/a%2Fb')).text).toBe('TAG A/B');
  });

  it('maps payload URLs with the same canonicalisation', async () => {
    const { get, opened } = await setup();
    const { response, text } = await get('/_kiln/rsc/tags/c++.rsc');
    expect([response.status, text, response.headers.get('content-type')]).toEqual([200, 'TAG C++ RSC', 'text/x-component']);
    expect((await get('/_kiln/rsc.rsc')).text).toBe('HOME-RSC');
    expect(opened).toEqual(['pages/tags/c%2B%2B.rsc', 'pages/@index.rsc']);
  });

  it('serves optional catch-all pages with zero and more parts', async () => {
    const { get, opened } = await setup();
    expect((await get('/shop')).text).toBe('SHOP');
    expect((await get('/shop/x/y')).text).toBe('SHOP X Y');
    expect(opened).toEqual(['pages/shop.html', 'pages/shop/x/y.html']);
  });

  it('only ever opens files under client/ and pages/ with plain relative names', async () => {
    const { get, opened } = await setup();
    const attempts = ['/../manifest.json', '/%2e%2e/manifest.json', '/_kiln/assets/..%2f..%2fmanifest.json',
      '/tags/..%2F..%2Fmanifest.json', '/%252e%252e/manifest.json', '/_kiln/assets/%252e%252e/x', '/manifest.json'];
    for (const path of attempts) {
      const { response } = await get(path);
      expect([path, [400, 404].includes(response.status)]).toEqual([path, true]);
    }
    for (const path of opened) {
      expect(path).toMatch(/^(client|pages)\//);
      expect(path.split('/')).not.toContain('..');
    }
  });

  it('does not open a public file for page paths, nor Vite metadata', async () => {
    const { get, opened } = await setup();
    expect((await get('/favicon.ico')).text).toBe('ICO');
    expect((await get('/.vite/manifest.json')).response.status).toBe(404);
    expect(opened).toEqual(['client/favicon.ico']);
  });

  it("caches hashed bundles for a year, and the app's public/assets/ files only until revalidated", async () => {
    const { get } = await setup();
    const bundle = await get('/_kiln/assets/app-1.js');
    expect([bundle.text, bundle.response.headers.get('cache-control')]).toEqual(['JS', 'public, max-age=31536000, immutable']);
    const logo = await get('/assets/logo.svg');
    expect([logo.text, logo.response.headers.get('cache-control'), logo.response.headers.get('content-type')])
      .toEqual(['<svg/>', 'public, max-age=0, must-revalidate', 'image/svg+xml']);
    const etag = logo.response.headers.get('etag')!;
    expect((await get('/assets/logo.svg', { headers: { 'if-none-match': etag } })).response.status).toBe(304);
    // The bundle folder is Kiln's alone: a file there is a bundle or nothing, never a page.
    expect((await get('/_kiln/assets/logo.svg')).response.status).toBe(404);
  });

  it('answers 404 with the not-found page, and plain 404 for payloads', async () => {
    const { get } = await setup();
    const miss = await get('/tags/zzz');
    expect([miss.response.status, miss.text, miss.response.headers.get('content-type')]).toEqual([
      404,
      'NOT FOUND PAGE',
      'text/html; charset=utf-8',
    ]);
    const payload = await get('/_kiln/rsc/tags/zzz.rsc');
    expect([payload.response.status, payload.text]).toEqual([404, 'Not Found\n']);
  });

  it('falls back to a plain 404 when the build has no not-found page', async () => {
    const { source } = memoryOutput({ 'pages/@index.html': 'HOME' }, MANIFEST);
    const handler = await createHandler({ outDir: 'dist', files: source });
    const response = await handler(new Request('http://localhost/nope'));
    expect([response.status, await response.text()]).toEqual([404, 'Not Found\n']);
  });

  it('redirects a trailing slash to the canonical href', async () => {
    const { get } = await setup();
    const { response } = await get('/tags/c++/?a=1');
    expect([response.status, response.headers.get('location')]).toEqual([308, '/tags/c%2B%2B?a=1']);
  });

  it('with trailingSlash in the manifest, redirects to the slashed href and serves it; / stays /', async () => {
    const { get } = await setup({}, { ...MANIFEST, trailingSlash: true });
    const bare = await get('/tags/c++?a=1');
    expect([bare.response.status, bare.response.headers.get('location')]).toEqual([308, '/tags/c%2B%2B/?a=1']);
    expect((await get('/tags/c++/')).text).toBe('TAG C++');
    expect((await get('/')).text).toBe('HOME');
    expect((await get('/_kiln/rsc/tags/c++.rsc')).text).toBe('TAG C++ RSC');
    expect((await get('/favicon.ico')).text).toBe('ICO');
  });

  it('answers HEAD and 304 without a body', async () => {
    const { get } = await setup();
    const head = await get('/', { method: 'HEAD' });
    expect([head.response.status, head.text, head.response.headers.get('content-length')]).toEqual([200, '', '4']);
    const etag = head.response.headers.get('etag')!;
    const cached = await get('/', { headers: { 'if-none-match': etag } });
    expect([cached.response.status, cached.text, cached.response.headers.get('etag')]).toEqual([304, '', etag]);
  });

  it('answers 405 for other methods without an on-demand renderer', async () => {
    const { get } = await setup();
    for (const path of ['/', '/live', '/api/items', '/favicon.ico', '/_kiln/assets/app-1.js', '/_kiln/x']) {
      const { response } = await get(path, { method: 'POST' });
      expect([path, response.status, response.headers.get('allow')]).toEqual([path, 405, 'GET, HEAD']);
    }
  });

  it('answers 400 for malformed page paths', async () => {
    const { get } = await setup();
    for (const path of ['/tags/%zz', '/tags/%00', '/tags/%C0%AE']) {
      const { response, text } = await get(path);
      expect([path, response.status, text.startsWith('Bad Request: ')]).toEqual([path, 400, true]);
    }
  });

  it('turns a thrown error into a 500 and reports it', async () => {
    const errors: unknown[] = [];
    const { source } = memoryOutput(FILES, MANIFEST);
    const failing: FileSource = {
      ...source,
      open: async (root, rel) => {
        if (rel === '_kiln/assets/app-1.js') throw new Error('disk on fire');
        return source.open(root, rel);
      },
    };
    const handler = await createHandler({ outDir: 'dist', files: failing, onError: (e) => errors.push(e) });
    const response = await handler(new Request('http://localhost/_kiln/assets/app-1.js'));
    expect([response.status, await response.text()]).toEqual([500, 'Internal Server Error\n']);
    expect(errors.map((e) => (e as Error).message)).toEqual(['disk on fire']);
  });
});

describe('the on-demand hook', () => {
  function recorder(answer: () => Response | null = () => new Response('RENDERED')) {
    const calls: string[] = [];
    const onDemand: OnDemand = async (route, params, request, info) => {
      calls.push(`${request.method} ${route.route.pattern} ${route.entry.kind} ${JSON.stringify(params)} ${info.format}`);
      return answer();
    };
    return { calls, onDemand };
  }

  it('renders dynamic routes and prerender misses with dynamicParams true', async () => {
    const { calls, onDemand } = recorder();
    const { get } = await setup({ onDemand });
    expect((await get('/live')).text).toBe('RENDERED');
    expect((await get('/blog/new%20post')).text).toBe('RENDERED');
    expect((await get('/_kiln/rsc/blog/new.rsc')).text).toBe('RENDERED');
    expect((await get('/shop/a/b/c')).text).toBe('RENDERED');
    expect(calls).toEqual([
      'GET /live dynamic {} html',
      'GET /blog/[slug] generated {"slug":"new post"} html',
      'GET /blog/[slug] generated {"slug":"new"} rsc',
      'GET /shop/[[...path]] generated {"path":["a","b","c"]} html',
    ]);
  });

  it('is not called for prerendered hits, dynamicParams false, or unknown paths', async () => {
    const { calls, onDemand } = recorder();
    const { get } = await setup({ onDemand });
    expect((await get('/blog/first')).text).toBe('BLOG FIRST');
    expect((await get('/tags/zzz')).response.status).toBe(404);
    expect((await get('/_kiln/rsc/tags/zzz.rsc')).response.status).toBe(404);
    expect((await get('/nope')).response.status).toBe(404);
    expect(calls).toEqual([]);
  });

  it('gets route handlers with any method, and non-GET page requests', async () => {
    const { calls, onDemand } = recorder();
    const { get } = await setup({ onDemand });
    expect((await get('/api/items', { method: 'POST', body: 'x' })).text).toBe('RENDERED');
    expect((await get('/api/items')).text).toBe('RENDERED');
    expect((await get('/blog/first', { method: 'POST', body: 'x' })).text).toBe('RENDERED');
    expect((await get('/_kiln/rsc/api/items.rsc')).response.status).toBe(404);
    expect(calls).toEqual([
      'POST /api/items dynamic {} html',
      'GET /api/items dynamic {} html',
      'POST /blog/[slug] generated {"slug":"first"} html',
    ]);
  });

  it('answers 404 when the hook declines', async () => {
    const { onDemand } = recorder(() => null);
    const { get } = await setup({ onDemand });
    const { response, text } = await get('/live');
    expect([response.status, text]).toEqual([404, 'NOT FOUND PAGE']);
  });
});

describe('start-up errors', () => {
  it('names the missing manifest', async () => {
    const source: FileSource = { readManifest: async () => null, open: async () => null, list: async () => [] };
    await expect(createHandler({ outDir: 'build/out/', files: source })).rejects.toThrow(
      'There is no build to serve in build/out/: build/out/manifest.json is missing. Expected the output folder ' +
        'that `kiln build` writes (manifest.json, pages/, client/). Hint: Run `kiln build` first, or point ' +
        '`kiln start` at the output folder with --out.',
    );
  });

  it('names the manifest, the route and the bad field', async () => {
    const bad = { ...MANIFEST, routes: [{ ...MANIFEST.routes[1], dynamicParams: 'no' }] };
    await expect(setup({}, bad)).rejects.toThrow(
      'dist/manifest.json is not a build manifest this server can read: route /tags/[tag]: dynamicParams is "no"; ' +
        'expected true or false. Hint: Rebuild with `kiln build` from the same Kiln version that runs `kiln start`.',
    );
    await expect(setup({}, { ...MANIFEST, version: 2 })).rejects.toThrow(
      'dist/manifest.json is not a build manifest this server can read: version is 2; expected 1.',
    );
  });
});
