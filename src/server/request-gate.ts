/**
 * What a request goes through before Kiln looks for its page, in the order Next.js applies it:
 * next.config's `headers()` (added to whatever answers), `redirects()`, the middleware, then
 * `rewrites()`'s `beforeFiles`. `kiln start` and `kiln dev` both pass every request through here;
 * the `afterFiles` and `fallback` rewrites are asked for by the caller once it knows the path is
 * not one of the app's files or static pages, or matches nothing.
 */
import { hasRules, type ManifestMiddleware, type RequestRules } from '../output/request-rules.ts';
import { pathnameOfPayloadUrl, payloadUrl } from '../output/payload-url.ts';
import { withinBasePath } from '../output/url-layout.ts';
import { compileMatcher, decodeMiddlewareAnswer } from './middleware.ts';
import { compileRules, type RequestFacts, type RewritePhase } from './request-rules.ts';
import { toResponse, type Reply } from './replies.ts';

export interface GateInput {
  method: string;
  /** The path as requested, base path included. */
  requested: string;
  search: string;
  header(name: string): string | null;
  /** The full Web request (built on first use). */
  request(): Request;
}

export type GateResult =
  /** Answered here: a redirect rule, or the middleware's own response. */
  | { kind: 'answer'; response: Response }
  /** To another origin (a rewrite): the caller fetches it. */
  | { kind: 'external'; url: string; headers: Array<[string, string]> }
  /**
   * Go on with this path (base path included) and search; add `headers` to the answer; when the
   * middleware changed the request's headers, `request` is the request to render with.
   */
  | { kind: 'continue'; requested: string; search: string; headers: Array<[string, string]>; request: Request | null };

export interface RequestGate {
  pass(input: GateInput): Promise<GateResult>;
  /** The `afterFiles` or `fallback` rewrite of a path that went on, or null. */
  rewriteLate(phase: Exclude<RewritePhase, 'beforeFiles'>, input: GateInput): { requested: string; search: string } | { external: string } | null;
}

export interface GateOptions {
  basePath: string;
  rules: RequestRules;
  middleware: (ManifestMiddleware & { run(request: Request): Promise<Response | undefined> }) | null;
}

/** Null when the app has neither rules nor middleware: requests skip the gate entirely. */
export function createRequestGate(options: GateOptions): RequestGate | null {
  const { basePath, middleware } = options;
  if (!hasRules(options.rules) && middleware === null) return null;
  const rules = compileRules(options.rules, basePath);
  const matches = middleware ? compileMatcher(middleware.matchers) : () => false;

  const factsOf = (input: GateInput): RequestFacts => {
    const within = withinBasePath(input.requested, basePath);
    return {
      // Outside the base path only `basePath: false` rules can match; give them nothing else.
      pathname: within === null ? '\0outside' : within.path,
      fullPathname: input.requested,
      search: input.search,
      header: input.header,
    };
  };
  const inBase = (pathname: string): string => (basePath === '' ? pathname : pathname === '/' ? basePath : `${basePath}${pathname}`);

  /**
   * A payload request (client navigation) is judged as the page it stands for: a page that
   * rewrites serves the rewritten page's payload, and one that a redirect or the middleware
   * answers gets a 404 payload, on which the client loads the page as a document and meets the
   * answer there.
   */
  const asPage = (input: GateInput): { page: GateInput; payload: boolean } => {
    const within = withinBasePath(input.requested, basePath);
    const page = within === null ? null : pathnameOfPayloadUrl(within.path);
    if (page === null) return { page: input, payload: false };
    // The middleware sees the page's URL, as Next.js gives it for a client navigation.
    const requested = inBase(page);
    let pageRequest: Request | undefined;
    const request = (): Request => (pageRequest ??= withPath(input.request(), requested));
    return { page: { ...input, requested, request }, payload: true };
  };
  const asPayload = (requested: string): string => inBase(payloadUrl(withinBasePath(requested, basePath)?.path ?? '/'));

  return {
    async pass(given) {
      const { page, payload } = asPage(given);
      const passed = await passPage(page);
      if (!payload) return passed;
      if (passed.kind !== 'continue') return { kind: 'answer', response: notFoundPayload() };
      return { ...passed, requested: asPayload(passed.requested) };
    },
    rewriteLate(phase, given) {
      const { page, payload } = asPage(given);
      const found = rules.rewrite(phase, factsOf(page));
      if (found === null) return null;
      if (found.kind === 'external') return payload ? null : { external: found.url };
      const requested = inBase(found.pathname);
      return { requested: payload ? asPayload(requested) : requested, search: found.search };
    },
  };

  async function passPage(input: GateInput): Promise<GateResult> {
    const facts = factsOf(input);
    const headers = rules.headers(facts);
    const moved = rules.redirect(facts);
    if (moved) {
      return { kind: 'answer', response: withHeaders(new Response(null, { status: moved.status, headers: { location: moved.location } }), headers) };
    }
    let requested = input.requested;
    let search = input.search;
    let request: Request | null = null;
    if (middleware && matches(facts)) {
      const outcome = decodeMiddlewareAnswer(await middleware.run(input.request()));
      if (outcome.kind === 'respond') return { kind: 'answer', response: withHeaders(outcome.response, headers) };
      headers.push(...outcome.headers);
      if (outcome.requestHeaders) request = withRequestHeaders(input.request(), outcome.requestHeaders);
      if (outcome.kind === 'rewrite') {
        const target = new URL(outcome.url, 'http://kiln.invalid');
        const own = outcome.url.startsWith('/') || target.host === (input.header('host') ?? '');
        if (!own) return { kind: 'external', url: outcome.url, headers };
        requested = target.pathname;
        search = target.search;
      }
    }
    const early = rules.rewrite('beforeFiles', factsOf({ ...input, requested, search }));
    if (early?.kind === 'external') return { kind: 'external', url: early.url, headers };
    if (early) {
      requested = inBase(early.pathname);
      search = early.search;
    }
    return { kind: 'continue', requested, search, headers, request };
  }
}

