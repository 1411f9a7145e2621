/**
 * The byte plumbing of the Node render path (see `flight.node.ts`). React's Node renderers write
 * into anything with `write`/`end`/`on` and read from anything with `on('data'|'end'|'error')`;
 * they need none of a Node stream's buffering, flow control or event machinery, which cost a
 * measurable share of every page when each render built three streams. These are the minimal
 * objects that duck-type as a destination and a source.
 */

/** What React's `pipe()` calls on its destination. */
export interface ByteSink {
  write(chunk: Uint8Array | string): boolean;
  end(): void;
  destroy(error?: unknown): void;
  on(event: string, listener: (...args: unknown[]) => void): ByteSink;
}

/** Everything `start` writes into the sink it is handed, once the sink is ended. */
export function collectWrites(start: (sink: ByteSink) => void): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    const sink: ByteSink = {
      // Flight writes strings as well as bytes.
      write(chunk) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        chunks.push(bytes);
        size += bytes.byteLength;
        return true;
      },
      end() {
        resolve(joined(chunks, size));
      },
      destroy(error) {
        reject(error ?? new Error('the render was cancelled'));
      },
      // Backpressure and cancellation never come from a sink that only collects.
      on() {
        return sink;
      },
    };
    start(sink);
  });
}

/** What React's `createFromNodeStream` calls on its source. */
export interface ByteSource {
  on(event: string, listener: (...args: unknown[]) => void): ByteSource;
}

/** A source that yields `bytes` as one chunk and ends, once the reader has subscribed. */
export function sourceOf(bytes: Uint8Array): ByteSource {
  const listeners = new Map<string, (...args: unknown[]) => void>();
  const source: ByteSource = {
    on(event, listener) {
      listeners.set(event, listener);
      // A Node stream starts flowing on the next tick after a `data` listener: so does this.
      if (event === 'data') {
        queueMicrotask(() => {
          listeners.get('data')?.(bytes);
          listeners.get('end')?.();
        });
      }
      return source;
    },
  };
  return source;
}

function joined(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
