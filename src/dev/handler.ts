/**
 * `kiln dev`'s request handler: `kiln start`'s request handling over live modules. Requests are
 * classified with the production server's own functions (so the same paths answer 400, the same
 * trailing slashes redirect, the same payload URLs are recognised, and next.config's `basePath`
 * and `trailingSlash` shape URLs the same way), matched with the app's route tree, and rendered on
 * every request: nothing is cached but generateStaticParams results, which decide the 404s of
 * `dynamicParams = false` routes exactly as the build's prerendered list does.
 *
 * It takes public URLs (base path included), as the browser sends them.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pageAnswer } from '../output/page-answer.ts';
import { generatedKey, withClientSegmentConfig } from '../params/index.ts';
import { href, type Params } from '../routing/index.ts';
import type { Route } from '../routing/types.ts';
import type { RenderResult, RscEntry } from '../render/types.ts';
import { toResponse } from '../server/handler.ts';
import { parseTarget, splitUrl } from '../server/paths.ts';
import { badRequest, HTML, methodNotAllowed, plainNotFound, redirect, type Reply } from '../server/replies.ts';
import { publicPath, wantsTrailingSlash, withinBasePath, type UrlLayout } from '../output/url-layout.ts';
import { DEV_ERROR_CONTENT_TYPE } from '../render/dev-error.ts';
import { isOutdatedDependency } from './app-entry.ts';
import { describeError, type DevErrorInfo } from './error-info.ts';
import { errorJson, errorPageHtml } from './error-page.ts';
import { serveDevMetadata } from './metadata.ts';
import { kilnError } from '../errors.ts';
import { NO_RULES, type RequestRules } from '../output/request-rules.ts';
import { normaliseMatcher } from '../server/middleware.ts';
import { looksLikePayloadUrl, pathnameOfPayloadUrl } from '../output/payload-url.ts';
import { createRequestGate, throughGate, type GateInput, type RequestGate } from '../server/request-gate.ts';
import { provideImageRenderer } from '../next/og-node.ts';
import type { DevParamsCache } from './params-cache.ts';

export interface DevHandlerDeps {
  root: string;
  entry(): Promise<RscEntry>;
  params: DevParamsCache;
  /** Forget evaluated server modules; the request is then retried once. */
  reset(): void;
  /** Maps a user's stack back to the source for display. */
  cleanStack?: (stack: string) => string;
  onError(info: DevErrorInfo, error: unknown): void;
  /** next.config's redirects, rewrites and headers, as `kiln start` applies them from the build. */
  rules?: RequestRules;
}

type Format = 'html' | 'rsc';

/** Pages change with every edit: never let the browser reuse one. */
const NO_STORE = 'no-store';

