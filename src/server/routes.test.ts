import { describe, expect, it } from 'vitest';
import { parseManifest } from '../output/parse-manifest.ts';
import { createRouteIndex, rendersOnDemand } from './routes.ts';

function manifest(route: Record<string, unknown>) {
  const base = { pattern: '/[locale]/[slug]', file: 'app/[locale]/[slug]/page.tsx', type: 'page', kind: 'generated', revalidate: false, paths: [] };
  return parseManifest(JSON.stringify({ version: 1, appDir: 'app', routes: [{ ...base, ...route }] }), 'manifest.json');
}

function allows(m: ReturnType<typeof parseManifest>, pathname: string): boolean {
  const index = createRouteIndex(m);
  const found = index.match(pathname);
  if (found.kind !== 'found') throw new Error(`no match for ${pathname}`);
  return rendersOnDemand({ route: found.route, entry: index.entryOf(found.route) }, found.params);
}

describe('rendersOnDemand', () => {
  it('dynamicParams = false restricts only the generated params of a partially generated route, not its open segments', () => {
    const m = manifest({ dynamicParams: false, open: ['slug'], generated: ['["en"]', '["de"]'] });
    expect(['/en/another', '/de/x', '/fr/another'].map((p) => allows(m, p))).toEqual([true, true, false]);
  });

  it('dynamicParams = false without open params renders nothing on demand; true renders all', () => {
    expect(allows(manifest({ dynamicParams: false }), '/en/a')).toBe(false);
    expect(allows(manifest({ dynamicParams: true, open: ['slug'] }), '/fr/a')).toBe(true);
  });

  it('a malformed open list is a manifest error naming the route', () => {
    expect(() => manifest({ dynamicParams: false, open: 'slug' })).toThrow(/open/);
  });
});
