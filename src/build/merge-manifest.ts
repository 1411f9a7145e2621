/**
 * One manifest from the shards' partial ones, as a one-machine build would have written it:
 * every route's paths joined and sorted, a route that bailed out to per-request rendering in any
 * shard dynamic in all, the shortest revalidate a page's fetch asked for, the redirects joined.
 * Everything else (config, rules, middleware, the routes themselves) comes from the bundle and
 * must be the same in every shard.
 */
import { kilnError } from '../errors.ts';
import type { Manifest, ManifestRedirect, ManifestRouteEntry } from '../output/manifest.ts';

export interface ShardManifest {
  /** How errors name the shard (its folder as given). */
  name: string;
  manifest: Manifest;
}

/** The merged manifest, without its buildId (the caller computes it). */
export function mergeManifests(shards: readonly ShardManifest[]): Omit<Manifest, 'buildId'> {
  const [first] = shards;
  const base = sameEverywhere(first.manifest);
  for (const s of shards.slice(1)) {
    if (sameEverywhere(s.manifest) !== base) {
      throw kilnError('MERGE_BUNDLE_MISMATCH', { folder: s.name, otherFolder: first.name, what: 'the routes or configuration in manifest.json' });
    }
  }

  const routes = first.manifest.routes.map((route, r): ManifestRouteEntry => {
    const entries = shards.map((s) => s.manifest.routes[r]);
    // A route that generated pages in one shard and bailed out in another is dynamic, as it is
    // when a one-machine build meets the no-store fetch after some pages.
    const bailed = entries.some((e) => e.kind === 'dynamic');
    let revalidate: number | false = false;
    for (const e of entries) if (e.revalidate !== false && (revalidate === false || e.revalidate < revalidate)) revalidate = e.revalidate;
    const { paths: _paths, ...rest } = route;
    return {
      ...rest,
      kind: bailed ? 'dynamic' : route.kind,
      revalidate,
      paths: bailed ? [] : entries.flatMap((e) => e.paths).sort(),
    };
  });

  // A bailed-out route's pages are not served from files, nor are their redirects.
  const unlisted = new Set<string>();
  routes.forEach((route, r) => {
    if (route.kind === 'dynamic') for (const s of shards) for (const p of s.manifest.routes[r].paths) unlisted.add(p);
  });
  const redirects: Record<string, ManifestRedirect> = {};
  for (const s of shards) for (const [p, redirect] of Object.entries(s.manifest.redirects)) if (!unlisted.has(p)) redirects[p] = redirect;

  const { shard: _shard, buildId: _buildId, ...shared } = first.manifest;
  return {
    ...shared,
    redirects: Object.fromEntries(Object.entries(redirects).sort(([a], [b]) => (a < b ? -1 : 1))),
    routes,
  };
}

/** What the bundle decides, which every shard must agree on. */
function sameEverywhere(manifest: Manifest): string {
  const { appDir, basePath, trailingSlash, rules, middleware, version } = manifest;
  const routes = manifest.routes.map(({ pattern, file, type, dynamicParams, dynamic, open, generated }) => [pattern, file, type, dynamicParams, dynamic, open, generated]);
  return JSON.stringify([version, appDir, basePath, trailingSlash, rules, middleware, routes]);
}
