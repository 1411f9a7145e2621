import type { Bytes, StaticFile } from './file-source.ts';

/**
 * What the handler answers, before it becomes a Web `Response` (handler.ts) or is written
 * straight to a Node socket (node.ts). Plain data, because constructing a `Response` and reading
 * its body back costs more than serving a cached file does.
 */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  /** Bytes in memory, a large file to stream, or nothing (HEAD, 304, redirects). */
  body: Bytes | StaticFile | null;
}

/** Content-hashed build assets never change under one name. */
export const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable';
/**
 * Public files keep their names across deploys, so a changed `logo.svg` must reach browsers at
 * once: always revalidate (a 304 by ETag when unchanged), as for pages.
 */
export const CACHE_PUBLIC = 'public, max-age=0, must-revalidate';
/** Pages change with every build: always revalidate (cheap with ETag → 304). */
export const CACHE_PAGE = 'public, max-age=0, must-revalidate';

import { HTML_TYPE, RSC_TYPE } from '../output/page-answer.ts';

export const HTML = HTML_TYPE;
export const RSC = RSC_TYPE;
const TEXT = 'text/plain; charset=utf-8';
export const ALLOWED_METHODS = 'GET, HEAD';

const encoder = new TextEncoder();

/**
 * A stored file: 304 when `If-None-Match` names its ETag, headers only for HEAD, otherwise its
 * bytes (or the file itself, to stream, when it was too big to read at open).
 */
export function fileReply(
  file: StaticFile,
  head: boolean,
  ifNoneMatch: string | null,
  contentType: string,
  cacheControl: string,
): Reply {
  if (ifNoneMatch !== null && etagMatches(ifNoneMatch, file.etag)) {
    file.close();
    return { status: 304, headers: { etag: file.etag, 'cache-control': cacheControl }, body: null };
  }
  if (head) file.close();
  return {
    status: 200,
    headers: {
      'content-type': contentType,
      'content-length': String(file.size),
      'cache-control': cacheControl,
      etag: file.etag,
      'x-content-type-options': 'nosniff',
    },
    body: head ? null : (file.bytes ?? file),
  };
}

/** Weak comparison (RFC 9110 §13.1.2): `W/` is ignored on both sides; `*` matches any file. */
export function etagMatches(header: string, etag: string): boolean {
  if (header === etag) return true;
  const opaque = etag.startsWith('W/') ? etag.slice(2) : etag;
  for (const item of header.split(',')) {
    let tag = item.trim();
    if (tag === '*') return true;
    if (tag.startsWith('W/')) tag = tag.slice(2);
    if (tag === opaque) return true;
  }
  return false;
}

export function bytesReply(status: number, head: boolean, bytes: Bytes, contentType: string, cacheControl: string): Reply {
  return {
    status,
    headers: {
      'content-type': contentType,
      'content-length': String(bytes.byteLength),
      'cache-control': cacheControl,
      'x-content-type-options': 'nosniff',
    },
    body: head ? null : bytes,
  };
}

function textReply(status: number, head: boolean, text: string): Reply {
  return bytesReply(status, head, encoder.encode(text), TEXT, 'no-store');
}

export function badRequest(head: boolean, reason: string): Reply {
  return textReply(400, head, `Bad Request: ${reason}\n`);
}

export function methodNotAllowed(head: boolean): Reply {
  const reply = textReply(405, head, 'Method Not Allowed\n');
  reply.headers.allow = ALLOWED_METHODS;
  return reply;
}

export function plainNotFound(head: boolean): Reply {
  return textReply(404, head, 'Not Found\n');
}

export function serverError(head: boolean): Reply {
  return textReply(500, head, 'Internal Server Error\n');
}

/** Permanent and method-preserving. `location` is a path built by `href()` plus the query. */
export function redirect(location: string): Reply {
  return { status: 308, headers: { location, 'cache-control': CACHE_PAGE }, body: null };
}

/**
 * A page that called `redirect()` (307) or `permanentRedirect()` (308), asked for as a document.
 * The body is the page's meta-refresh document, for clients that do not follow `Location`.
 */
export function pageRedirect(
  status: number,
  location: string,
  head: boolean,
  body: Bytes | StaticFile,
  cacheControl: string,
): Reply {
  const size = body instanceof Uint8Array ? body.byteLength : body.size;
  if (head && !(body instanceof Uint8Array)) body.close();
  return {
    status,
    headers: {
      location,
      'content-type': HTML,
      'content-length': String(size),
      'cache-control': cacheControl,
      'x-content-type-options': 'nosniff',
    },
    body: head ? null : body instanceof Uint8Array ? body : (body.bytes ?? body),
  };
}

/** A reply as a Web `Response`, for callers that need one. */
export function toResponse(reply: Reply): Response {
  const body = reply.body;
  return new Response(body === null || body instanceof Uint8Array ? body : body.stream(), {
    status: reply.status,
    headers: reply.headers,
  });
}
