import { kilnError } from '../errors.ts';
import { buildRouteTree, createMatcher } from '../routing/index.ts';
import type { MatchResult, Route } from '../routing/index.ts';
import type { ManifestRoute, ServerManifest } from './manifest.ts';

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
  const tree = buildRouteTree(relFiles, manifest.appDir);
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
