import { constants } from 'node:fs';
import { open, readdir, readFile, type FileHandle } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { bytesStream, weakEtag, type Bytes, type FileRoot, type FileSource, type StaticFile } from './file-source.ts';
import { MANIFEST_FILE } from '../output/manifest.ts';
import { PAGES_DIR } from '../output/page-files.ts';

/** Files up to this size are read whole at open (one read, then the handle is closed). */
const WHOLE_FILE_LIMIT = 128 * 1024;
/** Read size when streaming a larger file. */
const CHUNK = 64 * 1024;

/**
 * A symlink as the last path part is refused (ELOOP): the build writes none, so one would point
 * somewhere the output folder does not control. `O_NOFOLLOW` is absent on Windows.
 */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0);

/** Errors that mean "no such file here", not a fault of the server. */
const MISSING = new Set(['ENOENT', 'ENOTDIR', 'EISDIR', 'ENAMETOOLONG', 'ELOOP']);

/**
 * The Node `FileSource` over a build output folder. It resolves every path and checks that the
 * result is still inside its root: the second line of defence after the handler's path checks.
 */
export function nodeFiles(outDir: string): FileSource {
  const out = resolve(outDir);
  const roots: Record<FileRoot, string> = { client: resolve(out, 'client'), pages: resolve(out, PAGES_DIR) };
  const prefixes: Record<FileRoot, string> = { client: roots.client + sep, pages: roots.pages + sep };

  return {
    async readManifest() {
      try {
        return await readFile(resolve(out, MANIFEST_FILE), 'utf8');
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },

    async open(root, rel) {
      const path = resolve(roots[root], rel);
      if (!path.startsWith(prefixes[root])) return null;
      let handle: FileHandle;
      try {
        handle = await open(path, OPEN_FLAGS);
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
      try {
        const stat = await handle.stat();
        if (!stat.isFile()) {
          await handle.close();
          return null;
        }
        const size = stat.size;
        const etag = weakEtag(size, stat.mtimeMs);
        if (size > WHOLE_FILE_LIMIT) return streamingFile(handle, size, stat.mtimeMs, etag);
        const bytes = await readExactly(handle, size);
        await handle.close();
        return memoryFile(bytes, stat.mtimeMs, etag);
      } catch (error) {
        await handle.close().catch(() => {});
        throw error;
      }
    },

    async list(root) {
      const found: string[] = [];
      await walk(roots[root], '', found);
      return found;
    },
  };
}

function isMissing(error: unknown): boolean {
  return MISSING.has((error as NodeJS.ErrnoException | null)?.code ?? '');
}

async function walk(dir: string, rel: string, found: string[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (isMissing(error)) return;
    throw error;
  }
  for (const entry of entries) {
    const childRel = rel === '' ? entry.name : `${rel}/${entry.name}`;
    if (entry.isDirectory()) await walk(resolve(dir, entry.name), childRel, found);
    else if (entry.isFile()) found.push(childRel);
  }
}

/** Reads `size` bytes from the start; a file that shrank meanwhile gives what is there. */
async function readExactly(handle: FileHandle, size: number): Promise<Bytes> {
  const buffer = Buffer.allocUnsafe(size);
  let at = 0;
  while (at < size) {
    const { bytesRead } = await handle.read(buffer, at, size - at, at);
    if (bytesRead === 0) break;
    at += bytesRead;
  }
  return at === size ? buffer : buffer.subarray(0, at);
}

export function memoryFile(bytes: Bytes, mtimeMs: number, etag = weakEtag(bytes.byteLength, mtimeMs)): StaticFile {
  return {
    size: bytes.byteLength,
    mtimeMs,
    etag,
    bytes,
    stream: () => bytesStream(bytes),
    close: () => {},
  };
}

/** A large file read chunk by chunk on demand; the handle closes at the end, on cancel or error. */
function streamingFile(handle: FileHandle, size: number, mtimeMs: number, etag: string): StaticFile {
  let closed = false;
  const release = (): void => {
    if (closed) return;
    closed = true;
    handle.close().catch(() => {});
  };
  let position = 0;
  return {
    size,
    mtimeMs,
    etag,
    bytes: null,
    close: release,
    stream: () =>
      new ReadableStream<Bytes>({
        async pull(controller) {
          try {
            const want = Math.min(CHUNK, size - position);
            const chunk = Buffer.allocUnsafe(want);
            const { bytesRead } = want > 0 ? await handle.read(chunk, 0, want, position) : { bytesRead: 0 };
            position += bytesRead;
            if (bytesRead > 0) controller.enqueue(bytesRead === want ? chunk : chunk.subarray(0, bytesRead));
            // Stop at the size announced in Content-Length, even if the file grew.
            if (bytesRead === 0 || position >= size) {
              release();
              controller.close();
            }
          } catch (error) {
            release();
            controller.error(error);
          }
        },
        cancel() {
          release();
        },
      }),
  };
}
