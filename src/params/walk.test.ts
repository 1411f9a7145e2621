import { describe, expect, it } from 'vitest';
import type { Params } from '../routing/types.ts';
import { hasStaticParams, staticParamsKind } from './holders.ts';
import type { ParamsCallEvent, PartialParamsEvent } from './types.ts';
import { generatedKey, openParams } from './open.ts';
import { generateAllParams, generateRouteParams } from './walk.ts';
import { collect, page, pathnames, rejection, testApp, warnings } from './test-app.ts';

/** A gSP that records every params object it was called with. */
function recorder<T>(produce: (params: Record<string, unknown>) => T) {
  const calls: Record<string, unknown>[] = [];
  const fn = (props: { params: Record<string, unknown> }) => {
    calls.push(props.params);
    return produce(props.params);
  };
  return { fn, calls };
}

describe('where gSP lives', () => {
  it('a layout gSP alone generates the pages below it', async () => {
    const app = testApp({
      'app/[lang]/layout.tsx': { generateStaticParams: () => [{ lang: 'en' }, { lang: 'fr' }] },
      'app/[lang]/page.tsx': page(),
    });
    expect(await pathnames(generateRouteParams(app.route('/[lang]'), { load: app.load }))).toEqual(['/en', '/fr']);
  });

  it('sync and async gSP are both accepted', async () => {
    const app = testApp({
      'app/a/[x]/page.tsx': page({ generateStaticParams: () => [{ x: '1' }] }),
      'app/b/[x]/page.tsx': page({ generateStaticParams: async () => [{ x: '2' }] }),
    });
    expect(await pathnames(generateAllParams(app.tree.routes, { load: app.load }))).toEqual(['/a/1', '/b/2']);
  });

  it('a gSP export that is not a function is an error', async () => {
    const app = testApp({ 'app/[x]/page.tsx': page({ generateStaticParams: [{ x: '1' }] }) });
    const error = await rejection(collect(generateRouteParams(app.route('/[x]'), { load: app.load })));
    expect(error.message).toBe(
      'app/[x]/page.tsx (route /[x]): the export generateStaticParams is [{ x: "1" }] (array); expected a function. ' +
        'Hint: Export a function: export async function generateStaticParams() { return [...] }.',
    );
  });
});

