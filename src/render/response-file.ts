/**
 * A route handler's response stored as one file (`pages/<path>.response`): a first line of
 * JSON with the status and headers, then the body bytes as the handler sent them. Written by the
 * build for prerendered GET handlers, read by `kiln start`. Shared here so both sides agree
 * on the format; the file's name is in output/page-files.ts.
 */

export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

/**
 * Headers that describe one transfer or one visitor, not the resource: never stored. The server
 * sets its own `cache-control` from the route's `revalidate`.
 */
const NOT_STORED = new Set([
  'cache-control',
  'connection',
  'content-encoding',
  'content-length',
  'date',
  'keep-alive',
  'set-cookie',
  'transfer-encoding',
]);

/**
 * The answers of a GET handler worth storing: 200, and redirects (from `redirect()`,
 * `permanentRedirect()` or `Response.redirect`), which are as much the same for every visitor.
 * Anything else (a 404, an error) is left for the handler to answer at run time.
 */
export function isStoredStatus(status: number): boolean {
  return status === 200 || status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The storable part of a handler's response, its body read whole. */
export async function storedResponse(response: Response): Promise<StoredResponse> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (!NOT_STORED.has(name)) headers[name] = value;
  });
  return { status: response.status, headers, body: new Uint8Array(await response.arrayBuffer()) };
}

export function encodeResponseFile(stored: StoredResponse): Uint8Array {
  const head = encoder.encode(`${JSON.stringify({ status: stored.status, headers: stored.headers })}\n`);
  const out = new Uint8Array(head.byteLength + stored.body.byteLength);
  out.set(head, 0);
  out.set(stored.body, head.byteLength);
  return out;
}

/** The stored response, or null when the bytes are not one. */
export function decodeResponseFile(bytes: Uint8Array): StoredResponse | null {
  const newline = bytes.indexOf(10);
  if (newline < 0) return null;
  try {
    const head = JSON.parse(decoder.decode(bytes.subarray(0, newline))) as { status?: unknown; headers?: unknown };
    if (typeof head.status !== 'number' || typeof head.headers !== 'object' || head.headers === null) return null;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(head.headers)) if (typeof value === 'string') headers[name] = value;
    return { status: head.status, headers, body: bytes.subarray(newline + 1) };
  } catch {
    return null;
  }
}
