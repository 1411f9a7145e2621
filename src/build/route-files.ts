import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { kilnError, type KilnError } from '../errors.ts';
import type { KilnNextConfig } from '../vite/next-config.ts';
import { classifyFile, DEFAULT_PAGE_EXTENSIONS, unlistedSpecialFile, type SpecialFileKind } from '../routing/index.ts';

export interface RouteFilesScan {
  /** Whether routing would see at least one page or route handler. */
  found: boolean;
  /**
   * A special file written in MDX whose extension pageExtensions lacks (`page.mdx` by default),
   * with no listed file of its kind beside it: the app means it as a route but gets none.
   */
  unlisted: { file: string; kind: SpecialFileKind; extension: string } | null;
}

/**
 * Looks through an app folder, outside `_private` folders (and any node_modules), for the page or
 * route handler routing would see given next.config's `pageExtensions`, and for an MDX special
 * file those extensions leave out. `unlisted.file` is relative to `appDir`, `/`-separated.
 */
export async function scanRouteFiles(appDir: string, extensions: readonly string[]): Promise<RouteFilesScan> {
  const scan: RouteFilesScan = { found: false, unlisted: null };
  const pending = [appDir];
  for (let dir = pending.pop(); dir !== undefined; dir = pending.pop()) {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    const kinds = new Set<SpecialFileKind>();
    const candidates: NonNullable<RouteFilesScan['unlisted']>[] = [];
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('_') && entry.name !== 'node_modules') pending.push(path.join(dir, entry.name));
        continue;
      }
      const kind = classifyFile(entry.name, extensions);
      if (kind !== null) kinds.add(kind);
      if (kind === 'page' || kind === 'route') scan.found = true;
      const unlisted = scan.unlisted ? null : unlistedSpecialFile(entry.name, extensions);
      if (unlisted) candidates.push({ file: path.relative(appDir, path.join(dir, entry.name)).split(path.sep).join('/'), ...unlisted });
    }
    // Next.js takes the listed file and ignores the other, so that pair is no mistake.
    scan.unlisted ??= candidates.find((c) => !kinds.has(c.kind)) ?? null;
  }
  return scan;
}

/** The error for `scan.unlisted`, naming the file project-relative and the config to change. */
export function unlistedPageError(
  unlisted: NonNullable<RouteFilesScan['unlisted']>,
  appDirName: string,
  next: Pick<KilnNextConfig, 'file' | 'pageExtensions'>,
): KilnError {
  return kilnError('ROUTE_PAGE_EXTENSION_UNLISTED', {
    file: `${appDirName}/${unlisted.file}`,
    kind: unlisted.kind,
    extension: unlisted.extension,
    extensions: next.pageExtensions,
    // The config keeps the default list itself when it sets none.
    source: next.pageExtensions === DEFAULT_PAGE_EXTENSIONS ? 'default' : 'config',
    config: next.file,
  });
}