describe('top-down, once per parent set', () => {
  it('three layouts give 3×2×2 = 12 pages, each child called once per parent set with exactly the parent params', async () => {
    const a = recorder(() => [{ a: 'a1' }, { a: 'a2' }, { a: 'a3' }]);
    const b = recorder(() => [{ b: 'b1' }, { b: 'b2' }]);
    const c = recorder(() => [{ c: 'c1' }, { c: 'c2' }]);
    const app = testApp({
      'app/[a]/layout.tsx': { generateStaticParams: a.fn },
      'app/[a]/[b]/layout.tsx': { generateStaticParams: b.fn },
      'app/[a]/[b]/[c]/layout.tsx': { generateStaticParams: c.fn },
      'app/[a]/[b]/[c]/page.tsx': page(),
    });
    const calls: ParamsCallEvent[] = [];
    const entries = await collect(
      generateRouteParams(app.route('/[a]/[b]/[c]'), { load: app.load, onCall: (e) => calls.push(e) }),
    );
    const expected: string[] = [];
    for (const x of ['a1', 'a2', 'a3']) for (const y of ['b1', 'b2']) for (const z of ['c1', 'c2']) expected.push(`/${x}/${y}/${z}`);
    expect(entries.map((e) => e.pathname)).toEqual(expected);
    expect(entries[0].params).toEqual({ a: 'a1', b: 'b1', c: 'c1' });
    expect(entries[0].route).toBe(app.route('/[a]/[b]/[c]'));

    expect(a.calls).toEqual([{}]);
    expect(b.calls).toEqual([{ a: 'a1' }, { a: 'a2' }, { a: 'a3' }]);
    // Calls for later parents start early (concurrency), so compare call order-free here.
    const byKey = (x: Record<string, unknown>) => JSON.stringify(x);
    expect(c.calls.map(byKey).sort()).toEqual(
      [
        { a: 'a1', b: 'b1' },
        { a: 'a1', b: 'b2' },
        { a: 'a2', b: 'b1' },
        { a: 'a2', b: 'b2' },
        { a: 'a3', b: 'b1' },
        { a: 'a3', b: 'b2' },
      ].map(byKey),
    );
    expect(calls.length).toBe(1 + 3 + 6);
    expect(calls.filter((e) => e.file === 'app/[a]/[b]/[c]/layout.tsx').map((e) => e.count)).toEqual([2, 2, 2, 2, 2, 2]);

    // One at a time, the calls follow the depth-first order exactly, and the pages are the same.
    c.calls.length = 0;
    const sequential = await pathnames(generateRouteParams(app.route('/[a]/[b]/[c]'), { load: app.load, concurrency: 1 }));
    expect(sequential).toEqual(expected);
    expect(c.calls).toEqual([
      { a: 'a1', b: 'b1' },
      { a: 'a1', b: 'b2' },
      { a: 'a2', b: 'b1' },
      { a: 'a2', b: 'b2' },
      { a: 'a3', b: 'b1' },
      { a: 'a3', b: 'b2' },
    ]);
  });

  it('the page is the last holder and gets the layouts params; extra keys pass down but not to the page', async () => {
    const child = recorder((p) => [{ product: `${String(p.category)}-1` }]);
    const app = testApp({
      'app/products/[category]/layout.tsx': {
        generateStaticParams: () => [
          { category: 'shoes', dbId: 7 },
          { category: 'hats', dbId: 9 },
        ],
      },
      'app/products/[category]/[product]/page.tsx': page({ generateStaticParams: child.fn }),
    });
    const entries = await collect(generateRouteParams(app.route('/products/[category]/[product]'), { load: app.load }));
    expect(child.calls).toEqual([
      { category: 'shoes', dbId: 7 },
      { category: 'hats', dbId: 9 },
    ]);
    expect(entries.map((e) => [e.pathname, e.params])).toEqual([
      ['/products/shoes/shoes-1', { category: 'shoes', product: 'shoes-1' }],
      ['/products/hats/hats-1', { category: 'hats', product: 'hats-1' }],
    ]);
  });

  it('each call gets its own copy of the parent params', async () => {
    const app = testApp({
      'app/[a]/layout.tsx': { generateStaticParams: () => [{ a: 'x' }] },
      'app/[a]/[b]/layout.tsx': {
        generateStaticParams: ({ params }: { params: Record<string, unknown> }) => {
          params.a = 'mutated';
          return [{ b: '1' }];
        },
      },
      'app/[a]/[b]/page.tsx': page(),
    });
    expect(await pathnames(generateRouteParams(app.route('/[a]/[b]'), { load: app.load }))).toEqual(['/x/1']);
  });

  it('an item may override a parent value ({ ...parentSet, ...item })', async () => {
    const app = testApp({
      'app/[a]/layout.tsx': { generateStaticParams: () => [{ a: 'x' }] },
      'app/[a]/[b]/page.tsx': page({ generateStaticParams: () => [{ a: 'y', b: '1' }] }),
    });
    expect(await pathnames(generateRouteParams(app.route('/[a]/[b]'), { load: app.load }))).toEqual(['/y/1']);
  });
});

