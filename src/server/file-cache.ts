import type { FileRoot, FileSource, StaticFile } from './file-source.ts';

export interface FileCacheOptions {
  /** Total bytes kept; 0 turns the cache off. */
  maxBytes: number;
  /** Files larger than this are never kept. */
  maxFileBytes: number;
}

export const DEFAULT_FILE_CACHE: FileCacheOptions = { maxBytes: 32 * 1024 * 1024, maxFileBytes: 128 * 1024 };

/**
 * Keeps small files that were found in memory, least recently used out first. The output folder
 * does not change while a server runs over it (the manifest is read once too), so an entry never
 * goes stale. Misses are not remembered: their keys are chosen by clients and unbounded.
 */
export function cachedFiles(source: FileSource, options: FileCacheOptions = DEFAULT_FILE_CACHE): FileSource {
  if (options.maxBytes <= 0) return source;
  const entries = new Map<string, StaticFile>();
  let bytes = 0;

  return {
    readManifest: () => source.readManifest(),
    list: (root) => source.list(root),
    async open(root: FileRoot, rel: string) {
      const key = `${root}/${rel}`;
      const hit = entries.get(key);
      if (hit) {
        // Re-inserting moves the key to the end of the Map's order: most recently used.
        entries.delete(key);
        entries.set(key, hit);
        return hit;
      }
      const file = await source.open(root, rel);
      if (file?.bytes && file.size <= options.maxFileBytes && !entries.has(key)) {
        entries.set(key, file);
        bytes += file.size;
        for (const [oldKey, old] of entries) {
          if (bytes <= options.maxBytes) break;
          entries.delete(oldKey);
          bytes -= old.size;
        }
      }
      return file;
    },
  };
}
