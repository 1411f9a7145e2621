/**
 * What a page that calls `redirect()` renders to. The server answers 307/308 with `Location`; a
 * static host serving the prerendered file cannot, so the document sends the browser on by
 * `<meta http-equiv="refresh">` (no script: it works under any CSP), with a link for the rest.
 */
const encoder = new TextEncoder();

export function redirectDocument(location: string): Uint8Array {
  const url = escapeAttribute(location);
  return encoder.encode(
    '<!DOCTYPE html><html><head><meta charset="utf-8">' +
      `<meta http-equiv="refresh" content="0;url=${url}">` +
      '<meta name="robots" content="noindex">' +
      `<title>Redirecting…</title></head><body><a href="${url}">Continue to ${escapeText(location)}</a></body></html>`,
  );
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
