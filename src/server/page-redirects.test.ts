/**
 * Pages that call `redirect()` / `permanentRedirect()`, as `kiln start` serves them: prerendered
 * (the manifest's `redirects` says which), rendered on demand and cached, and rendered per
 * request. A document request answers 307/308 with `Location`; the payload answers 200, for the
 * client router to follow.
 */
import { describe, expect, it } from 'vitest';
import type { ServerRenderer } from './bundle-renderer.ts';
import { createHandler, type HandlerOptions } from './handler.ts';
import { createMemoryCache } from './memory-cache.ts';
import { memoryOutput } from './test-output.ts';

const encoder = new TextEncoder();

const route = (pattern: string, file: string, kind: string, revalidate: number | false = false) => ({
  pattern,
  file,
  type: 'page',
  kind,
  dynamicParams: true,
  revalidate,
  dynamic: 'auto',
  paths: [],
});

const MANIFEST = {
  version: 1,
  appDir: 'app',
  buildId: 'b',
  routes: [
    route('/old', 'app/old/page.tsx', 'static'),
    route('/news/[id]', 'app/news/[id]/page.tsx', 'generated', 60),
    route('/blog/[slug]', 'app/blog/[slug]/page.tsx', 'generated'),
    route('/live', 'app/live/page.tsx', 'dynamic'),
  ],
  redirects: {
    '/old': { status: 308, location: '/new' },
    '/news/1': { status: 307, location: '/news/2' },
  },
};

const FILES: Record<string, string> = {
  'pages/old.html': 'META REFRESH OLD',
  'pages/old.rsc': 'REDIRECT PAYLOAD OLD',
  'pages/news/1.html': 'META REFRESH NEWS 1',
  'pages/news/1.rsc': 'REDIRECT PAYLOAD NEWS 1',
  'pages/@404.html': 'NOT FOUND PAGE',
};

/** Every page it renders redirects to `/to<pathname>`; temporary, or permanent for `/blog/forever`. */
function redirectingRenderer() {
  const renders: string[] = [];
  const renderer: ServerRenderer = {
    async renderPage(_file, _params, pathname) {
      renders.push(pathname);
      const status = pathname === '/blog/forever' ? 308 : 307;
      return { status, location: `/to${pathname}`, html: encoder.encode(`META ${pathname}`), rsc: encoder.encode(`PAYLOAD ${pathname}`) };
    },
    callHandler: async () => new Response(null, { status: 404 }),
  };
  return { renderer, renders };
}

async function setup(options: Partial<HandlerOptions> = {}) {
  const handler = await createHandler({ outDir: 'dist', files: memoryOutput(FILES, MANIFEST).source, cache: false, ...options });
  return async (path: string, init?: RequestInit) => {
    const response = await handler(new Request(`http://localhost${path}`, init));
    return {
      status: response.status,
      location: response.headers.get('location'),
      type: response.headers.get('content-type'),
      cacheControl: response.headers.get('cache-control'),
      text: await response.text(),
    };
  };
}

/** On a clock just after the build, so the prerendered `/news/1` (revalidate 60) is fresh. */
const isr = (renderer: ServerRenderer) => ({
  isr: { renderer, cache: { handler: createMemoryCache() }, now: () => 1_700_000_001_000, log: () => {} },
});

describe('a prerendered page that redirects', () => {
  for (const mode of ['files only', 'with ISR'] as const) {
    it(`answers its status and Location for the document, and its payload with 200 (${mode})`, async () => {
      const { renderer, renders } = redirectingRenderer();
      const get = await setup(mode === 'with ISR' ? isr(renderer) : {});
      expect(await get('/old?x=1')).toMatchObject({ status: 308, location: '/new', type: 'text/html; charset=utf-8', text: 'META REFRESH OLD' });
      expect(await get('/old', { method: 'HEAD' })).toMatchObject({ status: 308, location: '/new', text: '' });
      expect(await get('/_kiln/rsc/old.rsc')).toMatchObject({ status: 200, location: null, type: 'text/x-component', text: 'REDIRECT PAYLOAD OLD' });
      expect(await get('/news/1')).toMatchObject({ status: 307, location: '/news/2', text: 'META REFRESH NEWS 1' });
      expect(renders).toEqual([]);
    });
  }
});

describe('a page rendered on demand that redirects', () => {
  it('is rendered once, cached, and answered as a redirect for the document and 200 for the payload', async () => {
    const { renderer, renders } = redirectingRenderer();
    const get = await setup(isr(renderer));
    expect(await get('/blog/gone')).toMatchObject({ status: 307, location: '/to/blog/gone', text: 'META /blog/gone' });
    expect(await get('/blog/gone')).toMatchObject({ status: 307, location: '/to/blog/gone' });
    expect(await get('/_kiln/rsc/blog/gone.rsc')).toMatchObject({ status: 200, location: null, type: 'text/x-component', text: 'PAYLOAD /blog/gone' });
    expect(await get('/blog/forever')).toMatchObject({ status: 308, location: '/to/blog/forever' });
    expect(renders).toEqual(['/blog/gone', '/blog/forever']);
  });

  it('is rendered per request on a dynamic route, never stored', async () => {
    const { renderer, renders } = redirectingRenderer();
    const get = await setup(isr(renderer));
    expect(await get('/live')).toMatchObject({ status: 307, location: '/to/live', cacheControl: 'no-store', text: 'META /live' });
    expect(await get('/_kiln/rsc/live.rsc')).toMatchObject({ status: 200, location: null, text: 'PAYLOAD /live' });
    expect(renders).toEqual(['/live', '/live']);
  });
});

describe('the manifest', () => {
  it('names a bad redirect entry', async () => {
    const bad = { ...MANIFEST, redirects: { '/old': { status: 302, location: '/new' } } };
    await expect(createHandler({ outDir: 'dist', files: memoryOutput(FILES, bad).source })).rejects.toThrow(
      'dist/manifest.json is not a build manifest this server can read: redirects["/old"].status is 302; expected 307 or 308.',
    );
    const unsafe = { ...MANIFEST, redirects: { '/old': { status: 307, location: '/a\r\nx: y' } } };
    await expect(createHandler({ outDir: 'dist', files: memoryOutput(FILES, unsafe).source })).rejects.toThrow(
      'redirects["/old"].location is "/a\\r\\nx: y"; expected a URL of printable ASCII characters.',
    );
  });
});
