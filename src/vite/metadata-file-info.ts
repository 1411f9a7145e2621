/**
 * Loads `<metadata file>?kiln-metadata-file` (see virtual-app.ts) as what a page's `<head>` needs
 * to know of it without reading it at render time: a content hash for the cache-busting query
 * Next.js appends, the MIME type, the pixel size and the `.alt.txt` beside it. The file's bytes
 * stay out of the bundle; the build copies the file itself.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Plugin } from 'vite';
import type { MetadataFileInfo } from '../render/metadata-files.ts';
import { imageSize } from './image-size.ts';

export const METADATA_FILE_QUERY = '?kiln-metadata-file';

const IMAGE_TYPES: Record<string, string> = {
  ico: 'image/x-icon',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
};

export async function metadataFileInfo(file: string, watch?: (file: string) => void): Promise<MetadataFileInfo> {
  const bytes = await readFile(file);
  const ext = file.slice(file.lastIndexOf('.') + 1).toLowerCase();
  const info: MetadataFileInfo = { hash: createHash('sha256').update(bytes).digest('hex').slice(0, 16), type: IMAGE_TYPES[ext] ?? '' };
  const size = imageSize(bytes, ext);
  if (size) Object.assign(info, size);
  if (/(?:opengraph|twitter)-image\d*\.[a-z]+$/.test(file)) {
    const altFile = file.replace(/\.[a-z]+$/, '.alt.txt');
    // Watched whether or not it exists yet, so adding one in dev updates the page.
    watch?.(altFile);
    try {
      info.alt = (await readFile(altFile, 'utf8')).trim();
    } catch {
      // No alt text: Next.js then writes no og:image:alt either.
    }
  }
  return info;
}

export function metadataFileInfoPlugin(): Plugin {
  return {
    name: 'kiln:metadata-file-info',
    // Before Vite's asset plugin, which would turn the image into a URL.
    enforce: 'pre',
    async load(id) {
      if (!id.endsWith(METADATA_FILE_QUERY)) return undefined;
      const file = id.slice(0, -METADATA_FILE_QUERY.length);
      const info = await metadataFileInfo(file, (f) => this.addWatchFile(f));
      return { code: `export default ${JSON.stringify(info)};`, map: null };
    },
  };
}
