import { describe, expect, it } from 'vitest';
import type { BuildResult, RouteStats } from '../build/types.ts';
import { formatBuildReport } from './build-report.ts';

function route(pattern: string, pages: number): RouteStats {
  return {
    pattern,
    file: `app${pattern}/page.tsx`,
    type: 'page',
    kind: 'generated',
    pages,
    bytes: 0,
    dynamicParams: true,
    revalidate: false,
    dynamic: 'auto',
    notFound: 0,
  };
}

function report(routes: RouteStats[], samples: Record<string, string[]>): string[] {
  const result: BuildResult = {
    outDir: '/app/dist',
    appDir: 'app',
    buildId: 'b',
    routes,
    pages: routes.reduce((n, r) => n + r.pages, 0),
    timings: { bundleMs: 1, prerenderMs: 1, paramsMs: 0, renderMs: 0, writeMs: 0, exportMs: 0, totalMs: 2, workers: 1 },
    sizes: { client: 0, server: 0, pages: 0 },
    warnings: [],
    fetches: { requests: 0, network: 0, shared: 0 },
    incremental: { bundleReused: false, kept: 0, changed: 0, added: 0, removed: 0, cold: 'no build cache' },
  };
  return formatBuildReport(result, new Map(Object.entries(samples))).split('\n');
}

describe('formatBuildReport', () => {
  it('closes a route whose paths all fit with └ on its last path', () => {
    const lines = report([route('/a/[id]', 2)], { '/a/[id]': ['/a/1', '/a/2'] });
    expect(lines).toContain('  ├ /a/1');
    expect(lines).toContain('  └ /a/2');
  });

  it('closes a route with more paths than shown with the "+N more" line', () => {
    const lines = report([route('/b/[id]', 5)], { '/b/[id]': ['/b/1', '/b/2', '/b/3', '/b/4'] });
    expect(lines.filter((l) => l.startsWith('  '))).toEqual(['  ├ /b/1', '  ├ /b/2', '  ├ /b/3', '  └ +2 more']);
  });

  it('closes a route with exactly three paths with └ on the third', () => {
    const lines = report([route('/c/[id]', 3)], { '/c/[id]': ['/c/1', '/c/2', '/c/3'] });
    expect(lines.filter((l) => l.startsWith('  '))).toEqual(['  ├ /c/1', '  ├ /c/2', '  └ /c/3']);
  });
});
