/**
 * The page cache behind on-demand rendering and ISR. One small interface so the server can keep
 * entries on the local disk (one instance) or in Redis (several instances sharing pages).
 *
 * Keys are canonical page paths as `href()` writes them (`/tags/c%2B%2B`), so every spelling of
 * a URL names one entry. Entries belong to one build: a handler is created per build output
 * (the file cache lives inside it; Redis keys carry the build id).
 */

export interface CacheEntry {
  /**
   * When the render that produced this entry started (ms since the epoch). Age is measured from
   * it, and so is invalidation: a mark newer than it makes the entry stale, even when the render
   * finished after the mark (its data may predate the change).
   */
  createdAt: number;
  status: number;
  /** Headers to replay: a route handler's content type and its own headers; none for pages. */
  headers: Record<string, string>;
  /** The page's HTML document, or a route handler's response body. */
  body: Uint8Array;
  /** The page's Flight payload; null for a route handler's response. */
  rsc: Uint8Array | null;
  /** Cache tags of the data the render read: a `revalidateTag` mark for one makes the entry stale. */
  tags?: string[];
}

/** Held while one instance renders a key; others skip the render or wait for its result. */
export interface CacheLock {
  release(): Promise<void>;
}

export interface CacheHandler {
  /** Shown in logs: `filesystem (dist/cache)`, `redis (redis://…)`. */
  readonly name: string;
  get(key: string): Promise<CacheEntry | null>;
  set(key: string, entry: CacheEntry): Promise<void>;
  /**
   * Takes the lock on `key` for at most `ttlMs` (so a crashed holder cannot block a page for
   * ever); null when another holder has it.
   */
  lock(key: string, ttlMs: number): Promise<CacheLock | null>;
  /**
   * Records an invalidation mark (`revalidatePath`, `revalidateTag`): entries a mark covers that were created
   * before `at` are stale. Mark names are chosen by the caller (see marks.ts).
   */
  mark(name: string, at: number): Promise<void>;
  /**
   * Every mark, name → time. May answer from a local copy that trails other instances' marks by
   * a moment (about a second), because it is read on the hot path of every page request.
   */
  marks(): Promise<ReadonlyMap<string, number>>;
  /** Releases connections and timers. */
  close(): Promise<void>;
}