export function createDevHandler(deps: DevHandlerDeps): (request: Request) => Promise<Response> {
  // next/og draws with Kiln's own image library, loaded by Node rather than through Vite.
  provideImageRenderer();
  // A "use client" page's segment config is only in its source, and counts as a server module's.
  const readSource = (file: string): Promise<string> => readFile(path.join(deps.root, file), 'utf8');
  const gates = devGates(deps.rules ?? NO_RULES);

  return async (request) => {
    const { pathname: requested, search } = splitUrl(request.url);
    let gate: RequestGate | null;
    try {
      gate = await gates(await guarded(() => deps.entry()));
    } catch (error) {
      return failed(error, requested, looksLikePayloadUrl(requested) ? 'rsc' : 'html', null, request);
    }
    if (gate === null) return handle(request);
    const input: GateInput = { method: request.method, requested, search, header: (name) => request.headers.get(name), request: () => request };
    try {
      const entry = await deps.entry();
      return await throughGate(
        gate,
        input,
        (to, query, changed) => handle(movedRequest(changed ?? request, to, query)),
        (to) => isStaticPage(entry, to),
      );
    } catch (error) {
      return failed(error, requested, looksLikePayloadUrl(requested) ? 'rsc' : 'html', null, request);
    }
  };

  async function handle(request: Request): Promise<Response> {
    const { pathname: requested, search } = splitUrl(request.url);
    // The base path lives in the entry (next.config as Vite read it). An entry that fails to
    // load (a route tree that does not build) is shown for the URL as requested, as JSON to the
    // payload requests the dev overlay makes.
    let layout: UrlLayout;
    try {
      layout = await guarded(() => deps.entry().then((entry) => entry.urlConfig));
    } catch (error) {
      return failed(error, requested, looksLikePayloadUrl(requested) ? 'rsc' : 'html', null, request);
    }
    const head = request.method === 'HEAD';
    const read = head || request.method === 'GET';
    // A target with no path at all is left for parseTarget to refuse (400), as in production.
    const within = requested.startsWith('/') ? withinBasePath(requested, layout.basePath) : { path: requested, rootSlash: false };
    if (within === null) return read ? servePage(request, null, requested, 'html', false, '') : toResponse(methodNotAllowed(head));
    const pathname = within.path;
    const target = parseTarget(pathname);
    switch (target.kind) {
      case 'bad':
        return toResponse(badRequest(head, target.reason));
      case 'none':
      // Build assets do not exist in dev (Vite serves sources), so `/_kiln/assets/…` only reaches here when missing.
      case 'asset':
        return read ? servePage(request, null, pathname, 'html', false, '') : toResponse(methodNotAllowed(head));
      case 'payload':
        return servePage(request, target.path, target.path, 'rsc', false, search);
      case 'page': {
        if (read && !target.trailingSlash) {
          // Metadata files (favicon.ico, robots.txt, …) have URLs no page has.
          try {
            const metadata = await guarded(async () => serveDevMetadata(await deps.entry(), deps.root, target.path, head));
            if (metadata !== null) return metadata;
          } catch (error) {
            return failed(error, pathname, 'html', null, request);
          }
        }
        const slash = pathname === '/' ? within.rootSlash : target.trailingSlash;
        return servePage(request, target.path, target.path, 'html', slash, search);
      }
    }
  }

  /** Runs `run`, once more after `reset()` when Vite re-bundled a dependency under it. */
  async function guarded<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (!isOutdatedDependency(error)) throw error;
      deps.reset();
      return run();
    }
  }

  /**
   * `routable` is the app path to match (base path taken off), or null for a URL that can only be
   * the not-found page; `shown` is the path in error messages. `slash`: the URL ended in `/`.
   */
  async function servePage(
    request: Request,
    routable: string | null,
    shown: string,
    format: Format,
    slash: boolean,
    search: string,
  ): Promise<Response> {
    const current = { route: null as Route | null };
    try {
      return await guarded(() => attempt(request, routable, shown, format, slash, search, current));
    } catch (error) {
      return failed(error, shown, format, current.route, request);
    }
  }

  async function attempt(
    request: Request,
    routable: string | null,
    path: string,
    format: Format,
    slash: boolean,
    search: string,
    current: { route: Route | null },
  ): Promise<Response> {
    const head = request.method === 'HEAD';
    const read = head || request.method === 'GET';
    const entry = await deps.entry();
    if (routable === null) return notFound(entry, path, format, head);
    const found = entry.match(routable);
    if (found.kind === 'malformed') return toResponse(badRequest(head, found.reason));
    if (found.kind === 'none') return read ? notFound(entry, path, format, head) : toResponse(methodNotAllowed(head));
    const { route, params } = found;
    current.route = route;
    const canonical = href(route, params);
    const layout = entry.urlConfig;
    if (format === 'html' && slash !== wantsTrailingSlash(canonical, layout)) {
      return toResponse(redirect(publicPath(canonical, layout) + search));
    }
    // The handler gets the request as it came, so its `request.url` is the public one. Only its
    // GET and HEAD are restricted to generated params, as in production.
    if (route.type === 'handler') {
      if (format === 'rsc') return reply(plainNotFound(head));
      if (!read) return entry.handler(request);
    }
    if (!read) return toResponse(methodNotAllowed(head));

    // In dev the visit is what calls generateStaticParams; a path outside its list is a 404
    // when dynamicParams is false, as the production server answers for a path with no file.
    // Open segments (no gSP fills them) are not restricted: only the values generated for the others are.
    const state = await deps.params.get(route, withClientSegmentConfig(entry.load, readSource));
    if (state.pathnames !== null && !state.config.dynamicParams && !state.pathnames.has(canonical)) {
      const generated = state.open.length > 0 && state.generated.has(generatedKey(route, state.open, params));
      // The not-found page nearest to the route, inside its layouts, as `kiln start` renders it.
      if (!generated) return notFound(entry, path, format, head, { route, params });
    }
    if (route.type === 'handler') return entry.handler(request);
    // Nothing is cached in dev: every page answers its own request, which headers() and cookies() read.
    return rendered(await entry.renderPath({ route, params, pathname: canonical, request }), format, head);
  }

  async function notFound(entry: RscEntry, path: string, format: Format, head: boolean, within?: { route: Route; params: Params }): Promise<Response> {
    // The production server answers payload requests with a plain 404 and pages with 404.html.
    if (format === 'rsc') return reply(plainNotFound(head));
    return rendered(await entry.renderNotFound(path, within), 'html', head);
  }

  function failed(error: unknown, path: string, format: Format, route: Route | null, request: Request): Response {
    const info = describeError(error, { root: deps.root, pathname: path, route: route?.pattern ?? null, cleanStack: deps.cleanStack });
    deps.onError(info, error);
    const head = request.method === 'HEAD';
    const body = format === 'html' ? errorPageHtml(info) : errorJson(info);
    return new Response(head ? null : body, {
      status: 500,
      headers: { 'content-type': format === 'html' ? HTML : DEV_ERROR_CONTENT_TYPE, 'cache-control': NO_STORE },
    });
  }
}

