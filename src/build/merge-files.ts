/**
 * Joins shard folders file by file into one: the union of their files, each hard-linked (copied
 * across file systems) so a site of 100,000 pages joins in seconds. A file written by several
 * shards (client assets, the 404 page) must have the same bytes in each. Nothing here knows the
 * output's layout; no list of the files is kept, a file already joined is found by its name.
 */
import { closeSync, constants, copyFileSync, existsSync, linkSync, mkdirSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { kilnError } from '../errors.ts';

/** Bytes compared at a time. */
const CHUNK = 1024 * 1024;

export interface JoinSource {
  /** The folder to read, absolute. */
  dir: string;
  /** How errors name it (the shard folder as given). */
  name: string;
}

export interface JoinOptions {
  /** The folders, in shard order; the first to hold a file provides it. */
  sources: readonly JoinSource[];
  /** The empty folder to fill. */
  target: string;
  /** Files and folders (relative, `/`-separated, at the top of each source) left out. */
  skip: ReadonlySet<string>;
}

/**
 * Joins the sources into `target`; returns how many files it holds. Synchronous on purpose: the
 * work is one system call per file and folder, and at 100,000 pages calling them one after the
 * other from this thread took half the time of keeping the thread pool busy with them (which
 * only adds contention on the same folders).
 */
export function joinFolders(options: JoinOptions): number {
  let files = 0;
  let crossDevice = false;

  const place = (source: JoinSource, rel: string, earlier: readonly JoinSource[]): void => {
    const from = path.join(source.dir, rel);
    const to = path.join(options.target, rel);
    try {
      if (crossDevice) copyFileSync(from, to, constants.COPYFILE_EXCL);
      else linkSync(from, to);
      files++;
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (!crossDevice && (code === 'EXDEV' || code === 'EPERM' || code === 'ENOTSUP')) {
        crossDevice = true;
        return place(source, rel, earlier);
      }
      if (code !== 'EEXIST') throw error;
    }
    if (sameBytes(from, to)) return;
    // Name the shard that wrote the other version: the first earlier one with the same bytes.
    const other = earlier.find((e) => existsSync(path.join(e.dir, rel)) && sameBytes(path.join(e.dir, rel), to)) ?? earlier[0];
    throw kilnError('MERGE_FILE_CONFLICT', { file: rel, folder: source.name, otherFolder: other.name });
  };

  for (let i = 0; i < options.sources.length; i++) {
    const source = options.sources[i];
    const earlier = options.sources.slice(0, i);
    // Folders still to read, depth first so the list stays short; each exists in the target.
    const folders: string[] = [''];
    for (let rel = folders.pop(); rel !== undefined; rel = folders.pop()) {
      for (const entry of readdirSync(path.join(source.dir, rel), { withFileTypes: true })) {
        if (rel === '' && options.skip.has(entry.name)) continue;
        const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
        if (entry.isDirectory()) {
          try {
            mkdirSync(path.join(options.target, child));
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
          }
          folders.push(child);
        } else if (entry.isFile()) {
          place(source, child, earlier);
        }
      }
    }
  }
  return files;
}

/** Whether two files hold the same bytes (the same file, linked, does at once). */
export function sameBytes(a: string, b: string): boolean {
  const sa = statSync(a);
  const sb = statSync(b);
  if (sa.dev === sb.dev && sa.ino === sb.ino) return true;
  if (sa.size !== sb.size) return false;
  const fa = openSync(a, 'r');
  const fb = openSync(b, 'r');
  try {
    const bufA = Buffer.allocUnsafe(Math.min(CHUNK, sa.size));
    const bufB = Buffer.allocUnsafe(bufA.length);
    for (let at = 0; at < sa.size; at += bufA.length) {
      const n = Math.min(bufA.length, sa.size - at);
      readSync(fa, bufA, 0, n, at);
      readSync(fb, bufB, 0, n, at);
      if (!bufA.subarray(0, n).equals(bufB.subarray(0, n))) return false;
    }
    return true;
  } finally {
    closeSync(fa);
    closeSync(fb);
  }
}
