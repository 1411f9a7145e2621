/**
 * Joins shard folders file by file into one: the union of their files, each hard-linked (copied
 * across file systems) so a site of 100,000 pages joins in seconds. A file written by several
 * shards (client assets, the 404 page) must have the same bytes in each. Nothing here knows the
 * output's layout; no list of the files is kept, a file already joined is found by its name.
 */
import { constants } from 'node:fs';
import { copyFile, link, mkdir, open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { kilnError } from '../errors.ts';

/** File operations in flight at once: enough to keep the file system's thread pool busy. */
const PARALLEL = 32;
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

/** Joins the sources into `target`; returns how many files it holds. */
export async function joinFolders(options: JoinOptions): Promise<number> {
  let files = 0;
  let crossDevice = false;

  const place = async (source: JoinSource, rel: string, earlier: readonly JoinSource[]): Promise<void> => {
    const from = path.join(source.dir, rel);
    const to = path.join(options.target, rel);
    try {
      if (crossDevice) await copyFile(from, to, constants.COPYFILE_EXCL);
      else await link(from, to);
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
    if (await sameBytes(from, to)) return;
    // Name the shard that wrote the other version: the first earlier one with the same bytes.
    let other = earlier[0];
    for (const e of earlier) {
      if (await sameBytes(path.join(e.dir, rel), to).catch(() => false)) {
        other = e;
        break;
      }
    }
    throw kilnError('MERGE_FILE_CONFLICT', { file: rel, folder: source.name, otherFolder: other.name });
  };

  for (let i = 0; i < options.sources.length; i++) {
    const source = options.sources[i];
    const earlier = options.sources.slice(0, i);
    // Folders still to read (depth first, so it stays short), each created in the target already.
    const folders: string[] = [''];
    const worker = async (): Promise<void> => {
      for (let rel = folders.pop(); rel !== undefined; rel = folders.pop()) {
        const entries = await readdir(path.join(source.dir, rel), { withFileTypes: true });
        for (const entry of entries) {
          const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
          if (rel === '' && options.skip.has(entry.name)) continue;
          if (entry.isDirectory()) {
            await mkdir(path.join(options.target, child)).catch((error: NodeJS.ErrnoException) => {
              if (error.code !== 'EEXIST') throw error;
            });
            folders.push(child);
          } else if (entry.isFile()) {
            await place(source, child, earlier);
          }
        }
      }
    };
    // A worker that finds no folder left stops; start again while others still add folders.
    const running = new Set<Promise<void>>();
    let failure: { error: unknown } | undefined;
    while (!failure && (folders.length > 0 || running.size > 0)) {
      while (folders.length > 0 && running.size < PARALLEL) {
        const w: Promise<void> = worker()
          .catch((error: unknown) => {
            failure ??= { error };
          })
          .finally(() => running.delete(w));
        running.add(w);
      }
      if (running.size > 0) await Promise.race(running);
    }
    // No file may still be on its way into the target when the caller deletes it.
    await Promise.all(running);
    if (failure) throw failure.error;
  }
  return files;
}

/** Whether two files hold the same bytes (the same file, linked, does at once). */
export async function sameBytes(a: string, b: string): Promise<boolean> {
  const [sa, sb] = await Promise.all([stat(a), stat(b)]);
  if (sa.dev === sb.dev && sa.ino === sb.ino) return true;
  if (sa.size !== sb.size) return false;
  const [fa, fb] = await Promise.all([open(a), open(b)]);
  try {
    const bufA = Buffer.allocUnsafe(Math.min(CHUNK, sa.size));
    const bufB = Buffer.allocUnsafe(bufA.length);
    for (let at = 0; at < sa.size; at += bufA.length) {
      const n = Math.min(bufA.length, sa.size - at);
      await Promise.all([fa.read(bufA, 0, n, at), fb.read(bufB, 0, n, at)]);
      if (!bufA.subarray(0, n).equals(bufB.subarray(0, n))) return false;
    }
    return true;
  } finally {
    await Promise.all([fa.close(), fb.close()]);
  }
}
