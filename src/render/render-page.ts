/**
 * One render of one path: compose the tree, Flight to bytes, then HTML from those bytes. A
 * `notFound()` anywhere falls back to the nearest not-found file, one folder up at a time; any
 * other error fails the render with a catalog error naming the file, route, path and component
 * stack. Runs in the rsc environment; the Flight and HTML steps are passed in.
 */
import { kilnError, type KilnError } from '../errors.ts';
import { isNotFoundError, redirectInfo, type RedirectInfo } from '../next/navigation.ts';
import { routeConfig } from '../params/config.ts';
import type { DynamicMode, LoadModule } from '../params/types.ts';
import type { MatchResult, Params, Route, RouteLevel, RouteTree } from '../routing/types.ts';
import { blamedFile } from './blame.ts';
import { compose, type ChainLink, type ComposeInput } from './compose.tsx';
import { redirectDocument } from './redirect-page.ts';
import { createRenderStore, runWithStore } from './render-store.ts';
import type { HtmlResult, Payload, RenderInput, RenderResult } from './types.ts';

export interface PageRendererDeps {
  tree: RouteTree;
  load: LoadModule;
  match: (pathname: string) => MatchResult;
  /** Flight: payload → bytes; every error Flight reports is collected, none thrown. */
  flight: (payload: Payload) => Promise<{ bytes: Uint8Array; errors: unknown[] }>;
  html: (rsc: Uint8Array) => Promise<HtmlResult>;
  /**
   * A `redirect()` target as the `Location` header carries it (the base path and trailing-slash
   * convention applied to a local path); unchanged when absent.
   */
  publicHref?: (url: string) => string;
}

export interface PageRenderer {
  renderPath(input: RenderInput): Promise<RenderResult>;
  renderNotFound(pathname?: string): Promise<RenderResult>;
}

/** What the render store starts with: the request answered, the route's `dynamic` option. */
interface RenderContext {
  request?: Request;
  dynamic?: DynamicMode;
}

interface Attempt {
  status: 200 | 404;
  input: ComposeInput;
}