describe('a parent page does not feed deeper routes', () => {
  it('the deeper gSP gets { params: {} }, and the error names both files', async () => {
    const deeper = recorder(() => [{ id: '1' }, { id: '2' }]);
    const app = testApp({
      'app/blog/[slug]/page.tsx': page({ generateStaticParams: () => [{ slug: 'hello' }] }),
      'app/blog/[slug]/comments/[id]/page.tsx': page({ generateStaticParams: deeper.fn }),
    });
    const error = await rejection(collect(generateRouteParams(app.route('/blog/[slug]/comments/[id]'), { load: app.load })));
    expect(deeper.calls).toEqual([{}]);
    expect(error).toMatchObject({
      code: 'PARAMS_MISSING_KEY',
      message:
        'app/blog/[slug]/comments/[id]/page.tsx: generateStaticParams() for route /blog/[slug]/comments/[id] returned ' +
        '{ id: "1" } at index 0, which leaves "slug" without a value, so that page cannot be prerendered: only the page ' +
        "app/blog/[slug]/page.tsx generates \"slug\", and a page's generateStaticParams does not feed deeper routes. " +
        'Hint: Move generateStaticParams from app/blog/[slug]/page.tsx into a layout in the same folder (layouts pass ' +
        'their params down), or return "slug" from app/blog/[slug]/comments/[id]/page.tsx too.',
    });
    // The parent page is its own route, generated as usual.
    expect(await pathnames(generateRouteParams(app.route('/blog/[slug]'), { load: app.load }))).toEqual(['/blog/hello']);
  });

  it('no warning when the deeper page returns the parent key itself (bottom-up)', async () => {
    const app = testApp({
      'app/blog/[slug]/page.tsx': page({ generateStaticParams: () => [{ slug: 'hello' }] }),
      'app/blog/[slug]/comments/[id]/page.tsx': page({ generateStaticParams: () => [{ slug: 'hello', id: '1' }] }),
    });
    const w = warnings();
    const deep = await pathnames(generateRouteParams(app.route('/blog/[slug]/comments/[id]'), { load: app.load, onWarning: w.onWarning }));
    expect(deep).toEqual(['/blog/hello/comments/1']);
    expect(w.list).toEqual([]);
  });

  it('a layout in the same folder does feed deeper routes', async () => {
    const deeper = recorder(() => [{ id: '1' }]);
    const app = testApp({
      'app/blog/[slug]/layout.tsx': { generateStaticParams: () => [{ slug: 'hello' }] },
      'app/blog/[slug]/page.tsx': page({ generateStaticParams: () => [{ slug: 'other' }] }),
      'app/blog/[slug]/comments/[id]/page.tsx': page({ generateStaticParams: deeper.fn }),
    });
    expect(await pathnames(generateRouteParams(app.route('/blog/[slug]/comments/[id]'), { load: app.load }))).toEqual([
      '/blog/hello/comments/1',
    ]);
    expect(deeper.calls).toEqual([{ slug: 'hello' }]);
  });
});

describe('bottom-up pages and layouts that reach below', () => {
  it('a page returning both keys generates every page', async () => {
    const app = testApp({
      'app/products/[category]/[product]/page.tsx': page({
        generateStaticParams: async () => [
          { category: 'a', product: '1' },
          { category: 'b', product: '2' },
          { category: 'c', product: '3' },
        ],
      }),
    });
    const entries = await collect(generateRouteParams(app.route('/products/[category]/[product]'), { load: app.load }));
    expect(entries.map((e) => e.pathname)).toEqual(['/products/a/1', '/products/b/2', '/products/c/3']);
    expect(entries[1].params).toEqual({ category: 'b', product: '2' });
  });

  it('a layout returning a key for a segment below it is an error naming the layout and the key', async () => {
    const app = testApp({
      'app/products/[category]/layout.tsx': { generateStaticParams: () => [{ category: 'a', product: '1' }] },
      'app/products/[category]/[product]/page.tsx': page(),
    });
    const error = await rejection(collect(generateRouteParams(app.route('/products/[category]/[product]'), { load: app.load })));
    expect(error).toMatchObject({
      code: 'PARAMS_LAYOUT_KEY_BELOW',
      message:
        'app/products/[category]/layout.tsx: generateStaticParams() for route /products/[category]/[product] returned ' +
        '{ category: "a", product: "1" } at index 0; "product" is the param of [product] below this layout, and a ' +
        'layout may return params only for its own segment and those above it. Hint: Return "product" from the ' +
        'generateStaticParams of app/products/[category]/[product]/page.tsx; it is called once for each params set ' +
        'this layout returns.',
    });
  });

  it('the same key is only an extra for a route that has no such segment', async () => {
    const app = testApp({
      'app/products/[category]/layout.tsx': { generateStaticParams: () => [{ category: 'a', product: '1' }] },
      'app/products/[category]/page.tsx': page(),
    });
    expect(await pathnames(generateRouteParams(app.route('/products/[category]'), { load: app.load }))).toEqual(['/products/a']);
  });

  it('a layout may return params above its own segment', async () => {
    const app = testApp({
      'app/[a]/[b]/layout.tsx': { generateStaticParams: () => [{ a: 'x', b: 'y' }] },
      'app/[a]/[b]/page.tsx': page(),
    });
    expect(await pathnames(generateRouteParams(app.route('/[a]/[b]'), { load: app.load }))).toEqual(['/x/y']);
  });
});

