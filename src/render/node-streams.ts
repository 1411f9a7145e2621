/** Small Node stream helpers for the Node-stream render path (see `flight.node.ts`). */
import { Readable, Writable } from 'node:stream';

/** Everything `start` writes into the sink it is handed, once the sink is ended. */
export function collectWrites(start: (sink: Writable) => void): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        size += chunk.byteLength;
        done();
      },
      final(done) {
        resolve(joined(chunks, size));
        done();
      },
    });
    sink.on('error', reject);
    start(sink);
  });
}

/** Everything a readable stream yields, once it ends. */
export function readAllNode(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.byteLength;
    });
    stream.on('end', () => resolve(joined(chunks, size)));
    stream.on('error', reject);
  });
}

/** A readable stream of one chunk. */
export function nodeStreamOf(bytes: Uint8Array): Readable {
  const stream = new Readable({ read() {} });
  stream.push(bytes);
  stream.push(null);
  return stream;
}

function joined(chunks: Buffer[], size: number): Uint8Array {
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size);
}
