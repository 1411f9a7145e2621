import { isValidElement, type ReactNode } from 'react';
import { describe, expect, test } from 'vitest';
import { isKilnError, type KilnError } from '../errors.ts';
import { notFound, permanentRedirect, redirect } from '../next/navigation.ts';
import type { RouteModule } from '../params/types.ts';
import { buildRouteTree, createMatcher } from '../routing/index.ts';
import { Layer } from './layer.tsx';
import { createPageRenderer } from './render-page.ts';
import type { HtmlResult, Payload } from './types.ts';

const files = [
  'layout.tsx',
  'not-found.tsx',
  'shop/layout.tsx',
  'shop/not-found.tsx',
  'shop/[id]/layout.tsx',
  'shop/[id]/page.tsx',
];
const tree = buildRouteTree(files, 'app');
const named = (name: string) => Object.defineProperty(() => null, 'name', { value: name });
const modules: Record<string, RouteModule> = {
  'app/layout.tsx': { default: named('RootLayout') },
  'app/not-found.tsx': { default: named('RootNotFound') },
  'app/shop/layout.tsx': { default: named('ShopLayout') },
  'app/shop/not-found.tsx': { default: named('ShopNotFound') },
  'app/shop/[id]/layout.tsx': { default: named('ItemLayout') },
  'app/shop/[id]/page.tsx': { default: named('ItemPage') },
};

/** The app files a composed tree would render, outermost first. */
function layerFiles(node: ReactNode, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => layerFiles(n, out));
  else if (isValidElement(node)) {
    const props = node.props as { file?: string; props?: { children?: ReactNode }; children?: ReactNode };
    if (node.type === Layer) {
      out.push(props.file!);
      layerFiles(props.props?.children, out);
    } else layerFiles(props.children, out);
  }
  return out;
}

/**
 * A renderer whose "Flight" reports notFound() for any tree holding one of `throwing`, and
 * whose "HTML" is the list of files rendered.
 */
function renderer(
  opts: {
    throwing?: string[];
    failing?: string;
    /** Files whose render throws this (a redirect() error), before any notFound() in `throwing`. */
    redirecting?: { files: string[]; error: () => never };
    html?: (files: string[]) => HtmlResult;
    publicHref?: (url: string) => string;
  } = {},
) {
  return createPageRenderer({
    tree,
    load: async (file) => modules[file],
    match: createMatcher(tree),
    publicHref: opts.publicHref,
    async flight(payload: Payload) {
      if (payload.root === null) {
        const { pathname, params, status, redirect: to } = payload;
        return { bytes: new TextEncoder().encode(JSON.stringify({ redirect: to, status, pathname, params })), errors: [] };
      }
      const rendered = layerFiles(payload.root);
      const errors: unknown[] = [];
      for (const f of opts.redirecting?.files ?? []) {
        if (rendered.includes(f)) {
          try {
            opts.redirecting!.error();
          } catch (e) {
            errors.push(e);
          }
        }
      }
      if (opts.failing && rendered.includes(opts.failing)) errors.push(new Error('db down'));
      for (const f of opts.throwing ?? []) {
        if (rendered.includes(f)) {
          try {
            notFound();
          } catch (e) {
            errors.push(e);
          }
        }
      }
      return { bytes: new TextEncoder().encode(JSON.stringify(rendered)), errors };
    },
    async html(rsc) {
      const rendered = JSON.parse(new TextDecoder().decode(rsc)) as string[];
      return opts.html?.(rendered) ?? { ok: true, html: rsc };
    },
  });
}

const shown = (bytes: Uint8Array): string[] => JSON.parse(new TextDecoder().decode(bytes));