describe('a child returning [] drops only that parent set', () => {
  it('keeps the other parents', async () => {
    const app = testApp({
      'app/[a]/layout.tsx': { generateStaticParams: () => [{ a: '1' }, { a: '2' }, { a: '3' }] },
      'app/[a]/[b]/page.tsx': page({
        generateStaticParams: ({ params }: { params: Params }) => (params.a === '2' ? [] : [{ b: 'x' }, { b: 'y' }]),
      }),
    });
    expect(await pathnames(generateRouteParams(app.route('/[a]/[b]'), { load: app.load }))).toEqual([
      '/1/x',
      '/1/y',
      '/3/x',
      '/3/y',
    ]);
  });
});

describe('gSP throwing or rejecting', () => {
  const app = (gsp: unknown) =>
    testApp({
      'app/shop/[cat]/layout.tsx': { generateStaticParams: () => [{ cat: 'a' }, { cat: 'b' }] },
      'app/shop/[cat]/[id]/page.tsx': page({ generateStaticParams: gsp }),
    });

  it.each([
    [
      'throwing',
      (original: Error) =>
        ({ params }: { params: Params }) => {
          if (params.cat === 'b') throw original;
          return [{ id: '1' }];
        },
    ],
    [
      'rejecting',
      (original: Error) =>
        async ({ params }: { params: Params }) => {
          if (params.cat === 'b') throw original;
          return [{ id: '1' }];
        },
    ],
  ])('%s: the message names file, route and parent params; cause is the original', async (_, make) => {
    const original = new Error('database is down');
    const a = app(make(original));
    const error = await rejection(collect(generateRouteParams(a.route('/shop/[cat]/[id]'), { load: a.load })));
    expect(error).toMatchObject({
      code: 'PARAMS_GSP_FAILED',
      message:
        'app/shop/[cat]/[id]/page.tsx: generateStaticParams for route /shop/[cat]/[id], called with { params: { cat: "b" } }, ' +
        'threw: database is down. Hint: The original error, with its stack, is attached as the cause.',
    });
    expect(error.cause).toBe(original);
    expect((error.cause as Error).stack).toBe(original.stack);
  });

  it('an async generator throwing midway names the item it was producing', async () => {
    const original = new TypeError('bad row');
    const a = app(async function* () {
      yield { id: '1' };
      throw original;
    });
    const seen: string[] = [];
    const error = await rejection(
      (async () => {
        for await (const e of generateRouteParams(a.route('/shop/[cat]/[id]'), { load: a.load })) seen.push(e.pathname);
      })(),
    );
    expect(seen).toEqual(['/shop/a/1']);
    expect(error.message).toBe(
      'app/shop/[cat]/[id]/page.tsx: generateStaticParams for route /shop/[cat]/[id], called with { params: { cat: "a" } }, ' +
        'threw while producing item 1: bad row. Hint: The original error, with its stack, is attached as the cause.',
    );
    expect(error.cause).toBe(original);
  });

  it('a non-Error throw is shown as a value', async () => {
    const a = testApp({ 'app/[x]/page.tsx': page({ generateStaticParams: () => Promise.reject('nope') }) });
    const error = await rejection(collect(generateRouteParams(a.route('/[x]'), { load: a.load })));
    expect(error.message).toBe(
      'app/[x]/page.tsx: generateStaticParams for route /[x], called with { params: {} }, threw: "nope". ' +
        'Hint: The original error, with its stack, is attached as the cause.',
    );
    expect(error.cause).toBe('nope');
  });
});

