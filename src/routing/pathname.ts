export interface SplitPath {
  /** Decoded parts, in order; `[]` for `/`. */
  parts: string[];
  /** Index of the last empty part, -1 if none. */
  lastEmpty: number;
}

/**
 * Splits a request pathname on `/` and then decodes each part once, so `%2F` stays inside its
 * part. One trailing slash after a non-empty path is ignored (`/blog/` = `/blog`). Returns a
 * reason string instead when the path is malformed (the request answers 400): not starting with `/`, bad
 * percent-encoding, a NUL, or a part that decodes to `.` or `..` — such a part would otherwise
 * reach params (and file names) as a path traversal.
 */
export function splitPathname(pathname: string): SplitPath | string {
  if (pathname.charCodeAt(0) !== 47 /* / */) return 'the path does not start with "/"';
  let end = pathname.length;
  if (end > 2 && pathname.charCodeAt(end - 1) === 47) end--;
  if (end === 1) return { parts: [], lastEmpty: -1 };

  const parts = pathname.slice(1, end).split('/');
  let lastEmpty = -1;
  for (let i = 0; i < parts.length; i++) {
    let part = parts[i];
    if (part === '') {
      lastEmpty = i;
      continue;
    }
    if (part.includes('%')) {
      try {
        part = decodeURIComponent(part);
      } catch {
        return `bad percent-encoding in path part ${i + 1}`;
      }
      parts[i] = part;
    }
    if (part.includes('\0')) return `NUL character in path part ${i + 1}`;
    if (part === '.' || part === '..') return `dot segment in path part ${i + 1}`;
  }
  return { parts, lastEmpty };
}
