/**
 * Runs the Vite bundle in a child process (`bundle-child.ts`), so the memory bundling leaves
 * behind is returned to the system before the pages are rendered. Log lines come back to the
 * build's `log`; a failure comes back as the same catalog error.
 */
import { fork } from 'node:child_process';
import { kilnError } from '../errors.ts';
import type { BundleRequest, FromBundler } from './bundle-child.ts';
import { compiledScript } from './compiled.ts';
import { reviveError } from '../errors.ts';
import type { BuildOptions } from './types.ts';
import { fromWireError } from './wire.ts';

export async function bundleInChild(request: BundleRequest, log: NonNullable<BuildOptions['log']>): Promise<void> {
  const child = fork(compiledScript('bundle-child.js'), [], {
    // Rolldown's allocator commits whole arenas up front unless told otherwise; lazily it peaks
    // about 130 MiB lower on the bench app at no measurable cost in time.
    env: { MIMALLOC_ARENA_EAGER_COMMIT: '0', ...process.env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
    // The bundler names modules in its output by their path from the working folder: from the
    // project, the same sources give the same bytes wherever the build was started (the
    // shards of a build must agree on their bundle).
    cwd: request.root,
  });
  let outcome: { ok: true } | { ok: false; error: unknown } | undefined;
  child.on('message', (message: FromBundler) => {
    if (message.type === 'log') log(message.level, message.message);
    else if (message.type === 'done') outcome = { ok: true };
    else outcome = { ok: false, error: reviveError(fromWireError(message.error)) };
  });
  const exit = new Promise<number | string | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(signal ?? code));
  });
  child.send(request);
  const code = await exit;
  if (outcome?.ok) return;
  if (outcome) throw outcome.error;
  throw kilnError('BUILD_BUNDLE_FAILED', { reason: `the bundler process exited with ${String(code)} before it finished` });
}
