import { kilnError } from '../errors.ts';
import { href } from '../routing/index.ts';
import type { Params } from '../routing/index.ts';
import { contentTypeOf } from './content-types.ts';
import { cachedFiles, DEFAULT_FILE_CACHE, type FileCacheOptions } from './file-cache.ts';
import { readAll, type Bytes, type FileSource } from './file-source.ts';
import { MANIFEST_FILE, type ServerManifest } from '../output/manifest.ts';
import { parseManifest } from '../output/parse-manifest.ts';
import { ASSETS_DIR } from '../output/assets.ts';
import { NOT_FOUND_FILE, PAGE_HTML_EXT, PAGE_RSC_EXT, pageFileInPages, PAGES_DIR } from '../output/page-files.ts';
import { parseTarget, rawTargetProblem, splitUrl } from './paths.ts';
import {
  badRequest,
  bytesReply,
  CACHE_IMMUTABLE,
  CACHE_PAGE,
  CACHE_PUBLIC,
  fileReply,
  HTML,
  methodNotAllowed,
  pageRedirect,
  plainNotFound,
  redirect,
  RSC,
  serverError,
  toResponse,
  type Reply,
} from './replies.ts';
import { createRouteIndex, rendersOnDemand, type ServerRoute } from './routes.ts';
import { metadataPatternLookup } from './metadata-files.ts';
import { publicPath, wantsTrailingSlash, withinBasePath, type UrlLayout } from '../output/url-layout.ts';
import type { ServerRenderer } from './bundle-renderer.ts';
import { createRequestGate, throughGate, type GateInput } from './request-gate.ts';
import type { CacheConfig } from './cache-config.ts';
import type { OnDemandServer, PageFormat } from './on-demand.ts';

export type { PageFormat };

/**
 * On-demand rendering, ISR, revalidatePath and route handlers (what `kiln start` does beyond
 * serving files). Every field is optional: `{}` renders with the build's server bundle and keeps
 * pages in `<outDir>/cache`, or in Redis when `KILN_REDIS_URL` is set.
 */
export interface IsrOptions {
  /** Renders pages and calls route handlers; default the build's `server/rsc/index.js`. */
  renderer?: ServerRenderer | null;
  /** Which page cache (a handler, Redis, or a folder). */
  cache?: CacheConfig;
  /** Background regenerations in flight at most (`--max-regenerations`); default 4. */
  maxRegenerations?: number;
  /** How long a render may hold a page's lock, and others wait for it; default 30 s. */
  lockTtlMs?: number;
  /** The clock that ages pages (tests move it); default `Date.now`. */
  now?: () => number;
  /** Cache status changes (Redis unreachable, back again); default the console. */
  log?: (level: 'info' | 'warn', message: string) => void;
}

/**
 * Renders what has no prerendered file: a `dynamic` route, a path generateStaticParams did not
 * produce on a route with `dynamicParams` true, any request to a route handler, and non-GET
 * requests to pages. Returns null to answer 404. A bare hook for other runtimes and tests: `kiln
 * start` uses `isr` instead, which also caches and regenerates. Without either, those requests
 * answer 404 (405 for methods other than GET and HEAD).
 */
export type OnDemand = (
  route: ServerRoute,
  params: Params,
  request: Request,
  info: { format: PageFormat },
) => Promise<Response | null>;

export interface HandlerOptions {
  /** The build output folder (holds manifest.json, client/, pages/). */
  outDir: string;
  /** Where files come from; the Node file system over `outDir` by default. */
  files?: FileSource;
  onDemand?: OnDemand;
  /** Turns on on-demand rendering and ISR; takes the place of `onDemand`. Off when absent. */
  isr?: IsrOptions;
  /** In-memory cache of small files; false turns it off. */
  cache?: FileCacheOptions | false;
  /** Called with errors that became a 500 response. */
  onError?: (error: unknown) => void;
}

/** One request as the core needs it; adapters build it without constructing a `Request`. */
export interface RequestInput {
  method: string;
  /**
   * Absolute URL (`request.url`) or origin-form target (`/path?query`). When `raw` is true the
   * target is exactly as received, and `..` or backslashes in any spelling answer 400; a
   * normalised URL (every `Request`'s) has already had them resolved away.
   */
  target: string;
  raw: boolean;
  /** A request header by lower-case name. */
  header(name: string): string | null;
  /** The full Web request, built on first use: only on-demand rendering needs it. */
  request(): Request;
}

