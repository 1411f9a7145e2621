/**
 * Requests, responses and errors as plain data for messages between the main thread and the
 * render workers: a worker's `fetch` is answered by the main thread (which owns the build-wide
 * cache), and a failed page's error crosses back with its catalog code and details.
 */

export interface WireRequest {
  url: string;
  method: string;
  /** Lower-case names, sorted, as the Headers object iterates them. */
  headers: Array<[string, string]>;
  body: ArrayBuffer | null;
  cache: RequestCache;
  redirect: RequestRedirect;
  /** Next.js's `next: { revalidate }`: 0 opts out of caching like `cache: 'no-store'`. */
  revalidate?: number | false;
}

export interface WireResponse {
  status: number;
  statusText: string;
  headers: Array<[string, string]>;
  url: string;
  redirected: boolean;
  body: ArrayBuffer | null;
}

/** An error as data: enough to rebuild it on the other side (`fetch failed` and its cause). */
export interface WireError {
  name: string;
  message: string;
  stack?: string;
  /** A Node error code (`ECONNREFUSED`) or a Kiln catalog code. */
  code?: string;
  /** A KilnError's details, so the receiving side can rebuild it from its own catalog. */
  details?: Record<string, unknown>;
  cause?: WireError;
}

type FetchInit = RequestInit & { next?: { revalidate?: unknown } };

export async function toWireRequest(input: RequestInfo | URL, init?: FetchInit): Promise<WireRequest> {
  const { signal: _signal, ...rest } = init ?? {};
  const request = new Request(input, rest);
  const body = request.body === null ? null : await request.arrayBuffer();
  const wire: WireRequest = {
    url: request.url,
    method: request.method,
    headers: [...request.headers],
    body,
    cache: init?.cache ?? request.cache,
    redirect: request.redirect,
  };
  const revalidate = init?.next?.revalidate;
  if (typeof revalidate === 'number' || revalidate === false) wire.revalidate = revalidate;
  return wire;
}

/** Statuses whose response must not have a body. */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

export function fromWireResponse(wire: WireResponse): Response {
  const body = NULL_BODY.has(wire.status) ? null : wire.body;
  const response = new Response(body, { status: wire.status, statusText: wire.statusText, headers: wire.headers });
  // The constructor cannot set these; code that reads `res.url` after a redirect expects them.
  Object.defineProperty(response, 'url', { value: wire.url });
  Object.defineProperty(response, 'redirected', { value: wire.redirected });
  return response;
}

export async function toWireResponse(response: Response): Promise<WireResponse> {
  return {
    status: response.status,
    statusText: response.statusText,
    headers: [...response.headers],
    url: response.url,
    redirected: response.redirected,
    body: response.body === null ? null : await response.arrayBuffer(),
  };
}

export function toWireError(error: unknown, depth = 0): WireError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const wire: WireError = { name: error.name, message: error.message };
  if (error.stack) wire.stack = error.stack;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') wire.code = code;
  const details = (error as { details?: unknown }).details;
  if (typeof details === 'object' && details !== null) wire.details = cloneable(details as Record<string, unknown>);
  if (error.cause !== undefined && depth < 4) wire.cause = toWireError(error.cause, depth + 1);
  return wire;
}

/** Details as structured clone carries them: errors become wire errors, what cannot be cloned becomes text. */
function cloneable(details: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(details)) {
    if (value instanceof Error) {
      out[key] = { [WIRE_ERROR]: toWireError(value, 3) };
      continue;
    }
    try {
      out[key] = structuredClone(value);
    } catch {
      out[key] = String(value);
    }
  }
  return out;
}

/** Marks an error inside details, so the receiving side turns it back into an Error. */
const WIRE_ERROR = '__kilnWireError';

function revivedDetails(details: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(details)) {
    const wire = (value as Record<string, unknown> | null)?.[WIRE_ERROR];
    out[key] = wire ? fromWireError(wire as WireError) : value;
  }
  return out;
}

/**
 * Rebuilds an error. A KilnError comes back as a plain Error with `name`, `code` and `details`;
 * the build passes it to `reviveError`, which makes it a KilnError of this thread's catalog.
 */
export function fromWireError(wire: WireError): Error {
  const Ctor = wire.name === 'TypeError' ? TypeError : wire.name === 'RangeError' ? RangeError : Error;
  const error = wire.cause ? new Ctor(wire.message, { cause: fromWireError(wire.cause) }) : new Ctor(wire.message);
  if (!['Error', 'TypeError', 'RangeError'].includes(wire.name)) error.name = wire.name;
  if (wire.code !== undefined) (error as Error & { code: string }).code = wire.code;
  if (wire.details !== undefined) (error as Error & { details: unknown }).details = revivedDetails(wire.details);
  if (wire.stack) error.stack = wire.stack;
  return error;
}
