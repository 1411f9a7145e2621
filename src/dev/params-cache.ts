/**
 * generateStaticParams in dev, called lazily: a route's chain is called when the route is first
 * visited, never at start-up, and what it produced is kept until one of the route's layouts or
 * its page, or anything they import, changes (the dev server's plugin drops entries on file
 * events; the module check below covers the moment between an event and the runner's update).
 * The walk, the validation and the errors are the build's own (`generateRouteParams`), so dev
 * rejects exactly what the build rejects.
 */
import {
  configFiles,
  generatedKey,
  generateRouteParams,
  prerenderKind,
  routeConfig,
  type LoadModule,
  type ParamsCallEvent,
  type ParamsWarning,
  type PrerenderKind,
  type RouteConfig,
  type RouteModule,
} from '../params/index.ts';
import type { Route } from '../routing/types.ts';

export interface RouteParamsState {
  config: RouteConfig;
  kind: PrerenderKind;
  /** Encoded pathnames the gSP chain produced; null unless `kind` is `generated`. */
  pathnames: ReadonlySet<string> | null;
  /** The route's open params (no gSP fills them), in URL order; empty for most routes. */
  open: readonly string[];
  /** `generatedKey`s of the generated values the open params' pages share. */
  generated: ReadonlySet<string>;
}

export interface DevParamsCacheOptions {
  onCall?: (event: ParamsCallEvent) => void;
  onWarning?: (warning: ParamsWarning) => void;
  /** After a route's chain ran (only on a cache miss). */
  onGenerated?: (route: Route, state: RouteParamsState, ms: number) => void;
}

export interface DevParamsCache {
  /** The route's config and generated pathnames, calling its gSP chain on a miss. */
  get(route: Route, load: LoadModule): Promise<RouteParamsState>;
  /**
   * Drops every route whose layouts or page include one of `files` (project-relative, `/`-separated).
   * Returns the dropped routes' patterns.
   */
  invalidate(files: Iterable<string>): string[];
  clear(): void;
}

interface Entry {
  pattern: string;
  files: ReadonlySet<string>;
  /** The route's layout and page modules the result came from (the runner's module objects). */
  modules: readonly RouteModule[];
  state: Promise<RouteParamsState>;
}

export function createDevParamsCache(options: DevParamsCacheOptions = {}): DevParamsCache {
  const entries = new Map<string, Entry>();

  async function compute(route: Route, load: LoadModule): Promise<RouteParamsState> {
    const started = performance.now();
    const config = await routeConfig(route, load);
    const kind = await prerenderKind(route, config, load);
    let pathnames: Set<string> | null = null;
    let open: readonly string[] = [];
    const generated = new Set<string>();
    if (kind === 'generated') {
      pathnames = new Set();
      const walk = generateRouteParams(route, {
        load,
        onCall: options.onCall,
        onWarning: options.onWarning,
        onPartial: (event) => {
          open = event.open;
          generated.add(generatedKey(route, event.open, event.params));
        },
      });
      for await (const page of walk) pathnames.add(page.pathname);
    }
    const state: RouteParamsState = { config, kind, pathnames, open, generated };
    options.onGenerated?.(route, state, performance.now() - started);
    return state;
  }

  return {
    async get(route, load) {
      // The layouts are part of the key: adding one gives the route a new chain.
      const files = configFiles(route);
      const key = files.join('\0');
      // An edit to a route file or anything it imports makes Vite's module runner evaluate the
      // file again, so its module object changes: that is what invalidates, even when a request
      // arrives between the file event and the runner's update.
      const modules = await Promise.all(files.map((file) => load(file)));
      const cached = entries.get(key);
      if (cached && cached.modules.every((mod, i) => mod === modules[i])) return cached.state;
      const entry: Entry = { pattern: route.pattern, files: new Set(files), modules, state: compute(route, load) };
      entries.set(key, entry);
      // A failure is not kept: the next visit calls the chain again (after the fix, usually).
      entry.state.catch(() => {
        if (entries.get(key) === entry) entries.delete(key);
      });
      return entry.state;
    },
    invalidate(files) {
      const changed = new Set(files);
      const dropped: string[] = [];
      for (const [key, entry] of entries) {
        if ([...entry.files].some((f) => changed.has(f))) {
          entries.delete(key);
          dropped.push(entry.pattern);
        }
      }
      return dropped;
    },
    clear() {
      entries.clear();
    },
  };
}
