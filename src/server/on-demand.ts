/**
 * Everything `kiln start` serves that the build did not settle for good (segment config decides):
 * pages of `dynamicParams` routes rendered on first request and cached, ISR (stale pages served
 * at once while one background regeneration runs), pages invalidated by `revalidatePath`,
 * per-request pages, and route handlers. It never calls generateStaticParams: the build's files
 * under `pages/` say what was prerendered, the cache holds what was rendered since.
 *
 * One render per page at a time: in this process through single flight, across instances
 * through the cache handler's lock (the other instances wait for the entry, or skip a
 * background regeneration someone else is doing).
 */
import { pageAnswer } from '../output/page-answer.ts';
import { isWholeNumber, kilnError } from '../errors.ts';
import { decodeResponseFile, isStoredStatus, storedResponse } from '../render/response-file.ts';
import { href } from '../routing/index.ts';
import type { MatchResult, Params } from '../routing/index.ts';
import type { ServerRenderer } from './bundle-renderer.ts';
import type { CacheEntry, CacheHandler } from './cache-handler.ts';
import { CACHE_NONE, CACHE_STATUS_HEADER, pageCacheControl, type CacheStatus } from './cache-control.ts';
import { readAll, weakEtag, type Bytes, type FileSource, type StaticFile } from './file-source.ts';
import { hasTagMarks, markedAt, markFor, taggedAt, tagMark } from './marks.ts';
import { decodePageTags } from '../render/page-tags.ts';
import { PAGE_HTML_EXT, PAGE_RSC_EXT, PAGE_TAGS_EXT, pageFileInPages, PAGES_DIR, RESPONSE_EXT } from '../output/page-files.ts';
import { createRegenerator, type Regenerator } from './regenerate.ts';
import type { ManifestRedirect } from '../output/manifest.ts';
import { CACHE_PAGE, etagMatches, fileReply, HTML, pageRedirect, RSC, type Reply } from './replies.ts';
import { registerRevalidator, withRevalidation, type Revalidate } from './revalidate-path.ts';
import { rendersOnDemand, type ServerRoute } from './routes.ts';
import { createSingleFlight } from './single-flight.ts';

export type PageFormat = 'html' | 'rsc';

export interface OnDemandOptions {
  cache: CacheHandler;
  /** Resolved once, on first need; null when the build has no server bundle. */
  renderer: () => Promise<ServerRenderer | null>;
  files: FileSource;
  /** The server's matcher and route patterns, to canonicalise `revalidatePath` arguments. */
  match: (pathname: string) => MatchResult;
  patterns: ReadonlySet<string>;
  /** The handler's not-found answer. */
  notFound: (head: boolean, format: PageFormat) => Reply;
  /** A prerendered page that redirects (the manifest's `redirects`), by canonical path. */
  prerenderedRedirect?: (path: string) => ManifestRedirect | undefined;
  /** Background regenerations in flight at most. */
  maxRegenerations?: number;
  /** How long one instance may hold a page's render lock; also how long others wait for it. */
  lockTtlMs?: number;
  /** Origin of the synthetic requests that regenerate route handlers' responses. */
  origin?: string;
  /** next.config's `basePath` (from the manifest): those requests carry it, as a browser's do. */
  basePath?: string;
  now?: () => number;
  /** A regeneration failed (the error names the path); the last good page keeps being served. */
  onError: (error: unknown) => void;
}

export interface PageRequest {
  route: ServerRoute;
  params: Params;
  format: PageFormat;
  method: string;
  ifNoneMatch: string | null;
  request: () => Request;
}

export interface OnDemandServer {
  /** The answer for a matched page or route-handler request; null for "not here" (404/405). */
  serve(req: PageRequest): Promise<Reply | Response | null>;
  /** `revalidatePath` for this server. */
  revalidate: Revalidate;
  /** Resolves when no background regeneration runs or waits. */
  idle(): Promise<void>;
  /** Stops scheduling, lets running regenerations finish, closes the cache handler. */
  close(): Promise<void>;
}

/** What a page is served from: a file the build wrote, or a cache entry. */
type Current = { createdAt: number; file: StaticFile; entry?: undefined } | { createdAt: number; entry: CacheEntry; file?: undefined };

interface Target {
  key: string;
  kind: 'page' | 'handler';
  route: ServerRoute;
  params: Params;
}

const DEFAULT_LOCK_TTL_MS = 30_000;

