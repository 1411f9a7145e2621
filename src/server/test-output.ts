/** For tests: an in-memory build output that records every open, to prove where the handler looks. */
import { bytesStream, weakEtag, type Bytes, type FileRoot, type FileSource, type StaticFile } from './file-source.ts';

const encoder = new TextEncoder();
/** Every file's modification time: a fixed build time, so ages and ETags are predictable. */
export const BUILT_AT = 1_700_000_000_000;

export function memoryOutput(files: Record<string, string | Uint8Array>, manifest: unknown): { source: FileSource; opened: string[] } {
  const opened: string[] = [];
  const source: FileSource = {
    readManifest: async () => JSON.stringify(manifest),
    async open(root: FileRoot, rel: string) {
      opened.push(`${root}/${rel}`);
      const content = files[`${root}/${rel}`];
      if (content === undefined) return null;
      const bytes = (typeof content === 'string' ? encoder.encode(content) : content) as Bytes;
      const file: StaticFile = {
        size: bytes.byteLength,
        mtimeMs: BUILT_AT,
        etag: weakEtag(bytes.byteLength, BUILT_AT),
        bytes,
        stream: () => bytesStream(bytes),
        close: () => {},
      };
      return file;
    },
    list: async (root: FileRoot) =>
      Object.keys(files)
        .filter((k) => k.startsWith(`${root}/`))
        .map((k) => k.slice(root.length + 1)),
  };
  return { source, opened };
}
