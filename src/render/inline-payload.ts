/**
 * Inlining the Flight payload into the HTML for hydration. The payload is data chosen by the app
 * (params, fetched text), so it is an injection point: it goes through JSON.stringify and then
 * `<`, U+2028 and U+2029 are escaped, so no `</script>` or `<!--` can end or confuse the script
 * element, whatever the payload holds.
 */

/** The global the browser entry reads the inlined payload from. */
export const PAYLOAD_GLOBAL = '__kiln_rsc';

/** What the inline script stores: the payload text, or base64 when the payload is not UTF-8. */
export type InlinedPayload = { text: string } | { base64: string };

const UNSAFE = /[<\u2028\u2029]/g;
const ESCAPES: Record<string, string> = { '<': '\\u003c', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/** JSON for a `<script>` body: safe against early termination and JS line-terminator quirks. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(UNSAFE, (c) => ESCAPES[c]);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function encodePayload(rsc: Uint8Array): InlinedPayload {
  try {
    return { text: utf8.decode(rsc) };
  } catch {
    // Flight rows for typed arrays are raw bytes; they survive only as base64.
    return { base64: Buffer.from(rsc.buffer, rsc.byteOffset, rsc.byteLength).toString('base64') };
  }
}

export function payloadScript(rsc: Uint8Array): string {
  return `<script>self.${PAYLOAD_GLOBAL}=${scriptSafeJson(encodePayload(rsc))}</script>`;
}

const BODY_END = new TextEncoder().encode('</body>');
const HEAD_END = new TextEncoder().encode('</head>');

/**
 * Puts `script` before the document's last `</body>` (at the very end when there is none).
 * Works on bytes and searches from the end, since Fizz writes `</body></html>` last: the
 * document is never decoded and re-encoded.
 */
export function insertBeforeBodyEnd(html: Uint8Array, script: Uint8Array): Uint8Array {
  const at = lastIndexOf(html, BODY_END);
  return insertAt(html, at === -1 ? html.byteLength : at, script);
}

/** `markup` right before the first `</head>` (at the start when there is none). */
export function insertBeforeHeadEnd(html: Uint8Array, markup: Uint8Array): Uint8Array {
  const at = indexOf(html, HEAD_END);
  return insertAt(html, at === -1 ? 0 : at, markup);
}

function insertAt(html: Uint8Array, cut: number, part: Uint8Array): Uint8Array {
  const out = new Uint8Array(html.byteLength + part.byteLength);
  out.set(html.subarray(0, cut), 0);
  out.set(part, cut);
  out.set(html.subarray(cut), cut + part.byteLength);
  return out;
}

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.byteLength <= haystack.byteLength; i++) {
    for (let j = 0; j < needle.byteLength; j++) {
      if (haystack[i + j] !== needle[j]) continue outer;
    }
    return i;
  }
  return -1;
}

function lastIndexOf(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = haystack.byteLength - needle.byteLength; i >= 0; i--) {
    for (let j = 0; j < needle.byteLength; j++) {
      if (haystack[i + j] !== needle[j]) continue outer;
    }
    return i;
  }
  return -1;
}
