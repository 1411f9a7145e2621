/**
 * The static export (`output: 'export'`), staged inside the build's fresh output folder
 * (`EXPORT_STAGING_DIR`) while the build runs, so that every file is written once:
 *
 * - the render lanes write each page's HTML and payload where a static host serves them and
 *   hard-link them into `pages/` for `kiln start` (see page-output.ts), and the not-found page to
 *   `404.html`;
 * - once the pages are done, `complete()` calls each route handler (no params) once and writes
 *   its body at its path, then links in `client/` (hashed assets, public and metadata files; not
 *   Vite's manifest or the metadata files kept by pattern for `kiln start`) and the generated
 *   images at their own URLs. Where two want one name, a route handler wins over a page, and a
 *   page over a file of `client/`, as a server would answer;
 * - `swapIn()` moves the staged export beside `out/` and swaps both outputs in together, so a
 *   failed build leaves the previous `dist/` and `out/` as they were.
 */
import { cp, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { kilnError } from '../errors.ts';
import type { ExportLayout } from '../output/export-files.ts';
import { EXPORT_STAGING_DIR } from '../output/page-files.ts';
import { GENERATED_IMAGES_DIR, METADATA_PATTERNS_DIR } from '../render/metadata-files.ts';
import type { RscEntry } from '../render/types.ts';
import { DEFAULT_EXPORT_DIR } from './export.ts';
import { assertSafeOutDir, discard, stagingPath, swapInAll, type PreviousOutputRemoval } from './output-swap.ts';
import { linkOrCopy } from './writer.ts';
import { listFiles } from './list-files.ts';

export interface StagedExport {
  readonly layout: ExportLayout;
  /** Where the export ends up (`out/` of the project). */
  readonly exportDir: string;
  /** Adds what is not a page; returns how many files that was. */
  complete(entry: Pick<RscEntry, 'handler' | 'tree'>): Promise<number>;
  /** Replaces `outDir` with the build's staging folder and `out/` with the staged export. */
  swapIn(outDir: string, removal?: PreviousOutputRemoval): Promise<void>;
  /** After a failure: deletes the staged export wherever it is. */
  discard(): Promise<void>;
}

export interface StageExportOptions {
  root: string;
  /** The app folder, relative to `root`: the export may not replace it. */
  appDir: string;
  /** The build's fresh output folder. */
  staging: string;
  trailingSlash: boolean;
  /**
   * Keep the export inside the build output, in this folder (a shard's partial export, which
   * `kiln merge` joins), instead of swapping it in as `out/` of the project.
   */
  inside?: string;
  /** Which route handlers (by pattern) the export calls; all when omitted (a shard calls its own). */
  handlers?: (pattern: string) => boolean;
}

export function stageExport(options: StageExportOptions): StagedExport {
  const { staging } = options;
  const exportDir = path.resolve(options.root, DEFAULT_EXPORT_DIR);
  if (!options.inside) assertSafeOutDir(exportDir, options.root, options.appDir);
  const staged = path.join(staging, EXPORT_STAGING_DIR);
  /** Where the staged export is once moved beside `out/`. */
  let moved: string | undefined;

  return {
    layout: { trailingSlash: options.trailingSlash },
    exportDir: options.inside ? path.join(staging, options.inside) : exportDir,
    async complete(entry) {
      await mkdir(staged, { recursive: true });
      const clientDir = path.join(staging, 'client');
      let files = 0;
      const made = new Set<string>();
      const ensureDir = async (dir: string): Promise<void> => {
        if (made.has(dir)) return;
        await mkdir(dir, { recursive: true });
        made.add(dir);
      };
      for (const route of entry.tree.routes) {
        if (route.type !== 'handler' || options.handlers?.(route.pattern) === false) continue;
        const response = await entry.handler(new Request(`http://localhost${route.pattern}`));
        if (response.status !== 200) {
          throw kilnError('EXPORT_ROUTE_UNSUPPORTED', {
            file: route.file,
            route: route.pattern,
            reason: `answered GET with status ${response.status}`,
            what: 'its requests',
            hintText: 'A route handler in a static export is called once at build time and must answer GET with 200.',
          });
        }
        const to = path.join(staged, ...route.pattern.slice(1).split('/'));
        await ensureDir(path.dirname(to));
        // A page of the same name is a file dist/pages shares: replaced, never written through.
        await rm(to, { force: true });
        await writeFile(to, new Uint8Array(await response.arrayBuffer()));
        files++;
      }
      const generated = GENERATED_IMAGES_DIR.split('/');
      for (const rel of await listClientFiles(clientDir)) {
        const parts = rel.split('/');
        let target: string[];
        if (startsWith(parts, generated)) {
          // A generated image at its own URL, which has no extension.
          const name = parts.at(-1)!;
          target = [...parts.slice(generated.length, -1), name.slice(0, name.lastIndexOf('.'))];
        } else if (startsWith(parts, METADATA_PATTERNS_DIR.split('/'))) {
          continue;
        } else {
          target = parts;
        }
        const to = path.join(staged, ...target);
        await ensureDir(path.dirname(to));
        try {
          linkOrCopy(path.join(clientDir, ...parts), to);
          files++;
        } catch (error) {
          // A page or route handler of the same name is what the export serves.
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        }
      }
      return files;
    },
    async swapIn(outDir, removal) {
      if (options.inside) {
        await rename(staged, path.join(staging, options.inside));
        await swapInAll([{ staging, outDir }], removal);
        return;
      }
      moved = await stagingPath(exportDir);
      try {
        await rename(staged, moved);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
        // `out/` is on another file system than the build output: copied instead.
        await cp(staged, moved, { recursive: true });
        await discard(staged);
      }
      await swapInAll(
        [
          { staging, outDir },
          { staging: moved, outDir: exportDir },
        ],
        removal,
      );
      moved = undefined;
    },
    async discard() {
      if (moved) await discard(moved);
    },
  };
}

function startsWith(parts: readonly string[], prefix: readonly string[]): boolean {
  return prefix.every((p, i) => parts[i] === p);
}

/** Files under `client/`, `/`-separated, without Vite's own manifest folder. */
async function listClientFiles(clientDir: string): Promise<string[]> {
  return (await listFiles(clientDir)).filter((rel) => !rel.startsWith('.vite/'));
}
