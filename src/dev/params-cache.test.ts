import { describe, expect, it } from 'vitest';
import { isKilnError } from '../errors.ts';
import type { RouteModule } from '../params/types.ts';
import { page, testApp } from '../params/test-app.ts';
import { createDevParamsCache } from './params-cache.ts';

/** An app whose modules can be swapped, as the module runner does after an edit. */
function app() {
  const calls: string[] = [];
  const modules: Record<string, RouteModule> = {
    'app/layout.tsx': page(),
    'app/shop/[category]/layout.tsx': page({
      generateStaticParams: ({ params }: { params: object }) => {
        calls.push(`layout ${JSON.stringify(params)}`);
        return [{ category: 'fruit' }, { category: 'veg' }];
      },
    }),
    'app/shop/[category]/[item]/page.tsx': page({
      dynamicParams: false,
      generateStaticParams: ({ params }: { params: { category: string } }) => {
        calls.push(`page ${JSON.stringify(params)}`);
        return params.category === 'fruit' ? [{ item: 'apple' }] : [{ item: 'leek' }];
      },
    }),
    'app/about/page.tsx': page(),
    'app/blog/[slug]/page.tsx': page(),
  };
  const test = testApp(modules);
  const load = (file: string) => Promise.resolve(modules[file]);
  return { ...test, modules, load, calls };
}

describe('createDevParamsCache', () => {
  it('calls the chain on first use, with the parent params, and caches the result', async () => {
    const a = app();
    const generated: string[] = [];
    const cache = createDevParamsCache({ onGenerated: (route, state) => generated.push(`${route.pattern} ${state.pathnames?.size}`) });
    expect(a.calls).toEqual([]);
    const state = await cache.get(a.route('/shop/[category]/[item]'), a.load);
    expect(state.kind).toBe('generated');
    expect(state.config.dynamicParams).toBe(false);
    expect([...state.pathnames!]).toEqual(['/shop/fruit/apple', '/shop/veg/leek']);
    expect(a.calls.sort()).toEqual(['layout {}', 'page {"category":"fruit"}', 'page {"category":"veg"}']);
    await cache.get(a.route('/shop/[category]/[item]'), a.load);
    expect(a.calls).toHaveLength(3);
    expect(generated).toEqual(['/shop/[category]/[item] 2']);
  });

  it('gives no pathnames for static routes and dynamic routes without generateStaticParams', async () => {
    const a = app();
    const cache = createDevParamsCache();
    expect(await cache.get(a.route('/about'), a.load)).toEqual({
      config: { dynamicParams: true, revalidate: false, dynamic: 'auto' },
      kind: 'static',
      pathnames: null,
      open: [],
      generated: new Set(),
    });
    expect((await cache.get(a.route('/blog/[slug]'), a.load)).kind).toBe('dynamic');
  });

  it('runs the chain again once the runner has evaluated one of the route files anew', async () => {
    const a = app();
    const cache = createDevParamsCache();
    const route = a.route('/shop/[category]/[item]');
    await cache.get(route, a.load);
    // An edit to the layout, or to anything it imports, gives it a new module object.
    a.modules['app/shop/[category]/layout.tsx'] = page({ generateStaticParams: () => [{ category: 'fruit' }] });
    expect([...(await cache.get(route, a.load)).pathnames!]).toEqual(['/shop/fruit/apple']);
  });

  it('drops the routes whose files changed, and nothing else', async () => {
    const a = app();
    const cache = createDevParamsCache();
    await cache.get(a.route('/shop/[category]/[item]'), a.load);
    await cache.get(a.route('/about'), a.load);
    expect(cache.invalidate(['app/_lib/data.ts'])).toEqual([]);
    expect(cache.invalidate(['app/shop/[category]/layout.tsx'])).toEqual(['/shop/[category]/[item]']);
    expect(cache.invalidate(['app/shop/[category]/layout.tsx'])).toEqual([]);
    await cache.get(a.route('/shop/[category]/[item]'), a.load);
    expect(a.calls).toHaveLength(6);
  });

  it('rejects with the build catalog error, and does not keep the failure', async () => {
    const a = app();
    a.modules['app/blog/[slug]/page.tsx'] = page({ generateStaticParams: () => [{ slug: 7 }] });
    const cache = createDevParamsCache();
    const error = await cache.get(a.route('/blog/[slug]'), a.load).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isKilnError(error) && error.code).toBe('PARAMS_VALUE_TYPE');
    expect((error as Error).message).toBe(
      'app/blog/[slug]/page.tsx: generateStaticParams() for route /blog/[slug] returned { slug: 7 } at index 0; ' +
        '"slug" must be a string (got number). Hint: Return { slug: String(value) }.',
    );
    a.modules['app/blog/[slug]/page.tsx'].generateStaticParams = () => [{ slug: 'seven' }];
    expect([...(await cache.get(a.route('/blog/[slug]'), a.load)).pathnames!]).toEqual(['/blog/seven']);
  });

  it('keeps the generated values of a route with an open segment (one no gSP fills)', async () => {
    const a = testApp({
      'app/[locale]/layout.tsx': { dynamicParams: false, generateStaticParams: () => [{ locale: 'en' }, { locale: 'de' }] },
      'app/[locale]/[slug]/page.tsx': page(),
    });
    const state = await createDevParamsCache().get(a.route('/[locale]/[slug]'), a.load);
    expect([state.kind, [...state.pathnames!], state.open, [...state.generated]]).toEqual(['generated', [], ['slug'], ['["en"]', '["de"]']]);
  });
});
