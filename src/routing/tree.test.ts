import { describe, expect, it } from 'vitest';
import { buildRouteTree } from './tree.ts';
import type { Route } from './types.ts';

const byPattern = (routes: Route[], pattern: string): Route => {
  const route = routes.find((r) => r.pattern === pattern);
  if (!route) throw new Error(`no route ${pattern} in ${routes.map((r) => r.pattern).join(', ')}`);
  return route;
};

describe('buildRouteTree', () => {
  it('builds levels, segments, params and pattern, project-relative', () => {
    const tree = buildRouteTree([
      'layout.tsx',
      'not-found.tsx',
      'global-error.tsx',
      'products/layout.tsx',
      'products/page.tsx',
      'products/[category]/loading.tsx',
      'products/[category]/error.tsx',
      'products/[category]/template.tsx',
      'products/[category]/not-found.tsx',
      'products/[category]/[product]/page.tsx',
    ]);
    expect(tree.appDir).toBe('app');
    expect(tree.rootLayout).toBe('app/layout.tsx');
    expect(tree.notFound).toBe('app/not-found.tsx');
    expect(tree.globalError).toBe('app/global-error.tsx');
    expect(tree.routes.map((r) => r.pattern)).toEqual(['/products', '/products/[category]/[product]']);

    const route = byPattern(tree.routes, '/products/[category]/[product]');
    expect(route).toEqual({
      pattern: '/products/[category]/[product]',
      type: 'page',
      file: 'app/products/[category]/[product]/page.tsx',
      levels: [
        { dir: 'app', segment: null, layout: 'app/layout.tsx', notFound: 'app/not-found.tsx' },
        {
          dir: 'app/products',
          segment: { raw: 'products', kind: 'static', value: 'products' },
          layout: 'app/products/layout.tsx',
          page: 'app/products/page.tsx',
        },
        {
          dir: 'app/products/[category]',
          segment: { raw: '[category]', kind: 'dynamic', param: 'category' },
          notFound: 'app/products/[category]/not-found.tsx',
          loading: 'app/products/[category]/loading.tsx',
          error: 'app/products/[category]/error.tsx',
          template: 'app/products/[category]/template.tsx',
        },
        {
          dir: 'app/products/[category]/[product]',
          segment: { raw: '[product]', kind: 'dynamic', param: 'product' },
          page: 'app/products/[category]/[product]/page.tsx',
        },
      ],
      segments: [
        { raw: 'products', kind: 'static', value: 'products' },
        { raw: '[category]', kind: 'dynamic', param: 'category' },
        { raw: '[product]', kind: 'dynamic', param: 'product' },
      ],
      params: [
        { name: 'category', kind: 'dynamic', level: 2 },
        { name: 'product', kind: 'dynamic', level: 3 },
      ],
    });
  });

  it('gives the root page the pattern / and one level', () => {
    const tree = buildRouteTree(['page.tsx']);
    expect(tree.routes).toEqual([
      {
        pattern: '/',
        type: 'page',
        file: 'app/page.tsx',
        levels: [{ dir: 'app', segment: null, page: 'app/page.tsx' }],
        segments: [],
        params: [],
      },
    ]);
    expect(tree.rootLayout).toBeUndefined();
    expect(tree.notFound).toBeUndefined();
  });

  it('prefixes a custom app folder such as src/app', () => {
    const tree = buildRouteTree(['layout.tsx', 'a/page.tsx'], 'src/app');
    expect(tree.appDir).toBe('src/app');
    expect(tree.rootLayout).toBe('src/app/layout.tsx');
    expect(tree.routes[0].file).toBe('src/app/a/page.tsx');
    expect(tree.routes[0].levels.map((l) => l.dir)).toEqual(['src/app', 'src/app/a']);
  });

  it('keeps groups as levels but out of the URL; params index levels including groups', () => {
    const tree = buildRouteTree(['(shop)/layout.tsx', '(shop)/cart/[id]/page.tsx', '(marketing)/page.tsx']);
    const cart = byPattern(tree.routes, '/cart/[id]');
    expect(cart.levels.map((l) => l.dir)).toEqual(['app', 'app/(shop)', 'app/(shop)/cart', 'app/(shop)/cart/[id]']);
    expect(cart.levels[1]).toEqual({
      dir: 'app/(shop)',
      segment: { raw: '(shop)', kind: 'group' },
      layout: 'app/(shop)/layout.tsx',
    });
    expect(cart.segments.map((s) => s.raw)).toEqual(['cart', '[id]']);
    expect(cart.params).toEqual([{ name: 'id', kind: 'dynamic', level: 3 }]);
    const home = byPattern(tree.routes, '/');
    expect(home.file).toBe('app/(marketing)/page.tsx');
    expect(home.levels.map((l) => l.dir)).toEqual(['app', 'app/(marketing)']);
  });

  it('takes special files with the pageExtensions given: MDX pages and layouts', () => {
    const files = ['layout.tsx', 'page.mdx', 'docs/layout.md', 'docs/[slug]/page.tsx', 'about/page.tsx'];
    const tree = buildRouteTree(files, 'app', ['tsx', 'md', 'mdx']);
    expect(tree.routes.map((r) => r.file).sort()).toEqual(['app/about/page.tsx', 'app/docs/[slug]/page.tsx', 'app/page.mdx']);
    expect(byPattern(tree.routes, '/docs/[slug]').levels[1].layout).toBe('app/docs/layout.md');
    // Without them listed, only the .tsx files count.
    expect(buildRouteTree(files).routes.map((r) => r.file).sort()).toEqual(['app/about/page.tsx', 'app/docs/[slug]/page.tsx']);
  });

  it('ignores everything under _private folders and files that are not special', () => {
    const tree = buildRouteTree([
      'page.tsx',
      '_components/page.tsx',
      '_lib/[bad/page.tsx',
      'blog/_drafts/x/page.tsx',
      'blog/page.tsx',
      'blog/Card.tsx',
      'blog/lib.ts',
      'blog/styles.css',
      'blog/[slug]/page.mdx',
      'utils/format.ts',
    ]);
    expect(tree.routes.map((r) => r.file)).toEqual(['app/page.tsx', 'app/blog/page.tsx']);
  });

  it('does not validate folder names that hold no special file', () => {
    expect(buildRouteTree(['[bad/Button.tsx', 'page.tsx']).routes.map((r) => r.pattern)).toEqual(['/']);
  });

  it('validates folder names on the way to a special file', () => {
    expect(() => buildRouteTree(['shop/[..x]/page.tsx'])).toThrow(
      'Folder app/shop/[..x] has an invalid name "[..x]": the param name "..x" has characters',
    );
  });

  it('makes route.ts a handler route, with layouts still in its levels', () => {
    const tree = buildRouteTree(['layout.tsx', 'api/items/[id]/route.ts', 'api/health/route.js']);
    const items = byPattern(tree.routes, '/api/items/[id]');
    expect(items.type).toBe('handler');
    expect(items.file).toBe('app/api/items/[id]/route.ts');
    expect(items.levels[0].layout).toBe('app/layout.tsx');
    expect(items.levels.at(-1)).toEqual({
      dir: 'app/api/items/[id]',
      segment: { raw: '[id]', kind: 'dynamic', param: 'id' },
    });
    expect(byPattern(tree.routes, '/api/health').type).toBe('handler');
  });

  it('records catch-all and optional catch-all params with their kinds', () => {
    const tree = buildRouteTree(['docs/[...path]/page.tsx', 'shop/[[...filters]]/page.tsx']);
    expect(byPattern(tree.routes, '/docs/[...path]').params).toEqual([{ name: 'path', kind: 'catchAll', level: 2 }]);
    expect(byPattern(tree.routes, '/shop/[[...filters]]').params).toEqual([
      { name: 'filters', kind: 'optionalCatchAll', level: 2 },
    ]);
  });

  it('allows a dynamic and a catch-all of different names at one level', () => {
    const tree = buildRouteTree(['shop/[id]/page.tsx', 'shop/[...rest]/page.tsx', 'shop/new/page.tsx']);
    expect(tree.routes.map((r) => r.pattern)).toEqual(['/shop/new', '/shop/[id]', '/shop/[...rest]']);
  });

  it('allows the same dynamic name at one level across groups', () => {
    const tree = buildRouteTree(['(a)/[id]/page.tsx', '(b)/[id]/edit/page.tsx']);
    expect(tree.routes.map((r) => r.pattern)).toEqual(['/[id]', '/[id]/edit']);
  });

  it('sorts routes in match priority order whatever the input order', () => {
    const valid = [
      'page.tsx',
      'about/page.tsx',
      'blog/new/page.tsx',
      'blog/[slug]/page.tsx',
      'docs/[...slug]/page.tsx',
      'shop/[[...slug]]/page.tsx',
      '[a]/b/page.tsx',
      'x/[b]/page.tsx',
    ];
    const expected = [
      '/',
      '/about',
      '/blog/new',
      '/blog/[slug]',
      '/x/[b]',
      '/docs/[...slug]',
      '/shop/[[...slug]]',
      '/[a]/b',
    ];
    expect(buildRouteTree(valid).routes.map((r) => r.pattern)).toEqual(expected);
    expect(buildRouteTree([...valid].reverse()).routes.map((r) => r.pattern)).toEqual(expected);
  });

  it('tolerates duplicate input paths and empty path parts', () => {
    const tree = buildRouteTree(['page.tsx', 'page.tsx', '/blog//page.tsx']);
    expect(tree.routes.map((r) => r.file)).toEqual(['app/page.tsx', 'app/blog/page.tsx']);
  });

  it('returns an empty tree for no files', () => {
    expect(buildRouteTree([])).toEqual({ routes: [], appDir: 'app' });
  });
});