export function createOnDemand(options: OnDemandOptions): OnDemandServer {
  const { cache, files, notFound } = options;
  const now = options.now ?? Date.now;
  const lockTtlMs = options.lockTtlMs ?? DEFAULT_LOCK_TTL_MS;
  const origin = options.origin ?? 'http://localhost';
  for (const [key, value] of [['maxRegenerations', options.maxRegenerations], ['lockTtlMs', options.lockTtlMs]] as const) {
    if (value !== undefined && !isWholeNumber(value)) {
      throw kilnError('SERVER_OPTION_INVALID', { key, value, expected: 'a whole number of at least 1' });
    }
  }
  const flights = createSingleFlight<CacheEntry | null>();
  const regenerator: Regenerator = createRegenerator({
    max: options.maxRegenerations,
    onError: (_key, error) => options.onError(error),
  });

  let rendererPromise: Promise<ServerRenderer | null> | null = null;
  const renderer = (): Promise<ServerRenderer | null> => {
    if (rendererPromise === null) {
      const loading = options.renderer();
      rendererPromise = loading;
      // A failed import is retried by the next request rather than remembered.
      loading.catch(() => {
        if (rendererPromise === loading) rendererPromise = null;
      });
    }
    return rendererPromise;
  };

  const revalidate: Revalidate = async (path, type) => {
    await cache.mark(markFor(path, type, { patterns: options.patterns, match: options.match }), now());
  };
  const revalidateTag = async (tag: string): Promise<void> => {
    await cache.mark(tagMark(tag), now());
  };
  const unregister = registerRevalidator(revalidate, options.onError, revalidateTag);

  // ── rendering ────────────────────────────────────────────────────────────────────────────────

  async function renderEntry(t: Target): Promise<CacheEntry> {
    const r = await renderer();
    if (!r) throw kilnError('INTERNAL', { file: t.route.entry.file, reason: 'no server bundle to render with' });
    const createdAt = now();
    if (t.kind === 'page') {
      const page = await r.renderPage(t.route.entry.file, t.params, t.key);
      const headers: Record<string, string> = page.location === undefined ? {} : { location: page.location };
      const entry: CacheEntry = { createdAt, status: page.status, headers, body: page.html, rsc: page.rsc };
      if (page.tags && page.tags.length > 0) entry.tags = page.tags;
      return entry;
    }
    const request = new Request(new URL(`${options.basePath ?? ''}${t.key}`, origin), { method: 'GET' });
    const stored = await storedResponse(await withRevalidation(revalidate, () => r.callHandler(request)));
    return { createdAt, status: stored.status, headers: stored.headers, body: stored.body, rsc: null };
  }

  /**
   * Renders `t` under its lock. When another instance holds the lock, a background regeneration
   * gives up (that instance is doing it) and a blocking render waits for its entry, or for the
   * lock to come free (the other render gave nothing to store), or for the lock to expire. The
   * result is stored when it is worth keeping: a 200, a redirect, or a page's 404 replacing a page
   * that existed (its data is gone). A handler's other answers where a response existed are a
   * failure, so the old one stays.
   */
  async function produce(t: Target, background: boolean, good: (e: CacheEntry) => boolean, hadPage: boolean): Promise<CacheEntry | null> {
    let lock = await cache.lock(t.key, lockTtlMs);
    if (lock === null) {
      if (background) return null;
      const deadline = performance.now() + lockTtlMs;
      for (let delay = 10; lock === null && performance.now() < deadline; delay = Math.min(delay * 2, 200)) {
        await new Promise((resolve) => setTimeout(resolve, delay));
        const entry = await cache.get(t.key);
        if (entry && good(entry)) return entry;
        lock = await cache.lock(t.key, lockTtlMs);
      }
      // Still held after a whole lock lifetime: its holder is gone or stuck; render here.
    }
    try {
      // Another instance may have stored it between this request's lookup and the lock.
      const latest = await cache.get(t.key);
      if (latest && good(latest)) return latest;
      const entry = await renderEntry(t);
      // A page's redirect is what the page renders to, cached like its HTML would be; a handler's
      // redirect is kept as the build keeps it.
      const keep =
        t.kind === 'handler'
          ? isStoredStatus(entry.status)
          : entry.status === 200 || isRedirect(entry.status) || (hadPage && entry.status === 404);
      if (keep) await cache.set(t.key, entry);
      else if (hadPage) {
        throw kilnError('SERVER_HANDLER_STATUS', {
          file: t.route.entry.file,
          route: t.route.entry.pattern,
          path: t.key,
          status: entry.status,
        });
      }
      return entry;
    } finally {
      await lock?.release();
    }
  }

  /** A render the request waits for, shared with every concurrent request for the page. */
  async function renderShared(t: Target, good: (e: CacheEntry) => boolean, hadPage: boolean): Promise<CacheEntry> {
    // A request may join a flight that began before the mark it needs to be past, or a
    // background one that found another instance busy: then it asks again.
    for (let attempt = 0; attempt < 3; attempt++) {
      const entry = await flights.run(t.key, () => produce(t, false, good, hadPage));
      if (entry && good(entry)) return entry;
    }
    const entry = await produce(t, false, good, hadPage);
    return entry!;
  }

  function scheduleRegeneration(t: Target, current: Current, good: (e: CacheEntry) => boolean): void {
    regenerator.schedule(t.key, async () => {
      try {
        await flights.run(t.key, () => produce(t, true, good, true));
      } catch (error) {
        throw regenerationFailed(t, current, error);
      }
    });
  }

  function regenerationFailed(t: Target, current: Current, error: unknown): Error {
    const { entry } = t.route;
    return kilnError(
      'SERVER_REGENERATION_FAILED',
      { path: t.key, route: entry.pattern, file: entry.file, servedAt: current.createdAt, cause: error },
      { cause: error },
    );
  }

  // ── reading what exists ──────────────────────────────────────────────────────────────────────

  async function prerendered(t: Target, format: PageFormat): Promise<Current | null> {
    const name = t.kind === 'handler' ? RESPONSE_EXT : format === 'html' ? PAGE_HTML_EXT : PAGE_RSC_EXT;
    const file = await files.open(PAGES_DIR, pageFileInPages(t.key, name));
    if (file === null) return null;
    if (t.kind === 'page') return { createdAt: file.mtimeMs, file };
    const stored = decodeResponseFile(await readAll(file));
    if (stored === null) return null;
    return { createdAt: file.mtimeMs, entry: { createdAt: file.mtimeMs, ...stored, rsc: null } };
  }

  function discard(current: Current | null): void {
    current?.file?.close();
  }

  // ── answering ────────────────────────────────────────────────────────────────────────────────

  function reply(req: PageRequest, t: Target, current: Current, status: CacheStatus): Reply {
    const head = req.method === 'HEAD';
    const cacheControl = pageCacheControl(t.route.entry.revalidate);
    let result: Reply;
    const moved = current.file && t.kind === 'page' && req.format === 'html' ? options.prerenderedRedirect?.(t.key) : undefined;
    if (current.file && moved) {
      result = pageRedirect(moved.status, moved.location, head, current.file, cacheControl);
    } else if (current.file) {
      result = fileReply(current.file, head, req.ifNoneMatch, req.format === 'html' ? HTML : RSC, cacheControl);
    } else if (t.kind === 'page') {
      const e = current.entry;
      const answer = pageAnswer({ status: e.status, location: e.headers.location }, req.format);
      const bytes = (req.format === 'rsc' ? e.rsc : e.body) ?? new Uint8Array(0);
      result =
        answer.location !== undefined
          ? pageRedirect(answer.status, answer.location, head, e.body as Bytes, cacheControl)
          : entryReply(answer.status, bytes, e.createdAt, {}, answer.contentType, cacheControl, head, req.ifNoneMatch);
    } else {
      const e = current.entry;
      result = entryReply(e.status, e.body ?? new Uint8Array(0), e.createdAt, e.headers, e.headers['content-type'], cacheControl, head, req.ifNoneMatch);
    }
    result.headers[CACHE_STATUS_HEADER] = status;
    return result;
  }

  async function servePerRequest(req: PageRequest, t: Target): Promise<Reply | null> {
    const r = await renderer();
    if (!r) return null;
    // Rendered for this request alone: headers() and cookies() read it.
    const page = await r.renderPage(t.route.entry.file, t.params, t.key, req.request());
    const bytes = req.format === 'html' ? page.html : page.rsc;
    const head = req.method === 'HEAD';
    const answer = pageAnswer(page, req.format);
    if (answer.location !== undefined) return pageRedirect(answer.status, answer.location, head, page.html as Bytes, CACHE_NONE);
    return {
      status: answer.status,
      headers: {
        'content-type': answer.contentType,
        'content-length': String(bytes.byteLength),
        'cache-control': CACHE_NONE,
        'x-content-type-options': 'nosniff',
      },
      body: head ? null : (bytes as Bytes),
    };
  }

  /**
   * 404 for params a dynamicParams = false route does not have: its nearest not-found page,
   * rendered per request when that is not the root one (which the build prerendered).
   */
  async function nearestNotFound(req: PageRequest, t: Target): Promise<Reply> {
    const head = req.method === 'HEAD';
    const r = t.kind === 'page' && req.format === 'html' ? await renderer() : null;
    const page = r?.renderNotFound ? await r.renderNotFound(t.route.entry.file, t.params, t.key) : null;
    if (page === null) return notFound(head, req.format);
    return {
      status: 404,
      headers: {
        'content-type': HTML,
        'content-length': String(page.html.byteLength),
        'cache-control': CACHE_PAGE,
        'x-content-type-options': 'nosniff',
      },
      body: head ? null : (page.html as Bytes),
    };
  }

  /**
   * When a `revalidateTag` mark covers the page served from `current`: the entry's tags, or for a
   * build's file the tags the build wrote beside it. Read only once some tag has been marked.
   */
  async function taggedMark(marks: ReadonlyMap<string, number>, t: Target, current: Current): Promise<number> {
    if (!hasTagMarks(marks)) return 0;
    if (current.entry) return taggedAt(marks, current.entry.tags ?? []);
    const file = await files.open(PAGES_DIR, pageFileInPages(t.key, PAGE_TAGS_EXT));
    if (file === null) return 0;
    return taggedAt(marks, decodePageTags(await readAll(file)));
  }

  async function serveCached(req: PageRequest, t: Target): Promise<Reply | null> {
    const { entry: manifest } = t.route;
    const revalidate = manifest.revalidate;
    const marks = await cache.marks();
    let marked = markedAt(marks, t.key, manifest.pattern);

    let current: Current | null;
    if (revalidate === false && marked === 0) {
      // Never stale by time and never invalidated: the build's file is the page.
      current = await prerendered(t, req.format);
      if (current) {
        marked = await taggedMark(marks, t, current);
        if (marked === 0) return reply(req, t, current, 'HIT');
        // A tag of the build's page was marked: a render since then, if any, is the page now.
        const cached = await cache.get(t.key);
        if (cached) {
          discard(current);
          current = { createdAt: cached.createdAt, entry: cached };
          marked = await taggedMark(marks, t, current);
        }
      } else {
        const cached = await cache.get(t.key);
        current = cached && { createdAt: cached.createdAt, entry: cached };
        if (current) marked = await taggedMark(marks, t, current);
      }
    } else {
      const cached = await cache.get(t.key);
      current = cached ? { createdAt: cached.createdAt, entry: cached } : await prerendered(t, req.format);
      if (current) marked = Math.max(marked, await taggedMark(marks, t, current));
    }

    if (current === null) {
      if (!rendersOnDemand(t.route, t.params)) return nearestNotFound(req, t);
      if ((await renderer()) === null) return notFound(req.method === 'HEAD', req.format);
      const entry = await renderShared(t, () => true, false);
      return reply(req, t, { createdAt: entry.createdAt, entry }, 'MISS');
    }

    if (current.createdAt < marked) {
      if ((await renderer()) === null) return reply(req, t, current, 'STALE');
      try {
        const entry = await renderShared(t, (e) => e.createdAt >= marked, true);
        discard(current);
        return reply(req, t, { createdAt: entry.createdAt, entry }, 'MISS');
      } catch (error) {
        options.onError(regenerationFailed(t, current, error));
        return reply(req, t, current, 'STALE');
      }
    }

    if (revalidate !== false && now() - current.createdAt >= revalidate * 1000) {
      const fresh = (e: CacheEntry): boolean => e.createdAt >= marked && now() - e.createdAt < revalidate * 1000;
      scheduleRegeneration(t, current, fresh);
      return reply(req, t, current, 'STALE');
    }
    return reply(req, t, current, 'HIT');
  }

  return {
    revalidate,

    async serve(req) {
      const { route, entry } = req.route;
      const read = req.method === 'GET' || req.method === 'HEAD';
      if (entry.type === 'handler' && (!read || entry.kind === 'dynamic')) {
        const r = await renderer();
        if (!r) return null;
        return withRevalidation(revalidate, () => r.callHandler(req.request()));
      }
      if (!read) return null;
      const t: Target = { key: href(route, req.params), kind: entry.type, route: req.route, params: req.params };
      if (entry.kind === 'dynamic') return servePerRequest(req, t);
      return serveCached(req, t);
    },

    idle: () => regenerator.idle(),

    async close() {
      unregister();
      regenerator.stop();
      await regenerator.idle();
      await cache.close();
    },
  };
}

function isRedirect(status: number): boolean {
  return status === 307 || status === 308;
}

function entryReply(
  status: number,
  bytes: Uint8Array,
  createdAt: number,
  stored: Record<string, string>,
  contentType: string | undefined,
  cacheControl: string,
  head: boolean,
  ifNoneMatch: string | null,
): Reply {
  const etag = weakEtag(bytes.byteLength, createdAt);
  if (status === 200 && ifNoneMatch !== null && etagMatches(ifNoneMatch, etag)) {
    return { status: 304, headers: { etag, 'cache-control': cacheControl }, body: null };
  }
  const headers: Record<string, string> = { ...stored };
  if (contentType !== undefined) headers['content-type'] = contentType;
  headers['content-length'] = String(bytes.byteLength);
  headers['cache-control'] = cacheControl;
  headers.etag = etag;
  headers['x-content-type-options'] = 'nosniff';
  return { status, headers, body: head ? null : (bytes as Bytes) };
}
