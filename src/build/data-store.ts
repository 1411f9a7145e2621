/**
 * The build's store for `unstable_cache` results (src/render/data-cache.ts): one JSON file per key
 * in the build's cache folder, shared by the main thread and every render worker. The first
 * result stored under a key wins (written aside, then hard-linked into place, which fails if the
 * name exists, so no one reads a half-written file); a thread that computed the same key
 * meanwhile takes the stored one, so every page of the build sees one value. Results already read
 * are kept in memory for the rest of the build in this thread.
 */
import { createHash, randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BuildDataStore } from '../render/data-cache.ts';

/** Where a build keeps them: inside its cache folder (`.kiln-cache`, deleted when the build ends). */
export function buildDataDir(outDir: string): string {
  return path.join(outDir, '.kiln-cache', 'data');
}

export function createBuildDataStore(dir: string): BuildDataStore {
  const known = new Map<string, Promise<string>>();
  let ready: Promise<unknown> | undefined;

  async function claim(key: string, compute: () => Promise<string>): Promise<string> {
    const file = path.join(dir, `${createHash('sha256').update(key).digest('hex')}.json`);
    const stored = await readIfThere(file);
    if (stored !== null) return stored;
    const json = await compute();
    await (ready ??= mkdir(dir, { recursive: true }));
    const aside = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(aside, json);
    try {
      await link(aside, file);
      return json;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      return (await readIfThere(file)) ?? json;
    } finally {
      await rm(aside, { force: true });
    }
  }

  return {
    claim(key, compute) {
      let pending = known.get(key);
      if (!pending) {
        pending = claim(key, compute);
        known.set(key, pending);
        pending.catch(() => known.delete(key));
      }
      return pending;
    },
  };
}

async function readIfThere(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
