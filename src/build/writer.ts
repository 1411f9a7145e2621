/**
 * Writes output files under one folder. Each folder is created once (concurrent pages under one
 * parent share the same pending mkdir), and files are written concurrently.
 */
import { mkdir, writeFile } from 'node:fs/promises';
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

export function createWriter(outDir: string): Writer {
  const dirs = new Map<string, Promise<unknown>>();
  const ensureDir = (dir: string): Promise<unknown> => {
    let pending = dirs.get(dir);
    if (!pending) {
      pending = mkdir(path.join(outDir, dir), { recursive: true });
      dirs.set(dir, pending);
    }
    return pending;
  };
  return {
    async write(files) {
      let bytes = 0;
      await Promise.all(
        files.map(async (file) => {
          const slash = file.path.lastIndexOf('/');
          if (slash > 0) await ensureDir(file.path.slice(0, slash));
          await writeFile(path.join(outDir, file.path), file.data);
          bytes += file.data.byteLength;
        }),
      );
      return bytes;
    },
  };
}