export function createPageRenderer(deps: PageRendererDeps): PageRenderer {
  const { tree, load } = deps;
  // The root folder as a level, for paths that match no route at all.
  const rootLevel: RouteLevel = { dir: tree.appDir, segment: null };
  if (tree.rootLayout) rootLevel.layout = tree.rootLayout;
  if (tree.notFound) rootLevel.notFound = tree.notFound;

  function notFoundAttempts(route: Route | null, levels: readonly RouteLevel[], params: Params): Attempt[] {
    const attempts: Attempt[] = [];
    for (let i = levels.length - 1; i >= 0; i--) {
      const file = levels[i].notFound;
      if (file) attempts.push({ status: 404, input: { route, levels: levels.slice(0, i + 1), leaf: { file, kind: 'not-found' }, params, load } });
    }
    // Kiln's own 404 inside the root layout, then bare, in case the root layout itself 404s.
    if (levels[0]?.layout) attempts.push({ status: 404, input: { route, levels: levels.slice(0, 1), leaf: { file: null, kind: 'not-found' }, params, load } });
    attempts.push({ status: 404, input: { route, levels: [], leaf: { file: null, kind: 'not-found' }, params: {}, load } });
    return attempts;
  }

  async function run(pathname: string, attempts: Attempt[], context: RenderContext = {}): Promise<RenderResult> {
    const store = createRenderStore();
    if (context.request) store.request = context.request;
    if (context.dynamic) store.dynamic = context.dynamic;
    return runWithStore(store, async () => {
      for (const attempt of attempts) {
        const result = await tryAttempt(pathname, attempt);
        if (!result) continue;
        if (store.dynamicFetch !== undefined) result.dynamicFetch = store.dynamicFetch;
        if (store.dynamicApi !== undefined) result.dynamicApi = store.dynamicApi;
        if (store.tags.size > 0) result.tags = [...store.tags].sort();
        if (store.fetchRevalidate !== undefined) result.revalidate = store.fetchRevalidate;
        return result;
      }
      // Unreachable: the last attempt renders only Kiln's own components.
      throw kilnError('INTERNAL', { reason: `every not-found fallback for ${pathname} called notFound()` });
    });
  }

  async function tryAttempt(pathname: string, attempt: Attempt): Promise<RenderResult | null> {
    const { route, params } = attempt.input;
    let chain: ChainLink[] = [];
    const fail = (error: unknown, phase: 'flight' | 'html', componentStack?: string): KilnError =>
      renderFailed({ error, phase, pathname, route, leafFile: attempt.input.leaf.file, chain, componentStack });
    let payload: Payload;
    try {
      const composition = await compose(attempt.input);
      chain = composition.chain;
      payload = { root: composition.element, pathname, params, status: attempt.status };
    } catch (error) {
      if (isNotFoundError(error)) return null;
      const to = redirectInfo(error);
      if (to) return redirected(pathname, params, to);
      throw fail(error, 'flight');
    }
    const { bytes, errors } = await deps.flight(payload);
    const failure = errors.find((e) => !isNotFoundError(e) && !redirectInfo(e));
    if (failure !== undefined) throw fail(failure, 'flight');
    if (errors.length > 0) {
      // The first notFound()/redirect() thrown decides, as the first would have stopped a page.
      const to = redirectInfo(errors[0]);
      return to ? redirected(pathname, params, to) : null;
    }

    let html: HtmlResult;
    try {
      html = await deps.html(bytes);
    } catch (error) {
      const to = redirectInfo(error);
      if (to) return redirected(pathname, params, to);
      throw fail(error, 'html');
    }
    if (!html.ok) {
      if (isNotFoundError(html.error)) return null;
      // A client component that redirects while rendering on the server.
      const to = redirectInfo(html.error);
      if (to) return redirected(pathname, params, to);
      throw fail(html.error, 'html', html.componentStack);
    }
    return { status: attempt.status, html: html.html, rsc: bytes };
  }

  const dynamicModes = new WeakMap<Route, Promise<DynamicMode | undefined>>();

  /**
   * The route's `dynamic` option, which `headers()` and `cookies()` obey during the render. A
   * module that fails to load or has a bad config is left for the render to report, with the
   * file and the component stack.
   */
  function dynamicMode(route: Route): Promise<DynamicMode | undefined> {
    // Built modules never change: read each route's config once, not once per page. In dev an
    // edit may change it, so it is read every time.
    const kept = import.meta.env.DEV ? undefined : dynamicModes.get(route);
    if (kept) return kept;
    const mode = routeConfig(route, load).then(
      (config) => config.dynamic,
      () => undefined,
    );
    if (!import.meta.env.DEV) dynamicModes.set(route, mode);
    return mode;
  }

  /** A page that redirects: no tree, a payload the client router follows, a meta-refresh document. */
  async function redirected(pathname: string, params: Params, to: RedirectInfo): Promise<RenderResult> {
    const payload: Payload = { root: null, pathname, params, status: to.status, redirect: to.url };
    const { bytes, errors } = await deps.flight(payload);
    if (errors.length > 0) throw kilnError('INTERNAL', { reason: `the redirect payload of ${pathname} failed to serialise` });
    const location = headerSafe(deps.publicHref ? deps.publicHref(to.url) : to.url);
    return { status: to.status, html: redirectDocument(location), rsc: bytes, location };
  }

  return {
    async renderPath(input) {
      let route: Route | null = null;
      let params: Params = {};
      const pathname = typeof input === 'string' ? input : input.pathname;
      const context: RenderContext = {};
      if (typeof input === 'string') {
        const found = deps.match(input);
        // A route handler's URL has no page: rendered as not found.
        if (found.kind === 'found' && found.route.type === 'page') ({ route, params } = found);
      } else {
        ({ route, params } = input);
        if (input.request) context.request = input.request;
      }
      if (!route) return run(pathname, notFoundAttempts(null, [rootLevel], {}), context);
      context.dynamic = await dynamicMode(route);
      const page: Attempt = {
        status: 200,
        input: { route, levels: route.levels, leaf: { file: route.file, kind: 'page' }, params, load },
      };
      return run(pathname, [page, ...notFoundAttempts(route, route.levels, params)], context);
    },
    renderNotFound(pathname = '/404') {
      return run(pathname, notFoundAttempts(null, [rootLevel], {}));
    },
  };
}

/**
 * A header value holds printable ASCII only: anything else (`redirect('/café')`, a stray CR/LF)
 * is percent-encoded, as a browser would encode it when following the link.
 */
function headerSafe(url: string): string {
  return url.replace(/[^\x21-\x7e]+/g, (run) => encodeURIComponent(run));
}

function renderFailed(o: {
  error: unknown;
  phase: 'flight' | 'html';
  pathname: string;
  route: Route | null;
  leafFile: string | null;
  chain: ChainLink[];
  componentStack?: string;
}): KilnError {
  const file = blamedFile(o.error) ?? o.leafFile ?? o.route?.file ?? '(kiln default not-found)';
  // Server components leave no React component stack in production; the chain of app files
  // from the failing one to the root layout stands in for it.
  let stack = o.componentStack;
  if (!stack) {
    const from = Math.max(0, o.chain.findIndex((l) => l.file === file));
    stack = o.chain
      .slice(from)
      .map((l) => `\n    at ${l.name} (${l.file})`)
      .join('');
  }
  const err = o.error as { message?: unknown; stack?: unknown } | null;
  const reason = typeof err?.message === 'string' ? err.message : String(o.error);
  return kilnError(
    'RENDER_FAILED',
    {
      file,
      route: o.route?.pattern ?? '(not found)',
      path: o.pathname,
      reason,
      componentStack: stack,
      stack: typeof err?.stack === 'string' ? err.stack : undefined,
      phase: o.phase,
    },
    { cause: o.error },
  );
}
