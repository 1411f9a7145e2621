import { kilnError } from '../errors.ts';
import { classifyFile, DEFAULT_PAGE_EXTENSIONS } from './files.ts';
import { sortRoutes } from './rank.ts';
import { parseSegment } from './segments.ts';
import { checkRoute, UrlLevels } from './tree-checks.ts';
import type { ParamDef, Route, RouteLevel, RouteTree, Segment, SpecialFileKind } from './types.ts';

interface Folder {
  /** Project-relative path, e.g. `app/blog/[slug]`. */
  dir: string;
  segment: Segment | null;
  files: Partial<Record<SpecialFileKind, string>>;
  children: Map<string, Folder>;
}

/**
 * Builds the route tree from file paths relative to the app folder (`blog/[slug]/page.tsx`,
 * `/`-separated, in any order). Every path in the result is project-relative (`app/...`).
 * `extensions` are next.config's `pageExtensions`: special files with others are not routes.
 * Throws a catalog error for an invalid folder name or an inconsistent tree (clashing params or URLs, a catch-all not last).
 */
export function buildRouteTree(
  files: readonly string[],
  appDir = 'app',
  extensions: readonly string[] = DEFAULT_PAGE_EXTENSIONS,
): RouteTree {
  const base = appDir.replace(/\/+$/, '') || '.';
  const root = collectFolders(files, base, extensions);

  const routes: Route[] = [];
  const urls = new UrlLevels();
  const levels: RouteLevel[] = [];
  const visit = (folder: Folder): void => {
    levels.push(toLevel(folder));
    const route = routeOf(folder, levels);
    if (route) {
      checkRoute(route);
      urls.add(route);
      routes.push(route);
    }
    // Sorted so the first error reported does not depend on the order of `files`.
    for (const name of [...folder.children.keys()].sort()) visit(folder.children.get(name)!);
    levels.pop();
  };
  visit(root);

  const tree: RouteTree = { routes: sortRoutes(routes), appDir: base };
  if (root.files['not-found']) tree.notFound = root.files['not-found'];
  if (root.files.layout) tree.rootLayout = root.files.layout;
  if (root.files['global-error']) tree.globalError = root.files['global-error'];
  return tree;
}

function collectFolders(files: readonly string[], appDir: string, extensions: readonly string[]): Folder {
  const root: Folder = { dir: appDir, segment: null, files: {}, children: new Map() };
  for (const rel of [...files].sort()) {
    const parts = rel.split('/').filter((p) => p !== '' && p !== '.');
    const name = parts.pop();
    if (name === undefined) continue;
    const kind = classifyFile(name, extensions);
    if (kind === null) continue;
    // Everything below a `_private` folder is outside routing, whatever its name.
    if (parts.some((p) => p.startsWith('_'))) continue;

    let folder = root;
    for (const part of parts) {
      let child = folder.children.get(part);
      if (!child) {
        const dir = `${folder.dir}/${part}`;
        child = { dir, segment: parseSegment(part, dir), files: {}, children: new Map() };
        folder.children.set(part, child);
      }
      folder = child;
    }
    const file = `${folder.dir}/${name}`;
    const existing = folder.files[kind];
    if (existing === file) continue;
    if (existing !== undefined) {
      throw kilnError('ROUTE_SPECIAL_FILE_DUPLICATE', { file, otherFile: existing, kind, dir: folder.dir });
    }
    folder.files[kind] = file;
  }
  return root;
}

function toLevel(folder: Folder): RouteLevel {
  const level: RouteLevel = { dir: folder.dir, segment: folder.segment };
  const f = folder.files;
  if (f.layout) level.layout = f.layout;
  if (f['not-found']) level.notFound = f['not-found'];
  if (f.loading) level.loading = f.loading;
  if (f.error) level.error = f.error;
  if (f.template) level.template = f.template;
  if (f.page) level.page = f.page;
  return level;
}

function routeOf(folder: Folder, levels: readonly RouteLevel[]): Route | null {
  const { page, route: handler } = folder.files;
  if (!page && !handler) return null;

  const segments: Segment[] = [];
  const params: ParamDef[] = [];
  for (let i = 0; i < levels.length; i++) {
    const segment = levels[i].segment;
    if (segment === null || segment.kind === 'group') continue;
    segments.push(segment);
    if (segment.kind !== 'static' && segment.kind !== 'private') {
      params.push({ name: segment.param!, kind: segment.kind, level: i });
    }
  }
  const pattern = `/${segments.map((s) => s.raw).join('/')}`;
  if (page && handler) {
    throw kilnError('ROUTE_PAGE_AND_HANDLER', { file: handler, otherFile: page, route: pattern });
  }
  return {
    pattern,
    type: page ? 'page' : 'handler',
    file: (page ?? handler)!,
    levels: levels.slice(),
    segments,
    params,
  };
}
