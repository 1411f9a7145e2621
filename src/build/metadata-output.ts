/**
 * Writes the app's metadata files into the build's `client/` folder at their URLs, where
 * `kiln start` serves them as it serves public files and the static export copies them:
 * static files (`favicon.ico`, `blog/opengraph-image.png`) as they are, code modules
 * (`robots.ts`, `sitemap.ts` and each `generateSitemaps` id, `manifest.ts`) rendered once. A
 * static file inside a dynamic folder (`blog/[slug]/opengraph-image.png`) is written for every
 * prerendered page below that folder, the URLs those pages link, and once by its pattern for the
 * pages rendered on demand.
 */
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { kilnError } from '../errors.ts';
import { metadataFileHref, type MetadataFile } from '../routing/metadata-files.ts';
import type { RscEntry } from '../render/types.ts';
import { METADATA_PATTERNS_DIR } from '../render/metadata-files.ts';
import { fileSegment } from './export.ts';

export interface MetadataOutputOptions {
  /** The project folder (the static files are read from it). */
  root: string;
  /** The build's `client/` folder, public files already in it. */
  clientDir: string;
  entry: RscEntry;
  /** Every prerendered page path, encoded as `href()` writes it. */
  pagePaths: Iterable<string>;
}

/** Returns how many files were written. */
export async function writeMetadataOutput(options: MetadataOutputOptions): Promise<number> {
  const { root, clientDir, entry } = options;
  const written = new Set<string>();
  const put = async (url: string, data: Uint8Array, source: MetadataFile): Promise<void> => {
    const rel = url.slice(1).split('/').map(fileSegment).join('/');
    if (written.has(rel)) return;
    const target = path.join(clientDir, ...rel.split('/'));
    if (await exists(target)) throw kilnError('METADATA_FILE_CONFLICT', { file: source.file, otherFile: `public/${rel}`, url });
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, data);
    written.add(rel);
  };

  let pages: Array<{ levels: Set<string>; params: Record<string, string | string[]> }> | undefined;
  /** The URLs of a file inside a dynamic folder: one per prerendered page below the folder. */
  const concreteUrls = (file: MetadataFile): string[] => {
    pages ??= [...options.pagePaths].flatMap((pathname) => {
      const found = entry.match(pathname);
      return found.kind === 'found' ? [{ levels: new Set(found.route.levels.map((l) => l.dir)), params: found.params }] : [];
    });
    return [...new Set(pages.filter((p) => p.levels.has(file.dir)).map((p) => metadataFileHref(file, p.params)))];
  };

  for (const file of entry.metadata.files) {
    const dynamic = file.segments.some((s) => s.kind !== 'static');
    if (file.source === 'static') {
      const data = await readFile(path.join(root, file.file));
      for (const url of dynamic ? concreteUrls(file) : [file.pattern]) await put(url, data, file);
      // One more copy by pattern, for the pages `kiln start` renders on demand (see server/metadata-files.ts).
      if (dynamic) await put(`/${METADATA_PATTERNS_DIR}${file.pattern}`, data, file);
      continue;
    }
    // A code module inside a dynamic folder has no URL the build can know.
    if (dynamic) continue;
    for (const url of await entry.metadata.urls(file)) {
      const match = entry.metadata.match(url);
      const body = match && (await entry.metadata.render(match));
      if (body) await put(url, body.body, file);
    }
  }
  return written.size;
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
