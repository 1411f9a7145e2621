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
}

export interface Manifest {
  version: 1;
  appDir: string;
  buildId: string;
  routes: ManifestRouteEntry[];
}

export function manifestJson(appDir: string, buildId: string, routes: Array<{ stats: RouteStats; paths: string[] }>): string {
  const manifest: Manifest = {
    version: 1,
    appDir,
    buildId,
    routes: routes.map(({ stats, paths }) => ({
      pattern: stats.pattern,
      file: stats.file,
      type: stats.type,
      kind: stats.kind,
      dynamicParams: stats.dynamicParams,
      revalidate: stats.revalidate,
      dynamic: stats.dynamic,
      paths,
    })),
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
