/**
 * The handler's only door to stored files. The Node implementation is `files.ts`; tests and
 * other runtimes can pass their own. Paths are `/`-separated and relative to one of two roots,
 * so a source can refuse anything else: nothing outside `client/` and `pages/` is ever served.
 */
export type FileRoot = 'client' | 'pages';

/** Bytes backed by a plain ArrayBuffer, as `Response` bodies require. */
export type Bytes = Uint8Array<ArrayBuffer>;

export interface StaticFile {
  readonly size: number;
  readonly mtimeMs: number;
  /** Weak validator derived from size and mtime, computed once per opened file. */
  readonly etag: string;
  /** The whole content when the file was small enough to read at open; null otherwise. */
  readonly bytes: Bytes | null;
  /** The content as a stream; releases the file when done or cancelled. Call at most once. */
  stream(): ReadableStream<Bytes>;
  /** Releases the file without reading it (HEAD, 304). A no-op once streamed or for `bytes`. */
  close(): void;
}

export interface FileSource {
  /** The text of `manifest.json`, or null when there is none. */
  readManifest(): Promise<string | null>;
  /** Opens a regular file; null when missing, not a regular file, or not inside `root`. */
  open(root: FileRoot, rel: string): Promise<StaticFile | null>;
  /** Every regular file below `root` (recursively, symlinks excluded), relative to `root`. */
  list(root: FileRoot): Promise<string[]>;
}

export function weakEtag(size: number, mtimeMs: number): string {
  return `W/"${size.toString(16)}-${Math.trunc(mtimeMs).toString(16)}"`;
}

/** A stream over bytes already in memory. */
export function bytesStream(bytes: Bytes): ReadableStream<Bytes> {
  return new ReadableStream<Bytes>({
    start(controller) {
      if (bytes.byteLength > 0) controller.enqueue(bytes);
      controller.close();
    },
  });
}

/** Reads a whole file, from `bytes` or by draining its stream. */
export async function readAll(file: StaticFile): Promise<Bytes> {
  if (file.bytes) return file.bytes;
  const out = new Uint8Array(file.size);
  let at = 0;
  const reader = file.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const room = Math.min(value.byteLength, out.byteLength - at);
    out.set(room === value.byteLength ? value : value.subarray(0, room), at);
    at += room;
  }
  return at === out.byteLength ? out : out.subarray(0, at);
}
