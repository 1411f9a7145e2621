/**
 * The data cache behind `unstable_cache` (src/next/unstable-cache.ts). Results are kept as JSON,
 * as Next.js keeps them, so every caller gets its own copy and a build can share them on disk.
 *
 * - In a server process (`kiln start`, `kiln dev`) entries live in memory, shared by every request,
 *   until their `revalidate` seconds pass or `revalidateTag` drops one of their tags.
 * - During `kiln build` they go through the build's data store instead (set by the build in every
 *   thread), so a function called by generateStaticParams and by pages in any worker runs once per
 *   build, which then is one consistent snapshot. Nothing expires within a build.
 *
 * The tags of every entry a render reads are added to its render store, so the page it produces
 * can be marked stale by `revalidateTag`.
 *
 * State lives on globalThis so the built bundle's copy of this module and the build's share it.
 */
import { currentStore } from './render-store.ts';

/** The build-wide store: the first result stored under a key is everyone's. */
export interface BuildDataStore {
  claim(key: string, compute: () => Promise<string>): Promise<string>;
}

interface Entry {
  json: Promise<string>;
  tags: readonly string[];
  /** Date.now() after which the entry is recomputed; Infinity for never. */
  expiresAt: number;
}

export interface CacheOptions {
  tags: readonly string[];
  /** Seconds; false for never. */
  revalidate: number | false;
}

/** Entries kept in a server process at most; the oldest go first. */
const MAX_ENTRIES = 5000;

const MEMO = Symbol.for('kiln.dataCache');
const BUILD_STORE = Symbol.for('kiln.buildDataStore');
type Globals = typeof globalThis & { [MEMO]?: Map<string, Entry>; [BUILD_STORE]?: BuildDataStore };
const g = globalThis as Globals;
const memo = (g[MEMO] ??= new Map<string, Entry>());

export function setBuildDataStore(store: BuildDataStore | undefined): void {
  g[BUILD_STORE] = store;
}

/** JSON text of a result; `undefined` (which JSON lacks) is kept as an empty text. */
function toJson(value: unknown): string {
  return value === undefined ? '' : JSON.stringify(value);
}

function fromJson(json: string): unknown {
  return json === '' ? undefined : JSON.parse(json);
}

/** `compute()`'s result under `key`, computed once per key and kept as options say. */
export async function cachedJson(key: string, options: CacheOptions, compute: () => Promise<unknown>): Promise<unknown> {
  const store = currentStore();
  if (store) for (const tag of options.tags) store.tags.add(tag);
  const build = g[BUILD_STORE];
  if (build) return fromJson(await build.claim(key, async () => toJson(await compute())));

  const now = Date.now();
  let entry = memo.get(key);
  if (!entry || entry.expiresAt <= now) {
    const json = compute().then(toJson);
    const created: Entry = {
      json,
      tags: options.tags,
      expiresAt: options.revalidate === false ? Infinity : now + options.revalidate * 1000,
    };
    entry = created;
    memo.delete(key);
    memo.set(key, created);
    if (memo.size > MAX_ENTRIES) memo.delete(memo.keys().next().value!);
    // A failure is not remembered: the next call tries again.
    json.catch(() => {
      if (memo.get(key) === created) memo.delete(key);
    });
  }
  return fromJson(await entry.json);
}

/** Drops every entry carrying one of `tags` (`revalidateTag`). */
export function invalidateTags(tags: readonly string[]): void {
  if (tags.length === 0) return;
  for (const [key, entry] of memo) {
    if (entry.tags.some((t) => tags.includes(t))) memo.delete(key);
  }
}
