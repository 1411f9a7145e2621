/**
 * A cache handler in Redis, so several `kiln start` instances share pages, marks and locks, and
 * regenerate each stale page once between them. Every operation fails fast while Redis is
 * unreachable (no offline queue); `withFallback` turns those failures into local answers.
 *
 * Keys: `<prefix>e:<path>` one encoded entry, `<prefix>l:<path>` a lock (SET NX PX with a random
 * token, released only by its holder), `<prefix>marks` a hash of marks. The default prefix holds
 * the build id, so two builds never read each other's pages.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { CacheEntry, CacheHandler, CacheLock } from './cache-handler.ts';
import { decodeEntry, encodeEntry } from './cache-entry-codec.ts';
import { marksRefresher } from './marks-refresh.ts';

export interface RedisCacheOptions {
  /** `redis://[user:pass@]host:port[/db]` or `rediss://…`. */
  url: string;
  /** Key prefix; `kiln:<buildId>:` by default. */
  prefix?: string;
  buildId?: string;
  /** Entries expire after this long unless rewritten (keeps old builds from piling up); default 7 days. */
  entryTtlSeconds?: number;
  /** Fail a command that got no answer after this long; default 1000 ms. */
  commandTimeoutMs?: number;
  /** How long start-up waits for the first connection; default 2000 ms. */
  connectTimeoutMs?: number;
  /** How often other instances' marks are read; default 1000 ms. */
  marksRefreshMs?: number;
  now?: () => number;
}

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
/** Keeps the newest time per mark, and tells every instance at once (before the caller answers). */
const MARK = `local t = tonumber(redis.call('hget', KEYS[1], ARGV[1]) or '0')
if tonumber(ARGV[2]) > t then redis.call('hset', KEYS[1], ARGV[1], ARGV[2]) end
redis.call('publish', KEYS[1], ARGV[2] .. ' ' .. ARGV[1])
return 1`;

/**
 * Connects (waiting at most `connectTimeoutMs`) and returns the handler. An unreachable Redis is
 * not an error here: the handler's operations fail until it is reachable, and keep reconnecting.
 */
export async function createRedisCache(options: RedisCacheOptions): Promise<CacheHandler> {
  const prefix = options.prefix ?? `kiln:${options.buildId ?? 'build'}:`;
  const now = options.now ?? Date.now;
  const ttl = options.entryTtlSeconds ?? 7 * 24 * 3600;
  const refreshMs = options.marksRefreshMs ?? 1000;
  const client = new Redis(options.url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs ?? 1000,
    connectTimeout: options.connectTimeoutMs ?? 2000,
    retryStrategy: (times) => Math.min(100 * times, 2000),
    lazyConnect: true,
  });
  // Errors reach callers through rejected commands; the event would otherwise print per retry.
  client.on('error', () => {});
  await Promise.race([
    client.connect().catch(() => {}),
    new Promise((resolve) => setTimeout(resolve, options.connectTimeoutMs ?? 2000).unref()),
  ]);

  const entryKey = (key: string): string => `${prefix}e:${key}`;
  const marksKey = `${prefix}marks`;
  let marks = new Map<string, number>();
  let loaded = false;

  // Marks reach every instance's local copy through pub/sub, so a page request never waits
  // for them; a full read after each (re)connection covers messages missed while away, and a
  // periodic one anything else.
  const subscriber = client.duplicate({ enableOfflineQueue: true, lazyConnect: true });
  subscriber.on('error', () => {});
  subscriber.on('ready', () => {
    loaded = false;
  });
  subscriber.on('message', (_channel: string, message: string) => {
    const space = message.indexOf(' ');
    const at = Number(message.slice(0, space));
    const name = message.slice(space + 1);
    if (space > 0 && Number.isFinite(at) && at > (marks.get(name) ?? 0)) {
      const next = new Map(marks);
      next.set(name, at);
      marks = next;
    }
  });
  await Promise.race([
    subscriber
      .connect()
      .then(() => subscriber.subscribe(marksKey))
      .catch(() => {}),
    new Promise((resolve) => setTimeout(resolve, options.connectTimeoutMs ?? 2000).unref()),
  ]);

  async function loadMarks(): Promise<void> {
    const all = await client.hgetall(marksKey);
    const next = new Map(marks);
    for (const [name, at] of Object.entries(all)) next.set(name, Math.max(Number(at), next.get(name) ?? 0));
    marks = next;
    loaded = true;
  }

  const refreshMarks = marksRefresher({ load: loadMarks, loaded: () => loaded, refreshMs, now });

  return {
    name: `redis (${redactUrl(options.url)})`,

    async get(key) {
      const bytes = await client.getBuffer(entryKey(key));
      return bytes === null ? null : decodeEntry(key, bytes);
    },

    async set(key: string, entry: CacheEntry) {
      await client.set(entryKey(key), Buffer.from(encodeEntry(key, entry)), 'EX', ttl);
    },

    async lock(key, ttlMs): Promise<CacheLock | null> {
      const lockKey = `${prefix}l:${key}`;
      const token = randomBytes(12).toString('hex');
      const ok = await client.set(lockKey, token, 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX');
      if (ok !== 'OK') return null;
      return {
        async release() {
          await client.eval(RELEASE, 1, lockKey, token);
        },
      };
    },

    async mark(name, at) {
      const next = new Map(marks);
      next.set(name, Math.max(at, next.get(name) ?? 0));
      marks = next;
      await client.eval(MARK, 1, marksKey, name, String(at));
    },

    async marks() {
      await refreshMarks();
      return marks;
    },

    async close() {
      client.disconnect();
      subscriber.disconnect();
    },
  };
}

/** The URL without its password, for logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return 'an invalid URL';
  }
}