export type Handler = (request: Request) => Promise<Response>;

/** The handler's logic, shared by the Web handler and the Node adapter's direct path. */
export type ServerCore = (input: RequestInput) => Promise<Reply | Response>;

const CORE = Symbol.for('kiln.server.core');
const CLOSE = Symbol.for('kiln.server.close');
const ON_DEMAND = Symbol.for('kiln.server.onDemand');

/** The core behind a handler made by `createHandler`, for adapters that can skip `Response`. */
export function coreOf(handler: Handler): ServerCore | undefined {
  return (handler as Handler & { [CORE]?: ServerCore })[CORE];
}

/**
 * Releases what a handler made by `createHandler` holds (cache connections, regenerations in
 * flight, which finish first). A no-op for other handlers.
 */
export async function closeHandler(handler: Handler): Promise<void> {
  const core = coreOf(handler) as (ServerCore & { [CLOSE]?: () => Promise<void> }) | undefined;
  await core?.[CLOSE]?.();
}

/** The on-demand layer of a handler, for tests that wait for background regenerations. */
export function onDemandOf(handler: Handler): OnDemandServer | undefined {
  return (coreOf(handler) as (ServerCore & { [ON_DEMAND]?: OnDemandServer }) | undefined)?.[ON_DEMAND];
}

/**
 * The production request handler over a build output folder, as a Web-standard
 * `(Request) => Promise<Response>`. It reads the manifest once, then answers each request from
 * `client/` (assets, public files) or `pages/` (prerendered HTML and RSC payloads), or hands it to
 * the on-demand layer (`isr`: renders with the build's server bundle, ISR, route handlers) or the
 * bare `onDemand` hook. It never calls generateStaticParams.
 *
 * Trailing slashes: `/about/` answers 308 to the canonical `/about` (one URL per page, so relative
 * links and caches agree); `/` is the only page path that ends in a slash. With next.config's
 * `trailingSlash: true` (recorded in the manifest) it is the other way round: `/about` answers 308
 * to `/about/`, except file-like paths (`/feed.xml`). With a `basePath` every URL, assets and
 * payloads included, lives under it; anything outside answers 404.
 */
export async function createHandler(options: HandlerOptions): Promise<Handler> {
  const core = await createServerCore(options);
  const handler: Handler = async (request) => {
    const result = await core({
      method: request.method,
      target: request.url,
      raw: false,
      header: (name) => request.headers.get(name),
      request: () => request,
    });
    return result instanceof Response ? result : toResponse(result);
  };
  Object.defineProperty(handler, CORE, { value: core });
  return handler;
}

export { toResponse };

