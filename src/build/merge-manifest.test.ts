import { describe, expect, it } from 'vitest';
import type { Manifest, ManifestRouteEntry } from '../output/manifest.ts';
import { mergeManifests } from './merge-manifest.ts';

const route = (pattern: string, extra: Partial<ManifestRouteEntry> = {}): ManifestRouteEntry => ({
  pattern,
  file: `app${pattern}/page.tsx`,
  type: 'page',
  kind: 'generated',
  dynamicParams: false,
  revalidate: false,
  dynamic: 'auto',
  paths: [],
  ...extra,
});

const shard = (index: number, routes: ManifestRouteEntry[], redirects: Manifest['redirects'] = {}): { name: string; manifest: Manifest } => ({
  name: `shard-${index}`,
  manifest: {
    version: 1,
    appDir: 'app',
    buildId: `id${index}`,
    bundleId: 'b',
    basePath: '',
    trailingSlash: false,
    redirects,
    routes,
    shard: { index, count: 2, notFound: '0', digests: routes.map(() => '0') },
  },
});

describe('mergeManifests', () => {
  it('joins and sorts the paths, keeps the shortest revalidate, joins the redirects', () => {
    const merged = mergeManifests([
      shard(1, [route('/a/[x]', { paths: ['/a/b', '/a/d'], revalidate: 60 }), route('/r/[x]', { paths: ['/r/2'] })], { '/r/2': { status: 308, location: '/' } }),
      shard(2, [route('/a/[x]', { paths: ['/a/a', '/a/c'], revalidate: 30 }), route('/r/[x]', { paths: ['/r/1'] })], { '/r/1': { status: 307, location: '/x' } }),
    ]);
    expect(merged.routes.map((r) => [r.paths, r.revalidate])).toEqual([
      [['/a/a', '/a/b', '/a/c', '/a/d'], 30],
      [['/r/1', '/r/2'], false],
    ]);
    expect(Object.keys(merged.redirects)).toEqual(['/r/1', '/r/2']);
    expect(merged).not.toHaveProperty('shard');
    expect(merged).not.toHaveProperty('buildId');
  });

  it('makes a route that bailed out in any shard dynamic, without paths or redirects, whichever shard it was', () => {
    for (const bailedIn of [1, 2]) {
      const entries = [1, 2].map((i) =>
        i === bailedIn ? route('/r/[x]', { kind: 'dynamic', paths: [] }) : route('/r/[x]', { paths: [`/r/${i}`] }),
      );
      const merged = mergeManifests(entries.map((e, i) => shard(i + 1, [e], e.paths.length ? { [e.paths[0]]: { status: 308, location: '/' } } : {})));
      expect(merged.routes[0]).toMatchObject({ kind: 'dynamic', paths: [] });
      expect(merged.redirects).toEqual({});
    }
  });

  it('refuses shards whose routes or configuration differ, naming both', () => {
    const one = shard(1, [route('/a/[x]')]);
    const other = shard(2, [route('/a/[x]', { dynamicParams: true })]);
    expect(() => mergeManifests([one, other])).toThrow('shard-2 and shard-1 were not built from the same bundle');
  });
});