describe('items missing a param', () => {
  const files = (dynamicParams?: boolean) => ({
    'app/[a]/[b]/page.tsx': page({
      ...(dynamicParams === undefined ? {} : { dynamicParams }),
      generateStaticParams: () => [{ a: '1', b: '1' }, { a: '2' }, { a: '3' }, { a: '4', b: '4' }],
    }),
  });

  it('fails as Next.js does, naming the param, the item and the route, whatever dynamicParams says', async () => {
    for (const dynamicParams of [undefined, true, false]) {
      const app = testApp(files(dynamicParams));
      const error = await rejection(collect(generateRouteParams(app.route('/[a]/[b]'), { load: app.load })));
      expect(error).toMatchObject({
        code: 'PARAMS_MISSING_KEY',
        message:
          'app/[a]/[b]/page.tsx: generateStaticParams() for route /[a]/[b] returned { a: "2" } at index 1, which leaves ' +
          '"b" without a value, so that page cannot be prerendered. Hint: Return "b" in every item; leave out an item ' +
          'whose page should not be prerendered.',
      });
    }
  });

  it('a layout below the param that does not fill it: the param is missing, not open', async () => {
    const app = testApp({
      'app/[a]/[b]/layout.tsx': { generateStaticParams: () => [{ b: '1' }] },
      'app/[a]/[b]/page.tsx': page(),
    });
    const error = await rejection(collect(generateRouteParams(app.route('/[a]/[b]'), { load: app.load })));
    expect([error.code, (error as unknown as { details: { key: string } }).details.key]).toEqual(['PARAMS_MISSING_KEY', 'a']);
  });
});

describe('open segments: dynamic segments no gSP fills', () => {
  it("a segment below the deepest layout gSP, with no page gSP, is open: no pages, each item's generated values reported", async () => {
    const app = testApp({
      'app/[locale]/layout.tsx': { dynamicParams: false, generateStaticParams: () => [{ locale: 'en' }, { locale: 'de' }, { locale: 'en' }] },
      'app/[locale]/[slug]/page.tsx': page(),
      'app/[locale]/page.tsx': page(),
    });
    const partial: unknown[] = [];
    const w = warnings();
    const onPartial = (e: PartialParamsEvent) => partial.push([e.route.pattern, e.open, e.params]);
    const deep = await collect(generateRouteParams(app.route('/[locale]/[slug]'), { load: app.load, onPartial, onWarning: w.onWarning }));
    expect(deep).toEqual([]);
    expect(partial).toEqual([
      ['/[locale]/[slug]', ['slug'], { locale: 'en' }],
      ['/[locale]/[slug]', ['slug'], { locale: 'de' }],
      ['/[locale]/[slug]', ['slug'], { locale: 'en' }],
    ]);
    expect(w.list).toEqual([]);
    // The layout's own page is complete.
    expect(await pathnames(generateRouteParams(app.route('/[locale]'), { load: app.load, onPartial }))).toEqual(['/en', '/de']);
    expect(partial).toHaveLength(3);
  });

  it('an open optional catch-all also gives the page without it', async () => {
    const app = testApp({
      'app/[locale]/layout.tsx': { generateStaticParams: () => [{ locale: 'en' }] },
      'app/[locale]/[[...rest]]/page.tsx': page(),
    });
    const partial: PartialParamsEvent[] = [];
    const entries = await collect(generateRouteParams(app.route('/[locale]/[[...rest]]'), { load: app.load, onPartial: (e) => partial.push(e) }));
    expect(entries.map((e) => e.pathname)).toEqual(['/en']);
    expect(partial.map((e) => [e.open, e.params])).toEqual([[['rest'], { locale: 'en' }]]);
  });

  it('openParams and generatedKey', () => {
    const app = testApp({ 'app/[a]/[b]/[...c]/page.tsx': page() });
    const route = app.route('/[a]/[b]/[...c]');
    expect(openParams(route, [])).toEqual([]);
    expect(openParams(route, [{ kind: 'layout', level: 1 }])).toEqual(['b', 'c']);
    expect(openParams(route, [{ kind: 'layout', level: 1 }, { kind: 'page', level: 3 }])).toEqual([]);
    expect(generatedKey(route, ['b', 'c'], { a: 'x', b: 'y', c: ['1'] })).toBe('["x"]');
    expect(generatedKey(route, ['c'], { a: 'x', b: 'y' })).toBe('["x","y"]');
  });

  it('an extra key is ignored for the URL', async () => {
    const app = testApp({ 'app/[a]/page.tsx': page({ generateStaticParams: () => [{ a: '1', locale: 'en', n: 3 }] }) });
    expect(await collect(generateRouteParams(app.route('/[a]'), { load: app.load }))).toEqual([
      { route: app.route('/[a]'), params: { a: '1' }, pathname: '/1' },
    ]);
  });
});

