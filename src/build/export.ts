/**
 * Static export (`output: 'export'` in next.config): reshapes a finished build into `out/`, a
 * folder any static host serves:
 *
 * - `client/` (hashed assets, public files) is copied to the root of `out/`;
 * - each prerendered page's HTML goes where static hosts look for it: `about.html`, or
 *   `about/index.html` with `trailingSlash: true` (as Next.js writes them);
 * - each page's RSC payload goes to `_kiln/rsc/<path>/index.rsc`, so client navigation works;
 * - `pages/404.html` becomes `404.html`;
 * - route handlers without params are called once (GET) and their body written to their path.
 *
 * File names are the *decoded* URL segments (`tags/c++.html`), because static hosts decode the
 * request path before looking for a file. Routes that need a server are refused first, each error
 * naming its file. `out/` is written beside itself and swapped in, like the build output.
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { kilnError, type KilnError } from '../errors.ts';
import { loadNextConfig, type KilnNextConfig } from '../vite/next-config.ts';
import { configFiles, openParams, readSegmentConfig, staticParamsHolders } from '../params/index.ts';
import type { LoadModule } from '../params/types.ts';
import type { Route } from '../routing/types.ts';
import { MANIFEST_FILE, type Manifest, type ManifestRouteEntry } from '../output/manifest.ts';
import { assertSafeOutDir, createStagingDir, discard, swapIn, type PreviousOutputRemoval } from './output-swap.ts';
import { NOT_FOUND_PAGE, PAGE_HTML_FILE, PAGE_RSC_FILE, PAGES_DIR } from '../output/page-files.ts';
import { payloadUrl } from '../output/payload-url.ts';
import { withClientSegmentConfig } from '../params/index.ts';
import { createRenderer } from './renderer.ts';
import { GENERATED_IMAGES_DIR } from '../render/metadata-files.ts';

export const DEFAULT_EXPORT_DIR = 'out';

export interface ExportOptions {
  /** The project folder. */
  root: string;
  /** The finished build to export (its manifest.json, client/, pages/, server/). */
  buildDir: string;
  /** Where the static site goes, absolute or relative to `root`. Default `out`. */
  exportDir?: string;
  /** next.config as already read; read from `root` when omitted. */
  config?: KilnNextConfig;
  /** How the previous export is deleted once replaced (see `BuildOptions.removePrevious`). */
  removePrevious?: PreviousOutputRemoval;
  /** Which route handlers (by pattern) this export calls; all when omitted (a shard calls its own). */
  handlers?: (pattern: string) => boolean;
}

export interface ExportResult {
  exportDir: string;
  /** HTML pages written (the 404 page included). */
  pages: number;
  /** Every file written. */
  files: number;
}

/** What the export needs to know of a route: the build's planned stats are enough. */
export interface ExportableRoute {
  route: Route;
  kind: ManifestRouteEntry['kind'];
}

/**
 * Refuses what a static host cannot serve: a page rendered per request, ISR, an
 * explicit `dynamicParams = true`, and route handlers that take params. Each error names the file
 * that asks for it. Exported so the build can check before it spends time prerendering.
 */
export async function checkExportable(routes: readonly ExportableRoute[], load: LoadModule, configFile: string): Promise<void> {
  for (const { route, kind } of routes) {
    const files = configFiles(route);
    const configs = await Promise.all(files.map(async (file) => ({ file, config: readSegmentConfig(file, await load(file), route) })));
    const fail = (file: string, reason: string, what: string, hint: string): KilnError =>
      kilnError('EXPORT_ROUTE_UNSUPPORTED', { file, route: route.pattern, reason, what, hintText: `${hint} ${configFile === '--export' ? 'Or build without --export.' : `Or remove output: 'export' from ${configFile}.`}` });

    if (route.type === 'handler') {
      if (route.params.length > 0) {
        throw fail(route.file, 'is a route handler with params', 'its requests', 'Give the handler a fixed path (no [param] folders), or make it a page.');
      }
      continue;
    }
    const explicit = configs.find((c) => c.config.dynamicParams === true);
    if (explicit && route.params.length > 0) {
      throw fail(
        explicit.file,
        'sets dynamicParams = true',
        'paths that generateStaticParams did not return',
        'Remove the export (a static export serves only generated paths) or set dynamicParams = false.',
      );
    }
    const isr = configs.find((c) => typeof c.config.revalidate === 'number' && c.config.revalidate > 0);
    if (isr) {
      throw fail(
        isr.file,
        `sets revalidate = ${String(isr.config.revalidate)} (incremental regeneration)`,
        'a regeneration',
        'Remove the revalidate export: exported pages change only when you build again.',
      );
    }
    if (kind === 'generated') {
      // An open segment's pages (no gSP fills it) exist only on request. An open optional catch-all
      // still has its page without it, but not its deeper paths.
      const open = openParams(route, await staticParamsHolders(route, load));
      if (open.length > 0) {
        throw fail(
          route.file,
          `has ${open.map((name) => `[${name}]`).join(', ')}, which no generateStaticParams of the route fills`,
          'its paths',
          `Return ${open.map((name) => `"${name}"`).join(', ')} from generateStaticParams in ${route.file}.`,
        );
      }
    }
    if (kind !== 'dynamic') continue;
    const forced = configs.find((c) => c.config.dynamic === 'force-dynamic') ?? configs.find((c) => c.config.revalidate === 0);
    if (forced) {
      const reason = forced.config.dynamic === 'force-dynamic' ? "sets dynamic = 'force-dynamic'" : 'sets revalidate = 0';
      throw fail(forced.file, reason, 'a render per request', 'Remove it so the page is prerendered.');
    }
    throw fail(
      route.file,
      'is a dynamic route without generateStaticParams',
      'its paths',
      'Export generateStaticParams from the page (or a layout above it) listing every path to prerender.',
    );
  }
}

