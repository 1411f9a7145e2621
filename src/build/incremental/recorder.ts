/**
 * Records what a page reads while it renders, in the thread that renders it: files read and
 * folders listed through `node:fs` (every way the app can call it: callbacks, promises, sync,
 * named ESM imports), environment variables read from `process.env`, and fetches. The build cache keeps them per page, and the next build
 * renders a page again only when one of them changed.
 *
 * Reads belong to the page whose render is running (an AsyncLocalStorage scope). Reads while the
 * app's modules are first imported (a module that reads a file at its top level) belong to every
 * page: `withModuleLoadInputs` records them once. Reads outside both, such as those of
 * generateStaticParams, which runs again on every build anyway, are not recorded.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import fsPromises from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';
import type { WireRequest } from '../wire.ts';
import { dirInput, envInput, fetchInput, fileInput } from './input-keys.ts';

const scope = new AsyncLocalStorage<Set<string>>();
/** Folders whose reads are the build's own (its output and caches), never a page's input. */
let ignored: string[] = [];
let installed = false;

export async function withPageInputs<T>(work: () => Promise<T>): Promise<{ result: T; inputs: string[] }> {
  const inputs = new Set<string>();
  const result = await scope.run(inputs, work);
  return { result, inputs: [...inputs] };
}

/** The same scope, for importing the app's modules before any page renders. */
export const withModuleLoadInputs = withPageInputs;

export function recordFetch(request: WireRequest): void {
  scope.getStore()?.add(fetchInput(request));
}

function recordPath(kind: 'f' | 'd', target: unknown): void {
  const inputs = scope.getStore();
  if (!inputs) return;
  let file: string;
  if (typeof target === 'string') file = target;
  else if (target instanceof URL && target.protocol === 'file:') file = decodeURIComponent(target.pathname);
  else if (Buffer.isBuffer(target)) file = target.toString();
  else return; // a file descriptor or handle: opened by a read already recorded, or not a path
  file = path.resolve(file);
  if (ignored.some((dir) => file === dir || file.startsWith(dir + path.sep))) return;
  inputs.add(kind === 'f' ? fileInput(file) : dirInput(file));
}

/**
 * Wraps `node:fs`'s reading functions in this thread, once. `ignore` lists the build's own
 * folders. Named imports (`import { readFile } from 'node:fs/promises'`) see the wrappers too.
 */
export function installReadRecorder(ignore: readonly string[]): void {
  ignored = ignore.map((dir) => path.resolve(dir));
  if (installed) return;
  installed = true;
  const wrap = <K extends string>(target: Record<K, unknown>, name: K, kind: 'f' | 'd'): void => {
    const original = target[name] as (...args: unknown[]) => unknown;
    if (typeof original !== 'function') return;
    const wrapped = function (this: unknown, ...args: unknown[]): unknown {
      recordPath(kind, args[0]);
      return original.apply(this, args);
    };
    Object.defineProperty(wrapped, 'name', { value: original.name });
    target[name] = wrapped;
  };
  const fsTable = fs as unknown as Record<string, unknown>;
  for (const name of ['readFile', 'readFileSync', 'createReadStream', 'existsSync', 'statSync', 'stat']) wrap(fsTable, name, 'f');
  for (const name of ['readdir', 'readdirSync', 'opendir', 'opendirSync']) wrap(fsTable, name, 'd');
  const promisesTable = fsPromises as unknown as Record<string, unknown>;
  for (const name of ['readFile', 'stat', 'access']) wrap(promisesTable, name, 'f');
  for (const name of ['readdir', 'opendir']) wrap(promisesTable, name, 'd');
  // fs.promises is the same object as node:fs/promises; both are wrapped through it.
  syncBuiltinESMExports();
  const env = process.env;
  process.env = new Proxy(env, {
    get(target, name) {
      if (typeof name === 'string') scope.getStore()?.add(envInput(name));
      return Reflect.get(target, name);
    },
    has(target, name) {
      if (typeof name === 'string') scope.getStore()?.add(envInput(name));
      return Reflect.has(target, name);
    },
  });
}
