/**
 * The build-wide data cache shared by the shards of one build through Redis (`KILN_REDIS_URL`),
 * beneath each shard's own cache (fetch-cache.ts): the first shard to need a URL takes a lock
 * (SET NX with an expiry), fetches it and stores the response; the others wait for it and read it.
 * So n shards reach each URL once in total, and every shard renders from the same data.
 *
 * Keys: `<prefix>r:<key>` a stored response, `<prefix>l:<key>` a lock, where the prefix holds the
 * bundle's id and `KILN_BUILD_RUN` (an id of the run, the same in all its shards), so neither
 * another commit nor another run reads this run's data. A lock expires, so a shard that dies
 * while fetching holds up the others for at most `lockMs`. Redis unreachable or failing: the
 * shard logs it once and goes on with its own cache alone.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { WireResponse } from './wire.ts';
import { decodeStored, encodeStored } from './fetch-cache.ts';
import { sleep } from './retry.ts';
import { kilnError } from '../errors.ts';
import { redactUrl } from '../server/redis-cache.ts';

export interface SharedFetchOptions {
  url: string;
  /** The run's id, the same in every shard (`KILN_BUILD_RUN`); may be empty. */
  run: string;
  /** Told once when Redis cannot be used. */
  onUnavailable: (reason: string) => void;
  /** A lock left by a shard that died is taken over after this long. Default 60 s. */
  lockMs?: number;
  /** Stored responses expire after this long. Default one day. */
  ttlSeconds?: number;
  /** Fail a command that got no answer after this long. Default 10 s. */
  commandTimeoutMs?: number;
}

export interface SharedFetch {
  /** Names the bundle, once it is built and before the first fetch. */
  scope(bundleId: string): void;
  /**
   * The response stored for `key` by any shard, else `send()`'s, stored for the others when
   * `storable`. `shared`: whether another shard fetched it.
   */
  fetch(key: string, send: () => Promise<WireResponse>, storable: (response: WireResponse) => boolean): Promise<{ response: WireResponse; shared: boolean }>;
  close(): Promise<void>;
}

/**
 * The shared cache a shard uses: Redis at `KILN_REDIS_URL` (as `kiln start`'s page cache), when
 * set. A failure to use it is logged once, as a warning, and the build goes on.
 */
export function sharedFetchFromEnv(env: Record<string, string | undefined>, warn: (message: string) => void): SharedFetch | undefined {
  const url = env.KILN_REDIS_URL;
  if (!url) return undefined;
  return createSharedFetch({
    url,
    run: env.KILN_BUILD_RUN ?? '',
    onUnavailable: (reason) => warn(kilnError('BUILD_SHARED_CACHE_UNAVAILABLE', { url: redactUrl(url), reason }).message),
  });
}

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
/** Waits between looks at a URL another shard is fetching: short at first, then longer. */
const POLL_MS = [10, 20, 40, 80, 150];

export function createSharedFetch(options: SharedFetchOptions): SharedFetch {
  const lockMs = options.lockMs ?? 60_000;
  const ttl = options.ttlSeconds ?? 24 * 3600;
  const client = new Redis(options.url, {
    enableOfflineQueue: true,
    maxRetriesPerRequest: 0,
    // Generous: on a busy build machine a slow answer is still cheaper than fetching again.
    commandTimeout: options.commandTimeoutMs ?? 10_000,
    connectTimeout: 10_000,
    // One attempt to connect: a build does not wait for Redis to come back.
    retryStrategy: () => null,
    lazyConnect: true,
  });
  client.on('error', () => {});
  let connected: Promise<boolean> | undefined;
  let down = false;
  let prefix = `kiln:fetch:${options.run}:`;

  const unavailable = (error: unknown): void => {
    if (down) return;
    down = true;
    options.onUnavailable(error instanceof Error ? error.message : String(error));
    client.disconnect();
  };
  const ready = (): Promise<boolean> =>
    (connected ??= client.connect().then(
      () => true,
      (error: unknown) => {
        unavailable(error);
        return false;
      },
    ));

  /** Fetches with the lock held, stores what may be shared, and lets the others go. */
  const fetchLocked = async (key: string, token: string, send: () => Promise<WireResponse>, storable: (r: WireResponse) => boolean): Promise<WireResponse> => {
    const release = (): Promise<unknown> => client.eval(RELEASE, 1, `${prefix}l:${key}`, token).catch(() => {});
    let response: WireResponse;
    try {
      response = await send();
    } catch (error) {
      await release();
      throw new SendFailed(error);
    }
    try {
      if (storable(response)) await client.set(`${prefix}r:${key}`, Buffer.from(encodeStored(response)), 'EX', ttl);
    } catch (error) {
      unavailable(error);
    }
    if (!down) await release();
    return response;
  };

  return {
    scope(bundleId) {
      prefix = `kiln:fetch:${bundleId}:${options.run}:`;
    },
    async fetch(key, send, storable) {
      if (down || !(await ready())) return { response: await send(), shared: false };
      const token = randomBytes(8).toString('hex');
      try {
        for (let n = 0; ; n++) {
          const stored = await client.getBuffer(`${prefix}r:${key}`);
          if (stored) return { response: decodeStored(stored), shared: true };
          if ((await client.set(`${prefix}l:${key}`, token, 'PX', lockMs, 'NX')) === 'OK') {
            // Another shard may have stored it and let go of the lock since the look above.
            const late = await client.getBuffer(`${prefix}r:${key}`);
            if (late) {
              await client.eval(RELEASE, 1, `${prefix}l:${key}`, token).catch(() => {});
              return { response: decodeStored(late), shared: true };
            }
            return { response: await fetchLocked(key, token, send, storable), shared: false };
          }
          await sleep(POLL_MS[Math.min(n, POLL_MS.length - 1)]);
        }
      } catch (error) {
        // Only Redis fails here: an error of the fetch itself is the page's, not Redis's.
        if (error instanceof SendFailed) throw error.cause;
        unavailable(error);
        return { response: await send(), shared: false };
      }
    },
    async close() {
      if (connected && !down) await client.quit().catch(() => client.disconnect());
      else client.disconnect();
    },
  };
}

/** Carries a failure of the fetch itself through the Redis error handling untouched. */
class SendFailed extends Error {
  constructor(override readonly cause: unknown) {
    super('fetch failed');
  }
}
