/**
 * The stacks of a failed build, pointed at the app's sources. Pages, layouts and
 * generateStaticParams run from the bundles in the build's fresh folder, which is deleted when
 * the build fails; before that, each stack that runs through them is mapped with the source maps
 * written next to them and cleaned as `kiln dev` cleans its stacks: app frames at their file and
 * line, everything else summed up in one line.
 */
import { readFileSync } from 'node:fs';
import type { SourceMapPayload } from 'node:module';
import path from 'node:path';
import { isKilnError, kilnError } from '../errors.ts';
import { cleanStack } from '../user-stack.ts';

/** Causes followed below the error itself. */
const MAX_DEPTH = 5;

export function withSourceStacks(error: unknown, where: { root: string; serverDir: string }): unknown {
  const clean = bundleStackCleaner(where.root, where.serverDir);
  for (let e = error, depth = 0; e instanceof Error && depth <= MAX_DEPTH; e = e.cause, depth++) {
    if (e.stack) e.stack = clean(e.stack);
  }
  if (isKilnError(error) && typeof error.details.stack === 'string') {
    // The render layer puts the stack into its message: rebuild it with the readable one.
    const stack = clean(error.details.stack);
    if (stack === error.details.stack) return error;
    const rebuilt = kilnError(error.code, { ...error.details, stack }, { cause: error.cause });
    if (error.stack) rebuilt.stack = error.stack;
    return rebuilt;
  }
  return error;
}

/** Cleans a stack that runs through the bundles in `serverDir`; leaves any other as it is. */
function bundleStackCleaner(root: string, serverDir: string): (stack: string) => string {
  const prefix = serverDir + path.sep;
  const maps = new Map<string, SourceMapPayload | null>();
  const lookup = (file: string): SourceMapPayload | null => {
    const plain = file.replace(/[?#].*$/, '');
    if (!plain.startsWith(prefix)) return null;
    let payload = maps.get(plain);
    if (payload === undefined) {
      try {
        payload = JSON.parse(readFileSync(`${plain}.map`, 'utf8')) as SourceMapPayload;
        // The bundle names its sources from the project (vite-build.ts): make them absolute.
        payload = { ...payload, sources: payload.sources.map((source) => path.resolve(root, source)) };
      } catch {
        payload = null;
      }
      maps.set(plain, payload);
    }
    return payload;
  };
  return (stack) => (stack.includes(prefix) ? cleanStack(stack, root, lookup) : stack);
}
