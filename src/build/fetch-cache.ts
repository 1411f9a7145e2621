/**
 * The build-wide data cache: a no-store fetch makes its route dynamic, every other GET is fetched once. Every `fetch` of a build — generateStaticParams
 * in the main thread, generateMetadata and components in any render worker — is answered here, in
 * the main thread, so a GET reaches the network once per build and the build is one consistent
 * snapshot of its data. Concurrent identical requests share the one in flight. `cache: 'no-store'`
 * (and `no-cache`, `reload`, `next: { revalidate: 0 }`) and non-GET requests always go to the
 * network and are never stored.
 *
 * Responses are kept under the build's cache folder (one file per request), with only a small,
 * bounded set of recent ones in memory, so memory stays flat however many URLs a build reads.
 * The same place enforces the per-origin concurrency limit and retries failed GETs.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createOriginLimit } from './origin-limit.ts';
import { fromWireResponse, toWireRequest, toWireResponse, type WireRequest, type WireResponse } from './wire.ts';
import type { SharedFetch } from './shared-fetch-cache.ts';
import { isNetworkError, isTransientStatus, retryDelay, sleep, type RetryPolicy } from './retry.ts';

export interface BuildFetchOptions {
  /** Folder for stored responses; created on first use. */
  dir: string;
  /** Requests in flight at once per origin. */
  fetchConcurrency: number;
  retry: RetryPolicy;
  /** The fetch that reaches the network. */
  network: typeof globalThis.fetch;
  /** The cache shared with the other shards of the build, consulted before the network. */
  shared?: SharedFetch;
  /** Bytes of recent response bodies kept in memory besides the files. Default 16 MiB. */
  memoryBytes?: number;
  /** Told of every request made in this thread, in the caller's async context. */
  onRequest?: (request: WireRequest) => void;
  /** Told of every answer, from the network or the cache. */
  onResponse?: (request: WireRequest, response: WireResponse) => void;
}

export interface BuildFetchStats {
  /** Requests answered. */
  requests: number;
  /** Requests sent to the network, retries included. */
  network: number;
  /** Requests answered from the cache or by sharing one in flight. */
  shared: number;
}

export interface BuildFetch {
  /** `fetch` with the build's cache, limits and retries (for this thread). */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /** The same for a request that came from a worker as data. */
  handle(request: WireRequest): Promise<WireResponse>;
  readonly stats: BuildFetchStats;
}

/** Null when the request must not be cached or shared (no-store, revalidate 0, not a GET), else its cache key. */
export function cacheKeyOf(request: WireRequest): string | null {
  if (request.method !== 'GET' || request.body !== null) return null;
  if (request.cache === 'no-store' || request.cache === 'no-cache' || request.cache === 'reload') return null;
  if (request.revalidate === 0) return null;
  const key = JSON.stringify([request.method, request.url, request.headers, request.redirect]);
  return createHash('sha256').update(key).digest('hex');
}

