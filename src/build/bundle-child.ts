/**
 * The bundler process: runs Vite's build for `build()` and exits. Bundling leaves a few hundred
 * MiB of native memory (Rolldown's allocator) that a process never gives back; in a process of
 * its own it is gone before rendering starts. Messages: the parent sends the options; this
 * process answers with log lines, then `done` or `failed`.
 */
import { bundle, type BundleOptions } from './vite-build.ts';
import { toWireError, type WireError } from './wire.ts';

export type BundleRequest = Omit<BundleOptions, 'log'>;

export type FromBundler =
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string }
  | { type: 'done' }
  | { type: 'failed'; error: WireError };

const send = (message: FromBundler): Promise<void> =>
  new Promise((resolve) => {
    process.send!(message, undefined, undefined, () => resolve());
  });

process.once('message', async (request: BundleRequest) => {
  try {
    await bundle({ ...request, log: (level, message) => void send({ type: 'log', level, message }) });
    await send({ type: 'done' });
  } catch (error) {
    await send({ type: 'failed', error: toWireError(error) });
  }
  process.disconnect();
});
