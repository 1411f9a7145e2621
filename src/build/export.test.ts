import { describe, expect, test } from 'vitest';
import type { RouteModule } from '../params/types.ts';
import { buildRouteTree } from '../routing/index.ts';
import { checkExportable, type ExportableRoute } from './export.ts';

describe('checkExportable: what a static host cannot serve', () => {
  const files = ['layout.tsx', 'page.tsx', 'blog/[slug]/page.tsx', 'blog/layout.tsx', 'api/[id]/route.ts', 'feed/route.ts'];
  const tree = buildRouteTree(files, 'app');
  const route = (pattern: string) => tree.routes.find((r) => r.pattern === pattern)!;

  function check(modules: Record<string, RouteModule>, routes: ExportableRoute[]): Promise<void> {
    return checkExportable(routes, async (file) => modules[file] ?? {}, 'next.config.mjs');
  }

  test('prerendered pages and route handlers without params pass', async () => {
    await expect(
      check({ 'app/blog/[slug]/page.tsx': { dynamicParams: false, revalidate: false } }, [
        { route: route('/'), kind: 'static' },
        { route: route('/blog/[slug]'), kind: 'generated' },
        { route: route('/feed'), kind: 'dynamic' },
      ]),
    ).resolves.toBeUndefined();
  });

  test.each([
    [
      'a dynamic route without generateStaticParams',
      {},
      'dynamic' as const,
      "app/blog/[slug]/page.tsx (route /blog/[slug]) is a dynamic route without generateStaticParams, and output: 'export' writes only static files, so nothing could answer its paths.",
    ],
    [
      'explicit dynamicParams = true, named in the layout that says it',
      { 'app/blog/layout.tsx': { dynamicParams: true } },
      'generated' as const,
      "app/blog/layout.tsx (route /blog/[slug]) sets dynamicParams = true, and output: 'export' writes only static files, so nothing could answer paths that generateStaticParams did not return.",
    ],
    [
      'ISR',
      { 'app/blog/[slug]/page.tsx': { revalidate: 60 } },
      'generated' as const,
      "app/blog/[slug]/page.tsx (route /blog/[slug]) sets revalidate = 60 (incremental regeneration), and output: 'export' writes only static files, so nothing could answer a regeneration.",
    ],
    [
      "dynamic = 'force-dynamic'",
      { 'app/layout.tsx': { dynamic: 'force-dynamic' } },
      'dynamic' as const,
      "app/layout.tsx (route /blog/[slug]) sets dynamic = 'force-dynamic', and output: 'export' writes only static files, so nothing could answer a render per request.",
    ],
    [
      'an open segment: a layout above generates, the page does not',
      { 'app/blog/layout.tsx': { generateStaticParams: () => [] } },
      'generated' as const,
      "app/blog/[slug]/page.tsx (route /blog/[slug]) has [slug], which no generateStaticParams of the route fills, and output: 'export' writes only static files, so nothing could answer its paths.",
    ],
  ])('refuses %s', async (_name, modules, kind, message) => {
    const error = await check(modules as Record<string, RouteModule>, [{ route: route('/blog/[slug]'), kind }]).catch((e: unknown) => e);
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).toContain("Or remove output: 'export' from next.config.mjs.");
  });

  test('refuses a route handler with params', async () => {
    await expect(check({}, [{ route: route('/api/[id]'), kind: 'dynamic' }])).rejects.toThrow(
      "app/api/[id]/route.ts (route /api/[id]) is a route handler with params, and output: 'export' writes only static files",
    );
  });
});
