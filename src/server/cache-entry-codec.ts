/**
 * One cache entry as one byte string, for stores that keep blobs (files, Redis values):
 * a 4-byte big-endian header length, a JSON header, then the body and the payload.
 * The header repeats the key so a reader can refuse an entry stored under a colliding name.
 */
import type { CacheEntry } from './cache-handler.ts';

interface Header {
  v: 1;
  key: string;
  createdAt: number;
  status: number;
  headers: Record<string, string>;
  bodyLength: number;
  /** -1 when the entry has no payload. */
  rscLength: number;
  /** Absent when the render read no tagged data (and in entries written before tags existed). */
  tags?: string[];
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeEntry(key: string, entry: CacheEntry): Uint8Array {
  const header: Header = {
    v: 1,
    key,
    createdAt: entry.createdAt,
    status: entry.status,
    headers: entry.headers,
    bodyLength: entry.body.byteLength,
    rscLength: entry.rsc === null ? -1 : entry.rsc.byteLength,
  };
  if (entry.tags && entry.tags.length > 0) header.tags = entry.tags;
  const head = encoder.encode(JSON.stringify(header));
  const rscLength = entry.rsc?.byteLength ?? 0;
  const out = new Uint8Array(4 + head.byteLength + entry.body.byteLength + rscLength);
  new DataView(out.buffer).setUint32(0, head.byteLength);
  out.set(head, 4);
  out.set(entry.body, 4 + head.byteLength);
  if (entry.rsc) out.set(entry.rsc, 4 + head.byteLength + entry.body.byteLength);
  return out;
}

/** The entry, or null when the bytes are not an entry for `key` (truncated, foreign, older format). */
export function decodeEntry(key: string, input: Uint8Array): CacheEntry | null {
  // A Buffer's slice() is a Buffer; entries hold plain Uint8Arrays whatever the store returns.
  const bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  if (bytes.byteLength < 4) return null;
  const headLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0);
  if (4 + headLength > bytes.byteLength) return null;
  let header: Header;
  try {
    header = JSON.parse(decoder.decode(bytes.subarray(4, 4 + headLength))) as Header;
  } catch {
    return null;
  }
  if (header.v !== 1 || header.key !== key) return null;
  const bodyStart = 4 + headLength;
  const rscStart = bodyStart + header.bodyLength;
  const end = rscStart + Math.max(header.rscLength, 0);
  if (end !== bytes.byteLength) return null;
  const entry: CacheEntry = {
    createdAt: header.createdAt,
    status: header.status,
    headers: header.headers,
    // Copies, so an entry does not pin a larger buffer it was cut from.
    body: bytes.slice(bodyStart, rscStart),
    rsc: header.rscLength < 0 ? null : bytes.slice(rscStart, end),
  };
  if (Array.isArray(header.tags)) entry.tags = header.tags.filter((t) => typeof t === 'string');
  return entry;
}
