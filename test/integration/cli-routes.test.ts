/** `kiln routes` driven through the CLI: the spec page's examples, and each route-tree error. */
import { describe, expect, it } from 'vitest';
import { fixture, runKiln } from '../helpers/cli.ts';

const defaults = { dynamicParams: true, revalidate: false, dynamic: 'auto' };

describe('kiln routes', () => {
  it('prints every spec example route, call and path as JSON', async () => {
    const result = await runKiln(['routes', fixture('spec-examples'), '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      appDir: 'app',
      warnings: [],
      routes: [
        { pattern: '/', file: 'app/page.tsx', type: 'page', kind: 'static', config: defaults, calls: [], paths: ['/'] },
        {
          pattern: '/product/[id]',
          file: 'app/product/[id]/page.tsx',
          type: 'page',
          kind: 'generated',
          config: defaults,
          calls: [{ file: 'app/product/[id]/page.tsx', params: {}, count: 3 }],
          paths: ['/product/1', '/product/2', '/product/3'],
        },
        {
          pattern: '/catalog/[category]/[product]',
          file: 'app/catalog/[category]/[product]/page.tsx',
          type: 'page',
          kind: 'generated',
          config: defaults,
          calls: [
            { file: 'app/catalog/[category]/layout.tsx', params: {}, count: 3 },
            { file: 'app/catalog/[category]/[product]/page.tsx', params: { category: 'a' }, count: 1 },
            { file: 'app/catalog/[category]/[product]/page.tsx', params: { category: 'b' }, count: 1 },
            { file: 'app/catalog/[category]/[product]/page.tsx', params: { category: 'c' }, count: 1 },
          ],
          paths: ['/catalog/a/1', '/catalog/b/2', '/catalog/c/3'],
        },
        {
          pattern: '/products/[category]/[product]',
          file: 'app/products/[category]/[product]/page.tsx',
          type: 'page',
          kind: 'generated',
          config: defaults,
          calls: [{ file: 'app/products/[category]/[product]/page.tsx', params: {}, count: 3 }],
          paths: ['/products/a/1', '/products/b/2', '/products/c/3'],
        },
        {
          pattern: '/shop/[...slug]',
          file: 'app/shop/[...slug]/page.tsx',
          type: 'page',
          kind: 'generated',
          config: defaults,
          calls: [{ file: 'app/shop/[...slug]/page.tsx', params: {}, count: 3 }],
          paths: ['/shop/a/1', '/shop/b/2', '/shop/c/3'],
        },
      ],
    });
  });

  it('prints a readable table with kinds, calls and paths', async () => {
    const result = await runKiln(['routes', fixture('spec-examples')]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^○ \/\s+app\/page\.tsx\s+static\s+dynamicParams=true revalidate=false dynamic=auto$/);
    expect(lines).toContain('    generateStaticParams  app/catalog/[category]/[product]/page.tsx  params {"category":"b"} → 1 item');
    expect(lines).toContain('    /shop/a/1');
  });

  const treeErrors: Array<[string, string]> = [
    [
      'tree-conflicting-params',
      'app/[id]/page.tsx (route /[id]) and app/[slug]/x/page.tsx (route /[slug]/x) use different param names at the same URL level: [id] and [slug]. Expected one param name per level, since one URL part cannot fill two params. Hint: Rename one folder so both use the same name, e.g. [slug] to [id].',
    ],
    [
      'tree-optional-not-last',
      'app/docs/[[...slug]]/edit/page.tsx (route /docs/[[...slug]]/edit) is below the optional catch-all folder app/docs/[[...slug]], so [[...slug]] is not the last URL segment. Expected the optional catch-all to end its route. Hint: The optional catch-all takes every remaining URL part; move this route out of app/docs/[[...slug]].',
    ],
    [
      'tree-duplicate-url',
      'app/(a)/about/page.tsx and app/(b)/about/page.tsx both resolve to the URL /about. Expected one page or route handler per URL. Hint: Route groups (folders in parentheses) add nothing to the URL; rename or move one of the two.',
    ],
  ];

  it.each(treeErrors)('%s: exits 1 with the catalog message and no stack trace', async (name, message) => {
    const result = await runKiln(['routes', fixture(name)]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`error ${message}\n`);
  });

  it('names the folder when there is no app directory', async () => {
    const result = await runKiln(['routes', fixture('tree-duplicate-url/app')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error .*tree-duplicate-url\/app.*app/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('rejects an unknown flag with the command name and the flag meant', async () => {
    const result = await runKiln(['routes', '--jsno']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('kiln routes: unknown option --jsno; did you mean --json?');
  });
});
