/**
 * Writes output files under one folder. A page's own folder is made with one mkdir; its
 * ancestors, shared by many pages, are made once and remembered (a bounded set).
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

export function createWriter(outDir: string): Writer {
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
  return {
    async write(files) {
      const dirs = new Set<string>();
      const addDir = (rel: string): void => {
        const slash = rel.lastIndexOf('/');
        if (slash > 0) dirs.add(rel.slice(0, slash));
      };
      for (const file of files) {
        addDir(file.path);
        for (const link of file.links ?? []) addDir(link);
      }
      // The files of one page share their folder: made once, before any of them is written.
      for (const dir of dirs) {
        if (dirs.size === 1) ensureOwn(dir);
        else ensureShared(dir);
      }
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
