/**
 * Runs the app's middleware in the server bundle: the module's `middleware` export (Next.js 16's
 * `proxy`, or the default export) is called with a `NextRequest` and an event whose `waitUntil`
 * keeps the work running after the answer, as Next.js calls it. The module is imported once in a
 * build and on every call in dev, so edits show.
 */
import { kilnError } from '../errors.ts';
import { NextRequest } from '../next/server.ts';
import type { MiddlewareEntry } from './types.ts';

type Module = Record<string, unknown>;
type MiddlewareFunction = (request: NextRequest, event: { waitUntil(promise: Promise<unknown>): void }) => unknown;

/** `files`: the middleware files found, the first of which is loaded; more than one is an error. */
export function createMiddleware(files: readonly string[], importer: () => Promise<Module>, cache: boolean): MiddlewareEntry {
  const file = files[0];
  let kept: Promise<Module> | undefined;
  const load = (): Promise<Module> => {
    if (files.length > 1) return Promise.reject(kilnError('MIDDLEWARE_DUPLICATE', { file, otherFile: files[1] }));
    if (!cache) return importer();
    kept ??= importer().catch((error: unknown) => {
      kept = undefined;
      throw error;
    });
    return kept;
  };
  return {
    file,
    async matcher() {
      const config = (await load()).config as { matcher?: unknown } | undefined;
      return config?.matcher;
    },
    async run(request) {
      const mod = await load();
      const fn = [mod.middleware, mod.proxy, mod.default].find((f) => typeof f === 'function') as MiddlewareFunction | undefined;
      if (!fn) throw kilnError('MIDDLEWARE_NO_FUNCTION', { file, exports: Object.keys(mod) });
      const pending: Promise<unknown>[] = [];
      const answer = await fn(request instanceof NextRequest ? request : new NextRequest(request), {
        waitUntil: (promise) => void pending.push(Promise.resolve(promise).catch(() => {})),
      });
      if (answer === undefined || answer === null) return undefined;
      if (!(answer instanceof Response)) throw kilnError('MIDDLEWARE_BAD_ANSWER', { file, value: answer });
      return answer;
    },
  };
}