export async function createServerCore(options: HandlerOptions): Promise<ServerCore> {
  const outDir = options.outDir;
  const source = options.files ?? (await import('./files.ts')).nodeFiles(outDir);
  const files = options.cache === false ? source : cachedFiles(source, options.cache ?? DEFAULT_FILE_CACHE);
  const manifest = await loadManifest(source, outDir);
  const routes = createRouteIndex(manifest);
  const layout: UrlLayout = { basePath: manifest.basePath, trailingSlash: manifest.trailingSlash };
  const onDemand = options.onDemand;
  const onError = options.onError ?? ((error: unknown) => console.error(error));
  const pages = options.isr ? await createIsr(options.isr) : null;
  const gate = createRequestGate({
    basePath: layout.basePath,
    rules: manifest.rules,
    middleware: manifest.middleware ? { ...manifest.middleware, run: (request) => runMiddleware(request) } : null,
  });
  // The middleware runs in the server bundle, loaded with the first request that needs it.
  let middlewareRenderer: Promise<ServerRenderer | null> | undefined;
  async function runMiddleware(request: Request): Promise<Response | undefined> {
    middlewareRenderer ??= options.isr?.renderer !== undefined ? Promise.resolve(options.isr.renderer) : import('./bundle-renderer.ts').then((m) => m.loadBundleRenderer(outDir));
    const renderer = await middlewareRenderer;
    if (!renderer?.runMiddleware) throw kilnError('INTERNAL', { file: manifest.middleware?.file, reason: 'the build has middleware but its server bundle cannot run it' });
    return renderer.runMiddleware(request);
  }

  // Public files are few and fixed at build time: one Set lookup here instead of one failed open
  // per page request. Hashed assets and Vite's own metadata are not public files.
  const publicFiles = new Set(
    (await source.list('client')).filter((f) => !f.startsWith(`${ASSETS_DIR}/`) && !f.startsWith('.vite/')),
  );
  // Metadata files inside dynamic folders (blog/[slug]/opengraph-image.png) answer by pattern.
  const metadataFile = metadataPatternLookup(publicFiles);
  const notFoundFile = await source.open(PAGES_DIR, NOT_FOUND_FILE);
  const notFoundHtml: Bytes | null = notFoundFile ? await readAll(notFoundFile) : null;

  function notFound(head: boolean, format: PageFormat): Reply {
    if (format === 'rsc' || notFoundHtml === null) return plainNotFound(head);
    return bytesReply(404, head, notFoundHtml, HTML, CACHE_PAGE);
  }

  async function serveClientFile(input: RequestInput, head: boolean, rel: string, cacheControl: string): Promise<Reply> {
    const file = await files.open('client', rel);
    if (file === null) return notFound(head, 'html');
    return fileReply(file, head, input.header('if-none-match'), contentTypeOf(rel), cacheControl);
  }

  /** `slash`: the URL ended in `/` (for the app's root: `/docs/` rather than `/docs`). */
  async function servePage(
    input: RequestInput,
    read: boolean,
    head: boolean,
    path: string,
    format: PageFormat,
    slash: boolean,
    search: string,
  ): Promise<Reply | Response> {
    const match = routes.match(path);
    if (match.kind === 'malformed') return badRequest(head, match.reason);
    if (match.kind === 'none') return read ? notFound(head, format) : methodNotAllowed(head);
    const { route, params } = match;
    const canonical = href(route, params);
    if (format === 'html' && slash !== wantsTrailingSlash(canonical, layout)) return redirect(publicPath(canonical, layout) + search);

    const entry = routes.entryOf(route);
    if (entry.type === 'handler' && format === 'rsc') return notFound(head, format);
    if (pages) {
      const answer = await pages.serve({
        route: { route, entry },
        params,
        format,
        method: input.method,
        ifNoneMatch: input.header('if-none-match'),
        request: input.request,
      });
      if (answer !== null) return answer;
      return read ? notFound(head, format) : methodNotAllowed(head);
    }
    if (read && entry.type === 'page' && entry.kind !== 'dynamic') {
      // Canonical: every spelling of one value (`c++`, `c%2B%2B`, `c%2b%2b`) names one file.
      const name = format === 'html' ? PAGE_HTML_EXT : PAGE_RSC_EXT;
      const file = await files.open(PAGES_DIR, pageFileInPages(canonical, name));
      if (file !== null) {
        const moved = format === 'html' ? manifest.redirects.get(canonical) : undefined;
        if (moved) return pageRedirect(moved.status, moved.location, head, file, CACHE_PAGE);
        return fileReply(file, head, input.header('if-none-match'), format === 'html' ? HTML : RSC, CACHE_PAGE);
      }
      if (!rendersOnDemand({ route, entry }, params)) return notFound(head, format);
    }
    if (onDemand) {
      const response = await onDemand({ route, entry }, params, input.request(), { format });
      if (response !== null) return response;
    }
    return read ? notFound(head, format) : methodNotAllowed(head);
  }

  async function respond(input: RequestInput): Promise<Reply | Response> {
    const head = input.method === 'HEAD';
    if (input.raw) {
      const problem = rawTargetProblem(input.target);
      if (problem !== null) return badRequest(head, problem);
    }
    const { pathname: requested, search } = splitUrl(input.target);
    if (gate === null) return route(input, requested, search);
    const gateInput: GateInput = { method: input.method, requested, search, header: input.header, request: input.request };
    return throughGate(
      gate,
      gateInput,
      (to, query, request) => route(to === requested && query === search && request === null ? input : movedInput(input, to, query, request), to, query),
      isFileOrStaticPage,
    );
  }

  /** Answers a request from the build. */
  async function route(input: RequestInput, requested: string, search: string): Promise<Reply | Response> {
    const method = input.method;
    const head = method === 'HEAD';
    const read = head || method === 'GET';
    // A target with no path at all is left for parseTarget to refuse (400).
    const within = requested.startsWith('/') ? withinBasePath(requested, layout.basePath) : { path: requested, rootSlash: false };
    if (within === null) return read ? notFound(head, 'html') : methodNotAllowed(head);
    const pathname = within.path;
    const target = parseTarget(pathname);
    switch (target.kind) {
      case 'bad':
        return badRequest(head, target.reason);
      case 'none':
        return read ? notFound(head, 'html') : methodNotAllowed(head);
      case 'asset':
        return read ? serveClientFile(input, head, target.file, CACHE_IMMUTABLE) : methodNotAllowed(head);
      case 'payload':
        return servePage(input, read, head, target.path, 'rsc', false, search);
      case 'page': {
        const file = publicFileOf(target.publicFile);
        if (file !== null) return read ? serveClientFile(input, head, file, CACHE_PUBLIC) : methodNotAllowed(head);
        return servePage(input, read, head, target.path, 'html', pathname === '/' ? within.rootSlash : target.trailingSlash, search);
      }
    }
  }

  /** The `client/` file a page-like path names: a public file, or a metadata file kept by pattern. */
  function publicFileOf(publicFile: string | null): string | null {
    if (publicFile === null) return null;
    if (publicFiles.has(publicFile)) return publicFile;
    return metadataFile ? metadataFile(publicFile) : null;
  }

  /** Whether a path names one of the build's files or a route without dynamic segments. */
  function isFileOrStaticPage(requested: string): boolean {
    const within = withinBasePath(requested, layout.basePath);
    if (within === null) return false;
    const target = parseTarget(within.path);
    if (target.kind !== 'page' && target.kind !== 'payload') return true;
    if (target.kind === 'page' && publicFileOf(target.publicFile) !== null) return true;
    const found = routes.match(target.path);
    return found.kind === 'found' && !found.route.pattern.includes('[');
  }

  async function createIsr(isr: IsrOptions): Promise<OnDemandServer> {
    const [{ createOnDemand }, { createCacheHandler }, { loadBundleRenderer }] = await Promise.all([
      import('./on-demand.ts'),
      import('./cache-config.ts'),
      import('./bundle-renderer.ts'),
    ]);
    const log = isr.log ?? ((level: 'info' | 'warn', message: string) => console[level](`kiln: ${message}`));
    const cache = await createCacheHandler(isr.cache ?? {}, { outDir, buildId: manifest.buildId, log });
    log('info', `pages rendered on demand are cached in ${cache.name}`);
    const given = isr.renderer;
    return createOnDemand({
      cache,
      renderer: given !== undefined ? async () => given : () => loadBundleRenderer(outDir),
      files,
      match: routes.match,
      patterns: new Set(manifest.routes.map((r) => r.pattern)),
      notFound,
      prerenderedRedirect: (path) => manifest.redirects.get(path),
      basePath: manifest.basePath,
      maxRegenerations: isr.maxRegenerations,
      lockTtlMs: isr.lockTtlMs,
      now: isr.now,
      onError,
    });
  }

  const core: ServerCore = async (input) => {
    try {
      return await respond(input);
    } catch (error) {
      onError(error);
      return serverError(input.method === 'HEAD');
    }
  };
  Object.defineProperty(core, CLOSE, { value: async () => pages?.close() });
  if (pages) Object.defineProperty(core, ON_DEMAND, { value: pages });
  return core;
}

async function loadManifest(source: FileSource, outDir: string): Promise<ServerManifest> {
  const file = `${outDir.replace(/[\\/]+$/, '')}/${MANIFEST_FILE}`;
  const text = await source.readManifest();
  if (text === null) throw kilnError('SERVER_NO_BUILD', { dir: outDir, file });
  return parseManifest(text, file);
}

/** The request as it goes on after a rewrite or a middleware's new request headers. */
function movedInput(input: RequestInput, requested: string, search: string, request: Request | null): RequestInput {
  const base = request ?? input.request();
  const url = new URL(base.url);
  url.pathname = requested;
  url.search = search;
  const moved = new Request(url, base);
  return {
    method: input.method,
    target: `${requested}${search}`,
    raw: false,
    header: request ? (name) => request.headers.get(name) : input.header,
    request: () => moved,
  };
}