describe('createPageRenderer', () => {
  test('a page renders inside its layouts, root first', async () => {
    const r = await renderer().renderPath('/shop/7');
    expect(r.status).toBe(200);
    expect(shown(r.html)).toEqual(['app/layout.tsx', 'app/shop/layout.tsx', 'app/shop/[id]/layout.tsx', 'app/shop/[id]/page.tsx']);
  });

  test('notFound() in a page renders the nearest not-found file inside the layouts above it', async () => {
    const r = await renderer({ throwing: ['app/shop/[id]/page.tsx'] }).renderPath('/shop/7');
    expect(r.status).toBe(404);
    expect(shown(r.html)).toEqual(['app/layout.tsx', 'app/shop/layout.tsx', 'app/shop/not-found.tsx']);
  });

  test('notFound() in a layout falls back one folder up at a time', async () => {
    const r = await renderer({ throwing: ['app/shop/layout.tsx'] }).renderPath('/shop/7');
    expect([r.status, shown(r.html)]).toEqual([404, ['app/layout.tsx', 'app/not-found.tsx']]);
  });

  test('when even the root layout calls notFound(), Kiln renders its own 404 without it', async () => {
    const r = await renderer({ throwing: ['app/layout.tsx'] }).renderPath('/shop/7');
    expect([r.status, shown(r.html)]).toEqual([404, []]);
  });

  test('a path matching nothing gets the root not-found page', async () => {
    const r = await renderer().renderPath('/elsewhere');
    expect([r.status, shown(r.html)]).toEqual([404, ['app/layout.tsx', 'app/not-found.tsx']]);
    const explicit = await renderer().renderNotFound();
    expect(shown(explicit.html)).toEqual(['app/layout.tsx', 'app/not-found.tsx']);
  });

  test('any other server error fails with a catalog error naming file, route, path and stack', async () => {
    let error: unknown;
    await renderer({ failing: 'app/shop/[id]/page.tsx' })
      .renderPath('/shop/7')
      .catch((e) => (error = e));
    expect(isKilnError(error)).toBe(true);
    const e = error as KilnError;
    expect(e.code).toBe('RENDER_FAILED');
    expect(e.details).toMatchObject({ file: 'app/shop/[id]/page.tsx', route: '/shop/[id]', path: '/shop/7', reason: 'db down', phase: 'flight' });
    expect(e.message.split('\n').slice(0, 6)).toEqual([
      'Rendering /shop/7 (route /shop/[id]) failed in app/shop/[id]/page.tsx: db down.',
      'Component stack:',
      '    at ItemPage (app/shop/[id]/page.tsx)',
      '    at ItemLayout (app/shop/[id]/layout.tsx)',
      '    at ShopLayout (app/shop/layout.tsx)',
      '    at RootLayout (app/layout.tsx)',
    ]);
  });

  test("an error while rendering HTML carries React's component stack", async () => {
    const stack = '\n    at Counter (app/counter.tsx)\n    at main';
    let error: unknown;
    await renderer({ html: () => ({ ok: false, error: new Error('window is not defined'), componentStack: stack }) })
      .renderPath('/shop/7')
      .catch((e) => (error = e));
    const e = error as KilnError;
    expect(e.details).toMatchObject({ phase: 'html', componentStack: stack, reason: 'window is not defined' });
    expect(e.message).toContain(`failed in app/shop/[id]/page.tsx: window is not defined.\nComponent stack:${stack}`);
    expect(e.hint).toContain('client component');
  });

  test('redirect() in a page: 307 with the Location, a meta-refresh document and a payload the router follows', async () => {
    const r = await renderer({
      redirecting: { files: ['app/shop/[id]/page.tsx'], error: () => redirect('/shop/8?from=7') },
      publicHref: (url) => `/docs${url}`,
    }).renderPath('/shop/7');
    expect([r.status, r.location]).toEqual([307, '/docs/shop/8?from=7']);
    expect(JSON.parse(new TextDecoder().decode(r.rsc))).toEqual({ redirect: '/shop/8?from=7', status: 307, pathname: '/shop/7', params: { id: '7' } });
    expect(new TextDecoder().decode(r.html)).toBe(
      '<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=/docs/shop/8?from=7">' +
        '<meta name="robots" content="noindex"><title>Redirecting…</title></head>' +
        '<body><a href="/docs/shop/8?from=7">Continue to /docs/shop/8?from=7</a></body></html>',
    );
  });

  test('permanentRedirect() in a layout answers 308; an absolute URL is kept as written', async () => {
    const r = await renderer({
      redirecting: { files: ['app/shop/layout.tsx'], error: () => permanentRedirect('https://example.com/a?x=1&y="2"') },
    }).renderPath('/shop/7');
    expect([r.status, r.location]).toEqual([308, 'https://example.com/a?x=1&y="2"']);
    expect(new TextDecoder().decode(r.html)).toContain('content="0;url=https://example.com/a?x=1&amp;y=&quot;2&quot;"');
  });

  test('a redirect target is made safe for a header: non-ASCII and CR/LF are percent-encoded', async () => {
    const r = await renderer({ redirecting: { files: ['app/shop/[id]/page.tsx'], error: () => redirect('/café\r\nSet-Cookie: a=1') } }).renderPath('/shop/7');
    expect(r.location).toBe('/caf%C3%A9%0D%0ASet-Cookie:%20a=1');
  });

  test('a redirect thrown by a client component while rendering HTML redirects too', async () => {
    const r = await renderer({
      html: () => {
        try {
          redirect('/shop/9');
        } catch (error) {
          return { ok: false, error, componentStack: '' };
        }
      },
    }).renderPath('/shop/7');
    expect([r.status, r.location]).toEqual([307, '/shop/9']);
  });

  test('a redirect() in a not-found page redirects as well', async () => {
    const r = await renderer({ redirecting: { files: ['app/not-found.tsx'], error: () => redirect('/shop') } }).renderPath('/elsewhere');
    expect([r.status, r.location]).toEqual([307, '/shop']);
  });

  test('a module without a default export is a catalog error naming it', async () => {
    const broken = createPageRenderer({
      tree,
      load: async (file) => (file === 'app/shop/layout.tsx' ? { metadata: {} } : modules[file]),
      match: createMatcher(tree),
      flight: async () => ({ bytes: new Uint8Array(), errors: [] }),
      html: async (rsc) => ({ ok: true, html: rsc }),
    });
    const error = (await broken.renderPath('/shop/7').catch((e) => e)) as KilnError;
    expect(error.code).toBe('RENDER_FAILED');
    expect((error.cause as KilnError).code).toBe('RENDER_NO_DEFAULT_EXPORT');
    expect(error.details.file).toBe('app/shop/layout.tsx');
    expect((error.cause as KilnError).message).toBe(
      'app/shop/layout.tsx (route /shop/[id]) is a layout file but its default export is undefined (undefined). ' +
        'Expected a React component as the default export. Hint: Add `export default function Layout(props) { … }` to app/shop/layout.tsx.',
    );
  });
});
