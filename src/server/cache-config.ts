/**
 * Picks the page cache of a server: a handler passed in, else Redis when a URL is configured
 * (`redisUrl`, or `KILN_REDIS_URL`), else files in `<outDir>/cache`. Whichever it is, it sits in
 * front of a memory cache that takes over while it fails, so a cache outage never fails a page.
 */
import path from 'node:path';
import type { CacheHandler } from './cache-handler.ts';
import { withFallback } from './fallback-cache.ts';
import { createFsCache } from './fs-cache.ts';
import { createMemoryCache } from './memory-cache.ts';

export interface CacheConfig {
  /** A handler of your own (it still gets the memory fallback). */
  handler?: CacheHandler;
  /** `redis://…`; default `process.env.KILN_REDIS_URL`. An empty string means no Redis. */
  redisUrl?: string;
  /** The filesystem cache's folder; default `<outDir>/cache`. */
  dir?: string;
}

export interface CacheContext {
  outDir: string;
  buildId: string;
  log: (level: 'info' | 'warn', message: string) => void;
}

export async function createCacheHandler(config: CacheConfig, context: CacheContext): Promise<CacheHandler> {
  // Cache handlers keep real time (lock lifetimes, retry delays); page age is the caller's clock.
  let primary = config.handler;
  if (!primary) {
    const redisUrl = config.redisUrl ?? process.env.KILN_REDIS_URL ?? '';
    if (redisUrl !== '') {
      // Loaded only when used: a server without Redis never loads the client.
      const { createRedisCache } = await import('./redis-cache.ts');
      primary = await createRedisCache({ url: redisUrl, buildId: context.buildId || 'build' });
    } else {
      primary = createFsCache({ dir: config.dir ?? path.join(context.outDir, 'cache') });
    }
  }
  return withFallback(primary, createMemoryCache(), { log: context.log });
}