/**
 * A request through the gate and on to `serve`, the one way in that `kiln start` and `kiln dev`
 * share (they differ only in `serve` and `isFileOrStaticPage`): the gate's own answers; rewrites
 * to another origin fetched; `afterFiles` rewrites for a path that is no file or static page (they
 * come before the dynamic routes); `fallback` rewrites after a 404; and the rules' and the
 * middleware's headers on whatever answers. `request` is the middleware's, when it changed the
 * request's headers.
 */
export async function throughGate<A extends Reply | Response>(
  gate: RequestGate,
  input: GateInput,
  serve: (requested: string, search: string, request: Request | null) => Promise<A>,
  isFileOrStaticPage: (requested: string) => boolean | Promise<boolean>,
): Promise<A | Response> {
  const passed = await gate.pass(input);
  if (passed.kind === 'answer') return passed.response;
  if (passed.kind === 'external') return withHeaders(await fetchExternal(passed.url, input.request()), passed.headers);
  const went = { ...input, requested: passed.requested, search: passed.search };
  const late = async (phase: 'afterFiles' | 'fallback'): Promise<A | Response | null> => {
    const found = gate.rewriteLate(phase, went);
    if (found === null) return null;
    if ('external' in found) return fetchExternal(found.external, passed.request ?? input.request());
    return serve(found.requested, found.search, passed.request);
  };
  let answer = (await isFileOrStaticPage(passed.requested)) ? null : await late('afterFiles');
  answer ??= await serve(passed.requested, passed.search, passed.request);
  if (answer.status === 404) answer = (await late('fallback')) ?? answer;
  return withHeaders(answer, passed.headers);
}

function notFoundPayload(): Response {
  return new Response('Not Found\n', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
}

/** The answer with the rules' and the middleware's headers added (`Set-Cookie` appended). */
export function withHeaders<T extends Reply | Response>(answer: T, extra: ReadonlyArray<[string, string]>): T | Response {
  if (extra.length === 0) return answer;
  if (!(answer instanceof Response) && !extra.some(([name]) => name === 'set-cookie')) {
    for (const [name, value] of extra) answer.headers[name] = value;
    return answer;
  }
  const response = answer instanceof Response ? answer : toResponse(answer);
  const headers = new Headers(response.headers);
  for (const [name, value] of extra) {
    if (name === 'set-cookie') headers.append(name, value);
    else headers.set(name, value);
  }
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/** The same request for another path (the query kept). */
function withPath(request: Request, pathname: string): Request {
  const url = new URL(request.url);
  url.pathname = pathname;
  return new Request(url, request);
}

function withRequestHeaders(request: Request, headers: Headers): Request {
  // The headers the middleware gave replace the request's own, as Next.js passes them on.
  return new Request(request, { headers });
}

/**
 * A rewrite to another origin: the request goes there as it came (method, headers, body), and
 * its answer comes back as is.
 */
export async function fetchExternal(url: string, request: Request): Promise<Response> {
  const headers = new Headers(request.headers);
  headers.delete('host');
  const init: RequestInit & { duplex?: 'half' } = { method: request.method, headers, redirect: 'manual' };
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    init.body = request.body;
    init.duplex = 'half';
  }
  const answer = await fetch(url, init);
  const out = new Headers(answer.headers);
  // fetch() has already decoded the body.
  out.delete('content-encoding');
  out.delete('content-length');
  return new Response(answer.body, { status: answer.status, statusText: answer.statusText, headers: out });
}
