/**
 * Scripts the build starts in another thread or process (the render worker, the bundler) must be
 * plain JavaScript: the compiled copies in the package's `dist/build/`. From `dist/build/` they
 * sit beside this file; when this file runs as TypeScript source (tests), in `../../dist/build/`.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { kilnError } from '../errors.ts';

export function compiledScript(name: string): string {
  const here = import.meta.url;
  const url = here.endsWith('.ts') ? new URL(`../../dist/build/${name}`, here) : new URL(`./${name}`, here);
  const file = fileURLToPath(url);
  if (!existsSync(file)) throw kilnError('BUILD_WORKER_MISSING', { file, from: fileURLToPath(here) });
  return file;
}