/** A rendered page as it answers (see output/page-answer.ts), never cached. */
function rendered(result: RenderResult, format: Format, head: boolean): Response {
  const body = format === 'html' ? result.html : result.rsc;
  const answer = pageAnswer(result, format);
  const headers: Record<string, string> = { 'content-type': answer.contentType, 'cache-control': NO_STORE };
  if (answer.location !== undefined) headers.location = answer.location;
  return new Response(head ? null : (body as Uint8Array<ArrayBuffer>), { status: answer.status, headers });
}

function reply(r: Reply): Response {
  r.headers['cache-control'] = NO_STORE;
  return toResponse(r);
}

/**
 * The request gate for the app as it is now: the rules from next.config and the middleware file
 * the entry has (which an edit may add or remove), compiled again only when those change.
 */
function devGates(rules: RequestRules): (entry: RscEntry) => Promise<RequestGate | null> {
  let key: string | undefined;
  let gate: RequestGate | null = null;
  return async (entry) => {
    const middleware = entry.middleware;
    const written = middleware ? await middleware.matcher() : undefined;
    const matchers = middleware ? normaliseMatcher(written) : [];
    if (middleware && matchers === null) throw kilnError('MIDDLEWARE_MATCHER_INVALID', { file: middleware.file, value: written });
    const nextKey = JSON.stringify([entry.urlConfig.basePath, middleware?.file ?? null, matchers]);
    if (nextKey !== key) {
      key = nextKey;
      gate = createRequestGate({
        basePath: entry.urlConfig.basePath,
        rules,
        middleware: middleware ? { file: middleware.file, matchers: matchers ?? [], run: (request) => middleware.run(request) } : null,
      });
    }
    return gate;
  };
}

function movedRequest(request: Request, requested: string, search: string): Request {
  const url = new URL(request.url);
  if (url.pathname === requested && url.search === search) return request;
  url.pathname = requested;
  url.search = search;
  return new Request(url, request);
}

/** A path (base path included, or a payload URL) of a route without dynamic segments. */
function isStaticPage(entry: RscEntry, requested: string): boolean {
  const within = withinBasePath(requested, entry.urlConfig.basePath);
  if (within === null) return false;
  const found = entry.match(pathnameOfPayloadUrl(within.path) ?? within.path);
  return found.kind === 'found' && !found.route.pattern.includes('[');
}
