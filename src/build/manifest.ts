/** `manifest.json`: every route, its kind and config, and the paths prerendered for it. */
import type { RouteStats } from './types.ts';

export const MANIFEST_FILE = 'manifest.json';

export interface ManifestRouteEntry {
  pattern: string;
  file: string;
  type: 'page' | 'handler';
  kind: RouteStats['kind'];
  dynamicParams: boolean;
  revalidate: number | false;
  dynamic: string;
  /** Prerendered pathnames, encoded as `href()` gives them. */
  paths: string[];
  /** Open params (rule 12): segments no generateStaticParams fills, rendered on demand. */
  open?: string[];
  /**
   * With `open` and `dynamicParams` false: the `generatedKey`s of the values generated for the
   * other params, the only ones the server renders open pages for.
   */
  generated?: string[];
}

export interface ManifestRedirect {
  status: 307 | 308;
  /** The `Location` to answer with, base path included for a local path. */
  location: string;
}

export interface Manifest {
  version: 1;
  appDir: string;
  buildId: string;
  /** next.config's `basePath` ('' or `/docs`) and `trailingSlash`, which `kiln start` serves by. */
  basePath: string;
  trailingSlash: boolean;
  routes: ManifestRouteEntry[];
  /** Prerendered pages that called `redirect()` / `permanentRedirect()`, by encoded path. */
  redirects: Record<string, ManifestRedirect>;
}

export interface ManifestExtras {
  basePath: string;
  trailingSlash: boolean;
  redirects: Record<string, ManifestRedirect>;
}

export function manifestJson(
  appDir: string,
  buildId: string,
  routes: Array<{ stats: RouteStats; paths: string[]; open?: { params: string[]; generated: ReadonlySet<string> } }>,
  extras: ManifestExtras = { basePath: '', trailingSlash: false, redirects: {} },
): string {
  const manifest: Manifest = {
    version: 1,
    appDir,
    buildId,
    basePath: extras.basePath,
    trailingSlash: extras.trailingSlash,
    redirects: extras.redirects,
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
