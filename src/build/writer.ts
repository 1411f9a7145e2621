/**
 * Writes output files under one folder. A page's own folder is made with one mkdir; its
 * ancestors, shared by many pages, are made once and remembered (a bounded set).
 *
 * The calls are synchronous, on purpose. Each render worker writes its own pages, so the threads
 * already write concurrently; within a worker, the promise API cost about 20 % more CPU per page
 * on the bench (a hop through libuv's four-thread pool, which all workers share, for each of the
 * seven calls a page takes) and won no wall time, since rendering keeps every core busy anyway.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface OutputFile {
  /** `/`-separated, relative to the output folder. */
  path: string;
  data: Uint8Array;
}

export interface Writer {
  /** Writes the files; resolves to the bytes written. */
  write(files: readonly OutputFile[]): Promise<number>;
}

/** Ancestor folders remembered at once; past this the set starts over (a re-made folder is a cheap EEXIST). */
const KNOWN_DIRS_LIMIT = 4096;

/**
 * Makes the folders a page's files go in: a page's own folder with one mkdir; its ancestors,
 * shared by many pages, once and remembered.
 */
export function createFolderMaker(outDir: string): (paths: readonly string[]) => void {
  const known = new Set<string>();
  /** A folder many pages share: made once, remembered. */
  const ensureShared = (dir: string): void => {
    if (known.has(dir)) return;
    if (known.size >= KNOWN_DIRS_LIMIT) known.clear();
    mkdirSync(path.join(outDir, dir), { recursive: true });
    known.add(dir);
  };
  /** A page's own folder: its parent first (shared), then the folder itself, not remembered. */
  const ensureOwn = (dir: string): void => {
    const slash = dir.lastIndexOf('/');
    if (slash > 0) ensureShared(dir.slice(0, slash));
    try {
      mkdirSync(path.join(outDir, dir));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  };
  return (paths) => {
    const dirs = new Set<string>();
    for (const file of paths) {
      const slash = file.lastIndexOf('/');
      if (slash > 0) dirs.add(file.slice(0, slash));
    }
    // The files of one page share their folder: made once, before any of them is written.
    for (const dir of dirs) {
      if (dirs.size === 1) ensureOwn(dir);
      else ensureShared(dir);
    }
  };
}

export function createWriter(outDir: string): Writer {
  const makeFolders = createFolderMaker(outDir);
  return {
    async write(files) {
      makeFolders(files.map((file) => file.path));
      let bytes = 0;
      for (const file of files) {
        writeFileSync(path.join(outDir, file.path), file.data);
        bytes += file.data.byteLength;
      }
      return bytes;
    },
  };
}
