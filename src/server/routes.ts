import { kilnError } from '../errors.ts';
import { generatedKey } from '../params/open.ts';
import { buildRouteTree, createMatcher } from '../routing/index.ts';
import type { MatchResult, Params, Route } from '../routing/index.ts';
import type { ManifestRoute, ServerManifest } from '../output/manifest.ts';

/** A route as the server knows it: the routing layer's shape plus what the build recorded. */
export interface ServerRoute {
  route: Route;
  entry: ManifestRoute;
}

export interface RouteIndex {
  match(pathname: string): MatchResult;
  /** The manifest entry of a matched route. */
  entryOf(route: Route): ManifestRoute;
}

/**
 * Rebuilds the matcher from the manifest's route files with the same routing code the build
 * used, so the server matches exactly the URLs the build prerendered. Only page and handler
 * files are given: layouts and other special files do not change which route a URL reaches.
 */
export function createRouteIndex(manifest: ServerManifest): RouteIndex {
  const prefix = `${manifest.appDir}/`;
  const byFile = new Map<string, ManifestRoute>();
  const relFiles: string[] = [];
  for (const entry of manifest.routes) {
    byFile.set(entry.file, entry);
    relFiles.push(entry.file.startsWith(prefix) ? entry.file.slice(prefix.length) : entry.file);
  }
  const tree = buildRouteTree(relFiles, manifest.appDir, extensionsOf(manifest.routes));
  for (const route of tree.routes) {
    if (!byFile.has(route.file)) {
      throw kilnError('INTERNAL', { file: route.file, reason: `the rebuilt route tree has a route the manifest lacks` });
    }
  }
  const match = createMatcher(tree);
  return {
    match,
    entryOf: (route) => byFile.get(route.file)!,
  };
}

/**
 * The pageExtensions the build routed with, as far as the server needs them: those of the route
 * files it recorded (`page.mdx` → `mdx`). A special file's name has no dot before its extension.
 */
function extensionsOf(routes: readonly ManifestRoute[]): string[] {
  const extensions = new Set<string>();
  for (const { file } of routes) {
    const name = file.slice(file.lastIndexOf('/') + 1);
    extensions.add(name.slice(name.indexOf('.') + 1));
  }
  return [...extensions];
}

/**
 * Whether params that were not prerendered may be rendered on demand: always with
 * `dynamicParams` true; with false, only on a partially generated route (one with segments no gSP fills), for values of
 * its open params below values generateStaticParams gave the others.
 */
export function rendersOnDemand({ route, entry }: ServerRoute, params: Params): boolean {
  if (entry.dynamicParams) return true;
  if (entry.open === undefined || entry.generated === undefined) return false;
  return entry.generated.has(generatedKey(route, entry.open, params));
}
