/**
 * Test support for the params layer (not used by Kiln itself): an in-memory app, a map of
 * project-relative file → module object, turned into routes by the real routing layer.
 */
import { buildRouteTree } from '../routing/index.ts';
import type { Route, RouteTree } from '../routing/types.ts';
import type { LoadModule, PageEntry, ParamsWarning, RouteModule } from './types.ts';

export interface TestApp {
  tree: RouteTree;
  load: LoadModule;
  /** The route with this pattern; throws if there is none. */
  route(pattern: string): Route;
  /** Every file loaded, in order. */
  loaded: string[];
}

export function testApp(modules: Record<string, RouteModule>): TestApp {
  const files = Object.keys(modules).map((file) => {
    if (!file.startsWith('app/')) throw new Error(`test files live under app/: ${file}`);
    return file.slice('app/'.length);
  });
  const tree = buildRouteTree(files, 'app');
  const loaded: string[] = [];
  const load: LoadModule = async (file) => {
    loaded.push(file);
    const mod = modules[file];
    if (!mod) throw new Error(`no module ${file}`);
    return mod;
  };
  const route = (pattern: string): Route => {
    const found = tree.routes.find((r) => r.pattern === pattern);
    if (!found) throw new Error(`no route ${pattern}; have ${tree.routes.map((r) => r.pattern).join(', ')}`);
    return found;
  };
  return { tree, load, route, loaded };
}

/** A page module exporting only a default component and the given exports. */
export function page(exports: Partial<RouteModule> = {}): RouteModule {
  return { default: () => null, ...exports };
}

export async function collect(entries: AsyncIterable<PageEntry>): Promise<PageEntry[]> {
  const out: PageEntry[] = [];
  for await (const entry of entries) out.push(entry);
  return out;
}

export async function pathnames(entries: AsyncIterable<PageEntry>): Promise<string[]> {
  return (await collect(entries)).map((e) => e.pathname);
}

/** Collects warnings for assertions. */
export function warnings(): { list: ParamsWarning[]; onWarning: (w: ParamsWarning) => void } {
  const list: ParamsWarning[] = [];
  return { list, onWarning: (w) => list.push(w) };
}

/** The rejection of a promise, failing the test if it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string; cause?: unknown }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected a rejection');
}
