/**
 * Writes output files under one folder, each folder made once (see `createFolderMaker`).
 *
 * The calls are synchronous, on purpose. Each render worker writes its own pages, so the threads
 * already write concurrently; within a worker, the promise API cost about 20 % more CPU per page
 * on the bench (a hop through libuv's four-thread pool, which all workers share, for each of the
 * seven calls a page takes) and won no wall time, since rendering keeps every core busy anyway.
 */
import { copyFileSync, linkSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface OutputFile {
  /** `/`-separated, relative to the output folder. */
  path: string;
  data: Uint8Array;
  /**
   * More places that hold the same bytes, relative to the same folder: hard links to `path`,
   * which take no new inode and no second write (a copy where the file system has no links).
   */
  links?: readonly string[];
}

export interface Writer {
  /** Writes the files; resolves to the bytes written. */
  write(files: readonly OutputFile[]): Promise<number>;
}

/** Ancestor folders remembered at once; past this the set starts over (a re-made folder is a cheap EEXIST). */
const KNOWN_DIRS_LIMIT = 4096;

/**
 * Makes the folders files go in, each once: pages sit beside each other in their parent's folder
 * (no folder per page), so a folder is shared by many pages and remembered (a bounded set).
 */
export function createFolderMaker(outDir: string): (paths: readonly string[]) => void {
  const known = new Set<string>();
  return (paths) => {
    for (const file of paths) {
      const slash = file.lastIndexOf('/');
      if (slash <= 0) continue;
      const dir = file.slice(0, slash);
      if (known.has(dir)) continue;
      if (known.size >= KNOWN_DIRS_LIMIT) known.clear();
      mkdirSync(path.join(outDir, dir), { recursive: true });
      known.add(dir);
    }
  };
}

export function createWriter(outDir: string): Writer {
  const makeFolders = createFolderMaker(outDir);
  return {
    async write(files) {
      makeFolders(files.flatMap((file) => [file.path, ...(file.links ?? [])]));
      let bytes = 0;
      for (const file of files) {
        const target = path.join(outDir, file.path);
        writeFileSync(target, file.data);
        bytes += file.data.byteLength;
        for (const link of file.links ?? []) linkOrCopy(target, path.join(outDir, link));
      }
      return bytes;
    },
  };
}

/** Errors of a file system that has no hard links (or not here): the file is copied instead. */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV', 'EMLINK']);

export function linkOrCopy(existing: string, target: string): void {
  try {
    linkSync(existing, target);
  } catch (error) {
    if (!NO_LINKS.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
    copyFileSync(existing, target);
  }
}
