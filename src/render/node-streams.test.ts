import { describe, expect, test } from 'vitest';
import { collectWrites, sourceOf } from './node-streams.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array) => new TextDecoder().decode(data);

describe('the Node render path’s sink and source', () => {
  test('collectWrites joins every chunk, bytes or text, written before the sink ends', async () => {
    const out = await collectWrites((sink) => {
      sink.write(bytes('<html>'));
      setImmediate(() => {
        sink.write('body');
        sink.write(bytes('</html>'));
        sink.end();
      });
    });
    expect(text(out)).toBe('<html>body</html>');
  });

  test('collectWrites gives a single chunk back as written, and accepts React’s listeners', async () => {
    const only = bytes('whole');
    const out = await collectWrites((sink) => {
      expect(sink.on('drain', () => {})).toBe(sink);
      sink.write(only);
      sink.end();
    });
    expect(out).toBe(only);
  });

  test('collectWrites rejects when the writer destroys the sink', async () => {
    await expect(collectWrites((sink) => sink.destroy(new Error('render failed')))).rejects.toThrow('render failed');
  });

  test('sourceOf yields its bytes once, then ends, after the reader has subscribed to both', async () => {
    const seen: string[] = [];
    await new Promise<void>((resolve) => {
      const source = sourceOf(bytes('payload'));
      source.on('data', (chunk) => seen.push(text(chunk as Uint8Array)));
      source.on('error', () => seen.push('error'));
      source.on('end', () => {
        seen.push('end');
        resolve();
      });
      expect(seen).toEqual([]);
    });
    expect(seen).toEqual(['payload', 'end']);
  });
});
