/** The text of `manifest.json`, from what the build learned about each route. */
import type { Manifest, ManifestRouteEntry } from './manifest.ts';

/** A route as the build knows it: its config and counts (extra fields are not written). */
export type RouteFacts = Pick<ManifestRouteEntry, 'pattern' | 'file' | 'type' | 'kind' | 'dynamicParams' | 'revalidate' | 'dynamic'>;

export interface ManifestRouteInput {
  stats: RouteFacts;
  /** Prerendered pathnames, encoded. */
  paths: string[];
  open?: { params: string[]; generated: ReadonlySet<string> };
}

export type ManifestExtras = Pick<Manifest, 'basePath' | 'trailingSlash' | 'redirects' | 'rules' | 'middleware'> & Partial<Pick<Manifest, 'bundleId' | 'shard'>>;

export function manifestJson(
  appDir: string,
  buildId: string,
  routes: readonly ManifestRouteInput[],
  extras: ManifestExtras = { basePath: '', trailingSlash: false, redirects: {} },
): string {
  const manifest: Manifest = {
    version: 1,
    appDir,
    buildId,
    ...(extras.bundleId ? { bundleId: extras.bundleId } : {}),
    basePath: extras.basePath,
    trailingSlash: extras.trailingSlash,
    redirects: extras.redirects,
    ...(extras.rules ? { rules: extras.rules } : {}),
    ...(extras.middleware ? { middleware: extras.middleware } : {}),
    ...(extras.shard ? { shard: extras.shard } : {}),
    routes: routes.map(({ stats, paths, open }) => {
      const entry: ManifestRouteEntry = {
        pattern: stats.pattern,
        file: stats.file,
        type: stats.type,
        kind: stats.kind,
        dynamicParams: stats.dynamicParams,
        revalidate: stats.revalidate,
        dynamic: stats.dynamic,
        paths,
      };
      if (open) {
        entry.open = open.params;
        // Only a dynamicParams = false route is restricted to them.
        if (!stats.dynamicParams) entry.generated = [...open.generated].sort();
      }
      return entry;
    }),
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