export function createBuildFetch(options: BuildFetchOptions): BuildFetch {
  const limit = createOriginLimit(options.fetchConcurrency);
  const memory = new RecentResponses(options.memoryBytes ?? 16 * 1024 * 1024);
  const inFlight = new Map<string, Promise<WireResponse>>();
  /** Keys with a file in the cache folder: only those are worth reading back. */
  const stored = new Set<string>();
  const stats: BuildFetchStats = { requests: 0, network: 0, shared: 0 };
  let dirReady: Promise<unknown> | undefined;

  /** One attempt: limited per origin, the whole body read before the slot is released. */
  const attempt = (request: WireRequest): Promise<WireResponse> =>
    limit.run(request.url, async () => {
      stats.network++;
      const response = await options.network(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        redirect: request.redirect,
      });
      return toWireResponse(response);
    });

  /** GETs are retried on network errors and transient statuses; other methods are sent once. */
  const send = async (request: WireRequest): Promise<WireResponse> => {
    const retries = request.method === 'GET' || request.method === 'HEAD' ? options.retry.retries : 0;
    for (let n = 0; ; n++) {
      let response: WireResponse;
      try {
        response = await attempt(request);
      } catch (error) {
        if (n >= retries || !isNetworkError(error)) throw error;
        await sleep(retryDelay(options.retry, n));
        continue;
      }
      if (n >= retries || !isTransientStatus(response.status)) return response;
      await sleep(retryDelay(options.retry, n));
    }
  };

  const fileOf = (key: string): string => path.join(options.dir, key.slice(0, 2), key.slice(2));

  const load = async (key: string, request: WireRequest): Promise<WireResponse> => {
    if (stored.has(key)) {
      const response = await readStored(fileOf(key));
      stats.shared++;
      memory.set(key, response);
      return response;
    }
    let response: WireResponse;
    if (options.shared) {
      const answer = await options.shared.fetch(key, () => send(request), (r) => !isTransientStatus(r.status));
      if (answer.shared) stats.shared++;
      response = answer.response;
    } else {
      response = await send(request);
    }
    // A transient failure that outlived its retries is not the build's data: never stored.
    if (!isTransientStatus(response.status)) {
      memory.set(key, response);
      dirReady ??= mkdir(options.dir, { recursive: true });
      await dirReady;
      await mkdir(path.dirname(fileOf(key)), { recursive: true });
      await writeFile(fileOf(key), encodeStored(response));
      stored.add(key);
    }
    return response;
  };

  const handle = async (request: WireRequest): Promise<WireResponse> => {
    const response = await answer(request);
    options.onResponse?.(request, response);
    return response;
  };

  const answer = async (request: WireRequest): Promise<WireResponse> => {
    stats.requests++;
    const key = cacheKeyOf(request);
    if (key === null) return send(request);
    const recent = memory.get(key);
    if (recent) {
      stats.shared++;
      return recent;
    }
    let pending = inFlight.get(key);
    if (pending) {
      stats.shared++;
      return pending;
    }
    pending = load(key, request).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
    return pending;
  };

  return {
    handle,
    async fetch(input, init) {
      const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
      signal?.throwIfAborted();
      const request = await toWireRequest(input, init);
      options.onRequest?.(request);
      const answered = handle(request).then(fromWireResponse);
      // The shared request goes on for the others; only this caller stops waiting.
      return signal ? raceAbort(answered, signal) : answered;
    },
    stats,
  };
}

export function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** Response bodies recently used, up to a byte budget; oldest dropped first. */
class RecentResponses {
  private readonly entries = new Map<string, WireResponse>();
  private bytes = 0;
  constructor(private readonly budget: number) {}

  get(key: string): WireResponse | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, response: WireResponse): void {
    const size = response.body?.byteLength ?? 0;
    if (size > this.budget / 8 || this.entries.has(key)) return;
    this.entries.set(key, response);
    this.bytes += size;
    for (const [oldest, value] of this.entries) {
      if (this.bytes <= this.budget) break;
      this.entries.delete(oldest);
      this.bytes -= value.body?.byteLength ?? 0;
    }
  }
}

/** A stored response: 4 bytes of header length, the JSON header, then the body. */
export function encodeStored(response: WireResponse): Uint8Array {
  const { body, ...meta } = response;
  const header = Buffer.from(JSON.stringify({ ...meta, hasBody: body !== null }));
  const out = Buffer.allocUnsafe(4 + header.byteLength + (body?.byteLength ?? 0));
  out.writeUInt32BE(header.byteLength, 0);
  header.copy(out, 4);
  if (body) out.set(new Uint8Array(body), 4 + header.byteLength);
  return out;
}

async function readStored(file: string): Promise<WireResponse> {
  return decodeStored(await readFile(file));
}

export function decodeStored(data: Buffer): WireResponse {
  const length = data.readUInt32BE(0);
  const { hasBody, ...meta } = JSON.parse(data.subarray(4, 4 + length).toString('utf8')) as Omit<WireResponse, 'body'> & {
    hasBody: boolean;
  };
  const body = hasBody ? new Uint8Array(data.subarray(4 + length)).buffer : null;
  return { ...meta, body };
}
