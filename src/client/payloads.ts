/**
 * Fetching pages' Flight payloads for client navigation, with the one cache navigation needs:
 * a prefetched payload is kept for a short while so the click that follows costs no request.
 * Any failure (network, a status other than 2xx, an HTML answer from a static host's fallback)
 * rejects, and the router answers it with a full page load.
 */
import { payloadUrl } from '../output/payload-url.ts';
import type { Payload } from '../render/types.ts';
import { addBasePath } from './config.ts';

export interface PayloadLoaderOptions {
  basePath: string;
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  /** Flight bytes → payload (plugin-rsc's `createFromFetch` in the browser). */
  decode: (response: Response) => Promise<Payload>;
  /** How long a prefetched payload may be used; 0 disables reuse. */
  ttlMs: number;
  now?: () => number;
}

/**
 * Payloads are per pathname: pages render the same whatever the query string (their
 * `searchParams` prop is empty; client components read the query with `useSearchParams`), so a
 * prefetched `/a` serves a click on `/a?x=1` and prerendered files stay cacheable.
 */
export interface PayloadLoader {
  /** The payload of `pathname`: a fresh prefetch if there is one, else fetched now. */
  load(pathname: string): Promise<Payload>;
  /** Starts fetching and keeps the result for `ttlMs`; repeated calls share one request. */
  prefetch(pathname: string): void;
  /** Forgets every kept payload (after `router.refresh()` or a dev edit). */
  clear(): void;
  /**
   * The payload of `pathname` from a response already fetched from its payload URL (the dev
   * overlay's check after an edit), with the same checks as `load`.
   */
  fromResponse(pathname: string, response: Response): Promise<Payload>;
}

export class PayloadError extends Error {
  constructor(
    readonly url: string,
    reason: string,
  ) {
    super(`Could not load the page payload ${url}: ${reason}`);
    this.name = 'PayloadError';
  }
}

/** The URL a page's payload is fetched from, base path included. */
export function payloadRequestUrl(pathname: string, basePath: string): string {
  return addBasePath(payloadUrl(pathname), basePath);
}

export function createPayloadLoader(options: PayloadLoaderOptions): PayloadLoader {
  const now = options.now ?? Date.now;
  const kept = new Map<string, { at: number; payload: Promise<Payload> }>();

  function fetchPayload(url: string): Promise<Payload> {
    return options.fetch(url, { headers: { accept: 'text/x-component' }, credentials: 'same-origin' }).then(
      (response) => decodeChecked(url, response),
      (error: unknown) => {
        throw new PayloadError(url, error instanceof Error ? error.message : String(error));
      },
    );
  }

  function decodeChecked(url: string, response: Response): Promise<Payload> {
    if (!response.ok) throw new PayloadError(url, `status ${response.status}`);
    // Followed to another URL: the document request will redirect the same way, and show it.
    if (response.redirected) throw new PayloadError(url, `redirected to ${response.url}`);
    const type = response.headers.get('content-type') ?? '';
    // A static host's catch-all answers unknown paths with an HTML page and status 200.
    if (type.startsWith('text/html')) throw new PayloadError(url, `got ${type} instead of a Flight payload`);
    return options.decode(response);
  }

  function fresh(url: string): Promise<Payload> | undefined {
    const entry = kept.get(url);
    if (!entry) return undefined;
    if (now() - entry.at < options.ttlMs) return entry.payload;
    kept.delete(url);
    return undefined;
  }

  return {
    load(pathname) {
      const url = payloadRequestUrl(pathname, options.basePath);
      return fresh(url) ?? fetchPayload(url);
    },
    prefetch(pathname) {
      if (options.ttlMs <= 0) return;
      const url = payloadRequestUrl(pathname, options.basePath);
      if (fresh(url)) return;
      const payload = fetchPayload(url);
      kept.set(url, { at: now(), payload });
      // A failed prefetch is forgotten, so the click fetches again and decides then.
      payload.catch(() => {
        if (kept.get(url)?.payload === payload) kept.delete(url);
      });
    },
    clear() {
      kept.clear();
    },
    async fromResponse(pathname, response) {
      return decodeChecked(payloadRequestUrl(pathname, options.basePath), response);
    },
  };
}
