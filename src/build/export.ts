/**
 * What a static export (`output: 'export'` in next.config) cannot hold: routes that need a
 * server are refused before anything is prerendered, each error naming its file. The export
 * itself is written while the build runs (static-export.ts).
 */
import { kilnError, type KilnError } from '../errors.ts';
import { configFiles, openParams, readSegmentConfig, staticParamsHolders } from '../params/index.ts';
import type { LoadModule } from '../params/types.ts';
import type { Route } from '../routing/types.ts';
import type { ManifestRouteEntry } from '../output/manifest.ts';

export const DEFAULT_EXPORT_DIR = 'out';

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
