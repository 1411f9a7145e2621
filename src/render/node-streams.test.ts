import { Readable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { collectWrites, nodeStreamOf, readAllNode } from './node-streams.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array) => new TextDecoder().decode(data);

describe('Node stream helpers', () => {
  test('collectWrites joins every chunk written before the sink ends', async () => {
    const out = await collectWrites((sink) => {
      sink.write(bytes('<html>'));
      setImmediate(() => {
        sink.write(bytes('body'));
        sink.end(bytes('</html>'));
      });
    });
    expect(text(out)).toBe('<html>body</html>');
  });

  test('collectWrites rejects when the writer destroys the sink with an error', async () => {
    await expect(collectWrites((sink) => sink.destroy(new Error('render failed')))).rejects.toThrow('render failed');
  });

  test('readAllNode reads a stream to its end, and rejects on its error', async () => {
    expect(text(await readAllNode(Readable.from([Buffer.from('a'), Buffer.from('b'), Buffer.from('c')])))).toBe('abc');
    expect(text(await readAllNode(nodeStreamOf(bytes('one chunk'))))).toBe('one chunk');
    const failing = new Readable({ read() { this.destroy(new Error('broken')); } });
    await expect(readAllNode(failing)).rejects.toThrow('broken');
  });
});
