/**
 * Writes the app's metadata files into the build's `client/` folder at their URLs, where
 * `kiln start` serves them as it serves public files and the static export copies them:
 * static files (`favicon.ico`, `blog/opengraph-image.png`) as they are, code modules
 * (`robots.ts`, `sitemap.ts` and each `generateSitemaps` id, `manifest.ts`) rendered once. A
 * static file inside a dynamic folder (`blog/[slug]/opengraph-image.png`) is written for every
 * prerendered page below that folder, the URLs those pages link, and once by its pattern for the
 * pages rendered on demand. Generated images (`opengraph-image.tsx`) are drawn for the same URLs
 * and kept under `_kiln/metadata/generated/` with an extension naming their type; the export
 * writes them at their own URLs.
 */
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { kilnError } from '../errors.ts';
import { metadataFileHref, type MetadataFile } from '../routing/metadata-files.ts';
import type { RscEntry } from '../render/types.ts';
import { GENERATED_IMAGES_DIR, METADATA_PATTERNS_DIR } from '../render/metadata-files.ts';
import type { Params } from '../routing/types.ts';
import { fileSegment } from '../output/export-files.ts';

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

  let pages: Array<{ levels: Set<string>; params: Params }> | undefined;
  /** The params of a file inside a dynamic folder: one set per prerendered page below the folder. */
  const paramSets = (file: MetadataFile): Params[] => {
    if (!file.segments.some((s) => s.kind !== 'static')) return [{}];
    pages ??= [...options.pagePaths].flatMap((pathname) => {
      const found = entry.match(pathname);
      return found.kind === 'found' ? [{ levels: new Set(found.route.levels.map((l) => l.dir)), params: found.params }] : [];
    });
    const byUrl = new Map<string, Params>();
    for (const page of pages) if (page.levels.has(file.dir)) byUrl.set(metadataFileHref(file, page.params), page.params);
    return [...byUrl.values()];
  };
  const concreteUrls = (file: MetadataFile): string[] => paramSets(file).map((params) => metadataFileHref(file, params));

  for (const file of entry.metadata.files) {
    const dynamic = file.segments.some((s) => s.kind !== 'static');
    if (file.source === 'static') {
      const data = await readFile(path.join(root, file.file));
      for (const url of dynamic ? concreteUrls(file) : [file.pattern]) await put(url, data, file);
      // One more copy by pattern, for the pages `kiln start` renders on demand (see server/metadata-files.ts).
      if (dynamic) await put(`/${METADATA_PATTERNS_DIR}${file.pattern}`, data, file);
      continue;
    }
    if (file.ext === '') {
      // A generated image has no extension in its URL; the stored copy's name carries its type.
      for (const params of paramSets(file)) {
        for (const url of await entry.metadata.urls(file, params)) {
          const match = entry.metadata.match(url);
          const body = match && (await entry.metadata.render(match));
          if (body) await put(`/${GENERATED_IMAGES_DIR}${url}.${extensionOf(body.contentType)}`, body.body, file);
        }
      }
      continue;
    }
    // A robots, sitemap or manifest module inside a dynamic folder has no URL the build can know.
    if (dynamic) continue;
    for (const url of await entry.metadata.urls(file)) {
      const match = entry.metadata.match(url);
      const body = match && (await entry.metadata.render(match));
      if (body) await put(url, body.body, file);
    }
  }
  return written.size;
}

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/svg+xml': 'svg',
  'image/webp': 'webp',
  'image/x-icon': 'ico',
};

/** The file extension that gives `kiln start` back the content type. */
function extensionOf(contentType: string): string {
  return EXTENSIONS[contentType.split(';')[0].trim().toLowerCase()] ?? 'bin';
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
