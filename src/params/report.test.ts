import { describe, expect, it } from 'vitest';
import { collectRouteReport } from './report.ts';
import { page, testApp, warnings } from './test-app.ts';

describe('collectRouteReport', () => {
  it('lists each route with its kind, config, calls and paths', async () => {
    const app = testApp({
      'app/page.tsx': page(),
      'app/[lang]/layout.tsx': { generateStaticParams: () => [{ lang: 'en' }, { lang: 'fr' }] },
      'app/[lang]/[slug]/page.tsx': page({ revalidate: 60, generateStaticParams: () => [{ slug: 'a' }] }),
      'app/live/[id]/page.tsx': page({ generateStaticParams: () => [{ id: '1' }], dynamic: 'force-dynamic' }),
      'app/u/[id]/page.tsx': page(),
      'app/api/route.ts': { GET: () => null },
      'app/feeds/[name]/route.ts': { GET: () => null, generateStaticParams: () => [{ name: 'a' }] },
    });
    const w = warnings();
    const report = await collectRouteReport(app.tree, { load: app.load, onWarning: w.onWarning, concurrency: 1 });
    const byPattern = Object.fromEntries(report.map((r) => [r.pattern, r]));
    expect(report.map((r) => r.pattern)).toEqual(app.tree.routes.map((r) => r.pattern));
    expect(byPattern['/'].kind).toBe('static');
    expect(byPattern['/'].paths).toEqual(['/']);
    expect(byPattern['/api'].kind).toBe('dynamic');
    // As the build plans it: a handler with gSP has its GET prerendered for each path.
    expect([byPattern['/feeds/[name]'].kind, byPattern['/feeds/[name]'].paths]).toEqual(['generated', ['/feeds/a']]);
    expect(byPattern['/live/[id]'].kind).toBe('dynamic');
    expect(byPattern['/live/[id]'].calls).toEqual([]);
    expect(byPattern['/u/[id]'].kind).toBe('dynamic');
    const lang = byPattern['/[lang]/[slug]'];
    expect(lang.kind).toBe('generated');
    expect(lang.config).toEqual({ dynamicParams: true, revalidate: 60, dynamic: 'auto' });
    expect(lang.paths).toEqual(['/en/a', '/fr/a']);
    expect(lang.calls.map((c) => [c.file, c.params, c.count])).toEqual([
      ['app/[lang]/[slug]/page.tsx', { lang: 'en' }, 1],
      ['app/[lang]/[slug]/page.tsx', { lang: 'fr' }, 1],
      ['app/[lang]/layout.tsx', {}, 2],
    ]);
    expect(w.list).toEqual([]);
  });
});
