/**
 * The default cache handler: entries as files in a folder inside the build output
 * (`<outDir>/cache/`), so they survive restarts and disappear with the build they belong to when
 * the next build is swapped in. Nothing under `pages/` is ever rewritten.
 *
 * Layout: `entries/<sha-256 of the key>` (one encoded entry each, written to `tmp/` and renamed
 * into place, so a reader sees the old entry or the new one, never half of one), `marks.json`,
 * and `locks/<hash>` (created exclusively, so several processes over one folder also render a
 * page once).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CacheEntry, CacheHandler, CacheLock } from './cache-handler.ts';
import { decodeEntry, encodeEntry } from './cache-entry-codec.ts';
import { createLocalLocks } from './local-locks.ts';
import { marksRefresher } from './marks-refresh.ts';

export interface FsCacheOptions {
  /** The cache folder, e.g. `<outDir>/cache`; created on first write. */
  dir: string;
  now?: () => number;
  /** How often marks written by other processes are looked for; default 1000 ms. */
  marksRefreshMs?: number;
}

export function createFsCache(options: FsCacheOptions): CacheHandler {
  const dir = path.resolve(options.dir);
  const now = options.now ?? Date.now;
  const refreshMs = options.marksRefreshMs ?? 1000;
  const marksFile = path.join(dir, 'marks.json');
  const localLocks = createLocalLocks(now);
  const fileOf = (folder: string, key: string): string =>
    path.join(dir, folder, createHash('sha256').update(key).digest('hex').slice(0, 40));

  const madeDirs = new Map<string, Promise<unknown>>();
  const ensureDir = (name: string): Promise<unknown> => {
    let made = madeDirs.get(name);
    if (!made) {
      made = mkdir(path.join(dir, name), { recursive: true });
      // A failure (read-only output) is retried on the next write rather than remembered.
      made.catch(() => madeDirs.delete(name));
      madeDirs.set(name, made);
    }
    return made;
  };

  async function writeAtomically(target: string, data: Uint8Array | string): Promise<void> {
    await ensureDir('tmp');
    const tmp = path.join(dir, 'tmp', `${randomBytes(8).toString('hex')}`);
    try {
      await writeFile(tmp, data);
      await rename(tmp, target);
    } catch (error) {
      await unlink(tmp).catch(() => {});
      throw error;
    }
  }

  // Marks: a local copy, reloaded when the file changed (another process wrote it).
  let marks = new Map<string, number>();
  let marksMtime = -1;
  let writing: Promise<void> = Promise.resolve();

  async function readMarksFile(): Promise<{ map: Map<string, number>; mtime: number }> {
    try {
      const [text, info] = await Promise.all([readFile(marksFile, 'utf8'), stat(marksFile)]);
      const data = JSON.parse(text) as Record<string, unknown>;
      const map = new Map<string, number>();
      for (const [name, at] of Object.entries(data)) if (typeof at === 'number') map.set(name, at);
      return { map, mtime: info.mtimeMs };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { map: new Map(), mtime: 0 };
      throw error;
    }
  }

  function merge(into: Map<string, number>, from: ReadonlyMap<string, number>): void {
    for (const [name, at] of from) into.set(name, Math.max(at, into.get(name) ?? 0));
  }

  async function reloadMarks(): Promise<void> {
    let mtime: number;
    try {
      mtime = (await stat(marksFile)).mtimeMs;
    } catch {
      mtime = 0;
    }
    if (mtime === marksMtime) return;
    const read = await readMarksFile();
    const next = new Map(marks);
    merge(next, read.map);
    marks = next;
    marksMtime = read.mtime;
  }

  const refreshMarks = marksRefresher({ load: reloadMarks, loaded: () => marksMtime >= 0, refreshMs, now });

  const handler: CacheHandler = {
    name: `filesystem (${dir})`,

    async get(key) {
      let bytes: Uint8Array;
      try {
        bytes = await readFile(fileOf('entries', key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      return decodeEntry(key, bytes);
    },

    async set(key: string, entry: CacheEntry) {
      await ensureDir('entries');
      await writeAtomically(fileOf('entries', key), encodeEntry(key, entry));
    },

    async lock(key, ttlMs): Promise<CacheLock | null> {
      const local = localLocks.acquire(key, ttlMs);
      if (local === null) return null;
      const file = fileOf('locks', key);
      const token = randomBytes(8).toString('hex');
      try {
        await ensureDir('locks');
        if (!(await createLockFile(file, `${now() + ttlMs} ${token}`, now))) {
          await local.release();
          return null;
        }
      } catch (error) {
        await local.release();
        throw error;
      }
      return {
        async release() {
          await local.release();
          const content = await readFile(file, 'utf8').catch(() => '');
          if (content.endsWith(` ${token}`)) await unlink(file).catch(() => {});
        },
      };
    },

    async mark(name, at) {
      const next = new Map(marks);
      next.set(name, Math.max(at, next.get(name) ?? 0));
      marks = next;
      // One write at a time; each re-reads the file so other processes' marks are kept.
      const write = writing.then(async () => {
        const read = await readMarksFile();
        merge(read.map, marks);
        marks = read.map;
        await writeAtomically(marksFile, JSON.stringify(Object.fromEntries(read.map)));
        marksMtime = (await stat(marksFile)).mtimeMs;
      });
      writing = write.catch(() => {});
      await write;
    },

    async marks() {
      await refreshMarks();
      return marks;
    },

    async close() {
      await writing;
    },
  };
  return failingForGoodWhenUnwritable(handler);
}

/**
 * Errors that mean the folder cannot be written at all: a read-only output, or a file where a
 * folder should be (EEXIST from a recursive mkdir; the lock files' own EEXIST never gets here).
 */
const UNWRITABLE = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST']);

/**
 * Once the folder proves unwritable, every operation fails with that error, reads included:
 * otherwise reads that find nothing would look like a recovered store after each failed write,
 * and the fallback would log the flip-flop on every regeneration.
 */
function failingForGoodWhenUnwritable(inner: CacheHandler): CacheHandler {
  let unwritable: unknown = null;
  const guard =
    <A extends unknown[], R>(op: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      if (unwritable !== null) throw unwritable;
      try {
        return await op(...args);
      } catch (error) {
        if (UNWRITABLE.has((error as NodeJS.ErrnoException).code ?? '')) unwritable = error;
        throw error;
      }
    };
  return {
    name: inner.name,
    get: guard(inner.get),
    set: guard(inner.set),
    lock: guard(inner.lock),
    mark: guard(inner.mark),
    marks: guard(inner.marks),
    close: inner.close,
  };
}

const EMPTY_LOCK_MS = 60_000;

/** Creates the lock file exclusively; takes over one whose holder let it expire. */
async function createLockFile(file: string, content: string, now: () => number): Promise<boolean> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx');
      try {
        await handle.writeFile(content);
      } finally {
        await handle.close();
      }
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const existing = await readFile(file, 'utf8').catch(() => null);
    if (existing === null) continue;
    // An empty file is one its creator is writing this instant, or one a crash left behind.
    const expires =
      existing === ''
        ? ((await stat(file).catch(() => null))?.mtimeMs ?? 0) + EMPTY_LOCK_MS
        : Number(existing.split(' ')[0]);
    if (!(expires <= now())) return false;
    await unlink(file).catch(() => {});
  }
  return false;
}