export async function exportStatic(options: ExportOptions): Promise<ExportResult> {
  const root = path.resolve(options.root);
  const buildDir = path.resolve(root, options.buildDir);
  const exportDir = path.resolve(root, options.exportDir ?? DEFAULT_EXPORT_DIR);
  const config = options.config ?? (await loadNextConfig(root));
  const manifest = JSON.parse(await readFile(path.join(buildDir, MANIFEST_FILE), 'utf8')) as Manifest;
  assertSafeOutDir(exportDir, root, manifest.appDir);

  const renderer = await createRenderer(path.join(buildDir, 'server'));
  const { tree } = renderer.entry;
  // As the build reads them: a "use client" page's segment config is in its source.
  const load = withClientSegmentConfig(renderer.entry.load, (file) => readFile(path.join(root, file), 'utf8'));
  const byPattern = new Map(manifest.routes.map((r) => [r.pattern, r]));
  const routes: ExportableRoute[] = tree.routes.map((route) => {
    const entry = byPattern.get(route.pattern);
    return { route, kind: entry?.kind ?? 'dynamic' };
  });
  await checkExportable(routes, load, config.file ?? 'next.config');

  const staging = await createStagingDir(exportDir);
  try {
    let files = 0;
    let pages = 0;
    // Hashed assets and public files; Vite's own manifest is build metadata, not site content.
    await cp(path.join(buildDir, 'client'), staging, {
      recursive: true,
      // `_kiln/metadata/` holds metadata files by pattern, for `kiln start` only.
      filter: (source) => !source.split(path.sep).includes('.vite') && !source.endsWith(`${path.sep}_kiln${path.sep}metadata`),
    });
    files += (await listFiles(staging)).length;
    // Generated images (opengraph-image.tsx) at their own URLs, which have no extension.
    const generatedDir = path.join(buildDir, 'client', ...GENERATED_IMAGES_DIR.split('/'));
    for (const rel of existsSync(generatedDir) ? await listFiles(generatedDir) : []) {
      const target = path.join(staging, ...rel.slice(0, rel.lastIndexOf('.')).split('/'));
      await mkdir(path.dirname(target), { recursive: true });
      await cp(path.join(generatedDir, ...rel.split('/')), target);
      files++;
    }

    const written = new Set<string>();
    const put = async (rel: string, data: Uint8Array): Promise<void> => {
      const target = path.join(staging, ...rel.split('/'));
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, data);
      if (!written.has(rel)) files++;
      written.add(rel);
    };

    const pagesDir = path.join(buildDir, PAGES_DIR);
    for (const rel of await listFiles(pagesDir)) {
      const data = await readFile(path.join(pagesDir, ...rel.split('/')));
      if (`${PAGES_DIR}/${rel}` === NOT_FOUND_PAGE) {
        await put('404.html', data);
        pages++;
        continue;
      }
      const slash = rel.lastIndexOf('/');
      const name = rel.slice(slash + 1);
      const segments = slash === -1 ? [] : rel.slice(0, slash).split('/').map(fileSegment);
      if (name === PAGE_HTML_FILE) {
        await put(htmlFile(segments, config.trailingSlash), data);
        pages++;
      } else if (name === PAGE_RSC_FILE) {
        // Where client navigation asks for it, as a file: the URL without its leading slash.
        await put(payloadUrl(`/${segments.join('/')}`).slice(1), data);
      }
    }

    for (const route of tree.routes) {
      if (route.type !== 'handler' || options.handlers?.(route.pattern) === false) continue;
      const response = await renderer.entry.handler(new Request(`http://localhost${route.pattern}`));
      if (response.status !== 200) {
        throw kilnError('EXPORT_ROUTE_UNSUPPORTED', {
          file: route.file,
          route: route.pattern,
          reason: `answered GET with status ${response.status}`,
          what: 'its requests',
          hintText: 'A route handler in a static export is called once at build time and must answer GET with 200.',
        });
      }
      const segments = route.pattern.slice(1).split('/');
      await put(segments.join('/'), new Uint8Array(await response.arrayBuffer()));
    }

    await swapIn(staging, exportDir, options.removePrevious);
    return { exportDir, pages, files };
  } catch (error) {
    await discard(staging);
    throw error;
  }
}

/** `[]` → `index.html`; `['about']` → `about.html`, or `about/index.html` with trailing slashes. */
export function htmlFile(segments: readonly string[], trailingSlash: boolean): string {
  if (segments.length === 0) return 'index.html';
  return trailingSlash ? `${segments.join('/')}/index.html` : `${segments.join('/')}.html`;
}

/**
 * The file name a static host looks for: the segment decoded, since hosts decode request paths.
 * A value that decodes to a separator or a dot segment keeps its encoded spelling, so it can
 * never leave its folder.
 */
export function fileSegment(encoded: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
  if (decoded === '' || decoded === '.' || decoded === '..' || /[/\\\0]/.test(decoded)) return encoded;
  return decoded;
}

/** Every file under `dir`, `/`-separated and relative to it, sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}
