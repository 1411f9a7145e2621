import { describe, expect, it } from 'vitest';
import { cachedFiles } from './file-cache.ts';
import { bytesStream, weakEtag, type Bytes, type FileSource, type StaticFile } from './file-source.ts';

function countingSource(sizes: Record<string, number>, streamed: string[] = []) {
  const opens: string[] = [];
  const source: FileSource = {
    readManifest: async () => null,
    list: async () => [],
    async open(root, rel) {
      opens.push(rel);
      const size = sizes[rel];
      if (size === undefined) return null;
      const bytes = new Uint8Array(size) as Bytes;
      const file: StaticFile = {
        size,
        mtimeMs: 0,
        etag: weakEtag(size, 0),
        bytes: streamed.includes(rel) ? null : bytes,
        stream: () => bytesStream(bytes),
        close: () => {},
      };
      return file;
    },
  };
  return { source, opens };
}

describe('cachedFiles', () => {
  it('opens a kept file once', async () => {
    const { source, opens } = countingSource({ a: 10 });
    const files = cachedFiles(source, { maxBytes: 100, maxFileBytes: 50 });
    const first = await files.open('pages', 'a');
    expect(await files.open('pages', 'a')).toBe(first);
    expect(opens).toEqual(['a']);
  });

  it('evicts the least recently used entries beyond maxBytes', async () => {
    const { source, opens } = countingSource({ a: 40, b: 40, c: 40 });
    const files = cachedFiles(source, { maxBytes: 100, maxFileBytes: 50 });
    await files.open('pages', 'a');
    await files.open('pages', 'b');
    await files.open('pages', 'a'); // a is now the most recent
    await files.open('pages', 'c'); // 120 bytes: b goes
    opens.length = 0;
    await files.open('pages', 'a');
    await files.open('pages', 'c');
    await files.open('pages', 'b');
    expect(opens).toEqual(['b']);
  });

  it('never keeps misses, large files, or files that stream', async () => {
    const { source, opens } = countingSource({ big: 60, s: 5 }, ['s']);
    const files = cachedFiles(source, { maxBytes: 100, maxFileBytes: 50 });
    for (let i = 0; i < 2; i++) {
      await files.open('pages', 'nope');
      await files.open('pages', 'big');
      await files.open('pages', 's');
    }
    expect(opens).toEqual(['nope', 'big', 's', 'nope', 'big', 's']);
  });

  it('keys by root', async () => {
    const { source, opens } = countingSource({ x: 1 });
    const files = cachedFiles(source, { maxBytes: 100, maxFileBytes: 50 });
    await files.open('pages', 'x');
    await files.open('client', 'x');
    expect(opens).toEqual(['x', 'x']);
  });

  it('is off with maxBytes 0', () => {
    const { source } = countingSource({});
    expect(cachedFiles(source, { maxBytes: 0, maxFileBytes: 0 })).toBe(source);
  });
});