describe('duplicates: the first path wins', () => {
  it('are generated once, first wins', async () => {
    const app = testApp({
      'app/[a]/layout.tsx': { generateStaticParams: () => [{ a: 'x' }, { a: 'y' }] },
      'app/[a]/[b]/page.tsx': page({
        generateStaticParams: ({ params }: { params: Params }) =>
          params.a === 'x'
            ? [{ b: '1' }, { b: '2' }, { b: '1' }, { a: 'y', b: '1' }]
            : [{ b: '1' }, { b: '3' }],
      }),
    });
    expect(await pathnames(generateRouteParams(app.route('/[a]/[b]'), { load: app.load }))).toEqual(['/x/1', '/x/2', '/y/1', '/y/3']);
  });

  it("['a','b'] and 'a/b' are different pages", async () => {
    const app = testApp({
      'app/docs/[...slug]/page.tsx': page({ generateStaticParams: () => [{ slug: ['a', 'b'] }, { slug: ['a/b'] }, { slug: ['a', 'b'] }] }),
      'app/tag/[t]/page.tsx': page({ generateStaticParams: () => [{ t: 'a/b' }, { t: 'a' }] }),
    });
    const entries = await collect(generateAllParams(app.tree.routes, { load: app.load }));
    expect(entries.map((e) => [e.pathname, e.params])).toEqual([
      ['/tag/a%2Fb', { t: 'a/b' }],
      ['/tag/a', { t: 'a' }],
      ['/docs/a/b', { slug: ['a', 'b'] }],
      ['/docs/a%2Fb', { slug: ['a/b'] }],
    ]);
  });

  it('across routes, the earlier (more specific) route keeps the path and a warning says so', async () => {
    const app = testApp({
      'app/blog/new/page.tsx': page(),
      'app/blog/[slug]/page.tsx': page({ generateStaticParams: () => [{ slug: 'new' }, { slug: 'old' }] }),
    });
    const w = warnings();
    const entries = await collect(generateAllParams(app.tree.routes, { load: app.load, onWarning: w.onWarning }));
    expect(entries.map((e) => [e.route.pattern, e.pathname])).toEqual([
      ['/blog/new', '/blog/new'],
      ['/blog/[slug]', '/blog/old'],
    ]);
    expect(w.list.map((x) => x.message)).toEqual([
      'app/blog/[slug]/page.tsx (route /blog/[slug]) generated /blog/new, which app/blog/new/page.tsx (route /blog/new) ' +
        'already produced; it is prerendered once, from app/blog/new/page.tsx. Hint: Leave that value out of the ' +
        'generateStaticParams of app/blog/[slug]/page.tsx.',
    ]);
  });
});

describe('static, generated and on-demand routes', () => {
  const app = testApp({
    'app/page.tsx': page({ generateStaticParams: () => [{ ignored: '1' }, { ignored: '2' }] }),
    'app/about/page.tsx': page(),
    'app/u/[id]/page.tsx': page(),
    'app/p/[id]/page.tsx': page({ generateStaticParams: () => [] }),
  });

  it('a route without params gives exactly one page with {}', async () => {
    expect(await collect(generateRouteParams(app.route('/'), { load: app.load }))).toEqual([
      { route: app.route('/'), params: {}, pathname: '/' },
    ]);
    expect(await pathnames(generateRouteParams(app.route('/about'), { load: app.load }))).toEqual(['/about']);
  });

  it('a dynamic route without gSP gives nothing, and staticParamsKind tells it from [] ', async () => {
    expect(await pathnames(generateRouteParams(app.route('/u/[id]'), { load: app.load }))).toEqual([]);
    expect(await pathnames(generateRouteParams(app.route('/p/[id]'), { load: app.load }))).toEqual([]);
    expect(await staticParamsKind(app.route('/u/[id]'), app.load)).toBe('on-demand');
    expect(await staticParamsKind(app.route('/p/[id]'), app.load)).toBe('generated');
    expect(await staticParamsKind(app.route('/about'), app.load)).toBe('static');
    expect(await hasStaticParams(app.route('/u/[id]'), app.load)).toBe(false);
    expect(await hasStaticParams(app.route('/p/[id]'), app.load)).toBe(true);
  });

  it('generateAllParams streams every route in order', async () => {
    expect(
      (await collect(generateAllParams(app.tree.routes, { load: app.load }))).map((e) => e.pathname),
    ).toEqual(app.tree.routes.filter((r) => r.params.length === 0).map((r) => (r.pattern === '/' ? '/' : r.pattern)));
  });
});
