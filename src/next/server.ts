/**
 * `next/server` for route handlers and middleware: `NextRequest` and `NextResponse` over the Web
 * `Request` and `Response`, with `nextUrl` and `cookies`, and `NextResponse.next()` / `rewrite()`.
 */
import { addBasePath, stripBasePath, urlConfig } from '../client/config.ts';
import { MIDDLEWARE_NEXT, MIDDLEWARE_OVERRIDE, MIDDLEWARE_REQUEST_PREFIX, MIDDLEWARE_REWRITE } from './middleware-headers.ts';

export class RequestCookies {
  readonly #map = new Map<string, string>();

  constructor(header: string | null) {
    for (const part of (header ?? '').split(';')) {
      const eq = part.indexOf('=');
      if (eq === -1) continue;
      const name = part.slice(0, eq).trim();
      if (!name || this.#map.has(name)) continue;
      this.#map.set(name, safeDecode(part.slice(eq + 1).trim()));
    }
  }

  get(name: string | { name: string }): { name: string; value: string } | undefined {
    const key = typeof name === 'string' ? name : name.name;
    const value = this.#map.get(key);
    return value === undefined ? undefined : { name: key, value };
  }

  getAll(name?: string): Array<{ name: string; value: string }> {
    const all = [...this.#map].map(([n, value]) => ({ name: n, value }));
    return name === undefined ? all : all.filter((c) => c.name === name);
  }

  has(name: string): boolean {
    return this.#map.has(name);
  }

  get size(): number {
    return this.#map.size;
  }
}

export interface ResponseCookie {
  name: string;
  value: string;
  domain?: string;
  path?: string;
  expires?: Date | number;
  maxAge?: number;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: 'strict' | 'lax' | 'none' | boolean;
  partitioned?: boolean;
}

/** Writes `Set-Cookie` headers on the response it belongs to. */
export class ResponseCookies {
  readonly #headers: Headers;
  readonly #set = new Map<string, ResponseCookie>();

  constructor(headers: Headers) {
    this.#headers = headers;
  }

  set(name: string | ResponseCookie, value?: string, options: Omit<ResponseCookie, 'name' | 'value'> = {}): this {
    const cookie: ResponseCookie = typeof name === 'string' ? { ...options, name, value: value ?? '' } : name;
    this.#set.set(cookie.name, cookie);
    this.#write();
    return this;
  }

  delete(name: string): this {
    return this.set(name, '', { expires: new Date(0), path: '/' });
  }

  get(name: string): ResponseCookie | undefined {
    return this.#set.get(name);
  }

  getAll(): ResponseCookie[] {
    return [...this.#set.values()];
  }

  has(name: string): boolean {
    return this.#set.has(name);
  }

  #write(): void {
    this.#headers.delete('set-cookie');
    for (const cookie of this.#set.values()) this.#headers.append('set-cookie', serialize(cookie));
  }
}

function serialize(c: ResponseCookie): string {
  const parts = [`${c.name}=${encodeURIComponent(c.value)}`];
  if (c.domain) parts.push(`Domain=${c.domain}`);
  parts.push(`Path=${c.path ?? '/'}`);
  if (c.expires !== undefined) parts.push(`Expires=${new Date(c.expires).toUTCString()}`);
  if (c.maxAge !== undefined) parts.push(`Max-Age=${Math.floor(c.maxAge)}`);
  if (c.httpOnly) parts.push('HttpOnly');
  if (c.secure) parts.push('Secure');
  if (c.sameSite) parts.push(`SameSite=${c.sameSite === true ? 'Strict' : c.sameSite[0].toUpperCase() + c.sameSite.slice(1)}`);
  if (c.partitioned) parts.push('Partitioned');
  return parts.join('; ');
}

/** next.config's URL settings a `NextURL` reads; the app's own (`import.meta.env`) by default. */
export interface NextUrlConfig {
  basePath?: string;
  trailingSlash?: boolean;
}

/**
 * The request URL with Next.js's extras. As in Next.js, `pathname` is the app's path, without
 * next.config's `basePath` (`/docs/blog` reads `/blog`; `/docs` reads `/`), and setting it keeps
 * the base path in `href`; `basePath` says which base path the URL had ('' when outside it).
 */
export class NextURL extends URL {
  #basePath: string;
  readonly #trailingSlash: boolean;

  constructor(input: string | URL, base?: string | URL | NextUrlConfig, config?: NextUrlConfig) {
    const givenConfig = typeof base === 'object' && !(base instanceof URL);
    super(input, givenConfig ? undefined : base);
    const options = (givenConfig ? base : config) ?? {};
    const basePath = options.basePath ?? urlConfig.basePath;
    this.#basePath = basePath !== '' && stripBasePath(super.pathname, basePath) !== null ? basePath : '';
    this.#trailingSlash = options.trailingSlash ?? urlConfig.trailingSlash;
  }

  override get pathname(): string {
    return stripBasePath(super.pathname, this.#basePath) ?? super.pathname;
  }

  override set pathname(value: string) {
    const path = value.startsWith('/') ? value : `/${value}`;
    super.pathname = addBasePath(path, this.#basePath, this.#trailingSlash);
  }

  get basePath(): string {
    return this.#basePath;
  }

  set basePath(value: string) {
    const path = this.pathname;
    this.#basePath = value;
    this.pathname = path;
  }

  /** Kiln has no i18n routing. */
  get locale(): string {
    return '';
  }
  get buildId(): string | undefined {
    return undefined;
  }
  override toString(): string {
    return this.href;
  }
  clone(): NextURL {
    return new NextURL(this.href, { basePath: this.#basePath, trailingSlash: this.#trailingSlash });
  }
}

export interface NextRequestInit extends RequestInit {
  /** As Next.js's own: the URL settings `nextUrl` reads, when not the app's. */
  nextConfig?: NextUrlConfig;
}

export class NextRequest extends Request {
  readonly nextUrl: NextURL;
  readonly cookies: RequestCookies;

  constructor(input: RequestInfo | URL, init?: NextRequestInit) {
    super(input, init);
    this.nextUrl = new NextURL(this.url, init?.nextConfig ?? {});
    this.cookies = new RequestCookies(this.headers.get('cookie'));
  }

  /** Not known to Kiln's server; as on Next.js hosts without the data. */
  get ip(): string | undefined {
    return undefined;
  }
  get geo(): Record<string, string> | undefined {
    return undefined;
  }
}

export class NextResponse<Body = unknown> extends Response {
  readonly cookies: ResponseCookies;
  declare readonly __body?: Body;

  constructor(body?: BodyInit | null, init?: ResponseInit) {
    super(body, init);
    this.cookies = new ResponseCookies(this.headers);
  }

  static override json<T>(body: T, init?: ResponseInit): NextResponse<T> {
    const headers = new Headers(init?.headers);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    return new NextResponse<T>(JSON.stringify(body), { ...init, headers });
  }

  static override redirect(url: string | URL, init?: number | ResponseInit): NextResponse {
    const status = typeof init === 'number' ? init : (init?.status ?? 307);
    const headers = new Headers(typeof init === 'object' ? init.headers : undefined);
    headers.set('location', String(url));
    return new NextResponse(null, { ...(typeof init === 'object' ? init : {}), status, headers });
  }

  /**
   * Middleware: serve `url` (a path of this app, or another origin) in place of the requested
   * URL, which the browser keeps showing.
   */
  static rewrite(url: string | URL, init?: MiddlewareResponseInit): NextResponse {
    const response = NextResponse.next(init);
    response.headers.delete(MIDDLEWARE_NEXT);
    response.headers.set(MIDDLEWARE_REWRITE, String(url));
    return response;
  }

  /**
   * Middleware: go on to the page, with this response's headers (cookies set here included)
   * added to its response, and `request.headers`, when given, as the headers the page reads.
   */
  static next(init?: MiddlewareResponseInit): NextResponse {
    const headers = new Headers(init?.headers);
    headers.set(MIDDLEWARE_NEXT, '1');
    const requestHeaders = init?.request?.headers;
    if (requestHeaders) {
      const given = new Headers(requestHeaders);
      const names: string[] = [];
      given.forEach((value, name) => {
        names.push(name);
        headers.set(`${MIDDLEWARE_REQUEST_PREFIX}${name}`, value);
      });
      headers.set(MIDDLEWARE_OVERRIDE, names.join(','));
    }
    return new NextResponse(null, { status: init?.status ?? 200, statusText: init?.statusText, headers });
  }
}

export interface MiddlewareResponseInit extends ResponseInit {
  /** The headers the request goes on with (`new Headers(request.headers)` changed). */
  request?: { headers?: HeadersInit };
}

/** Parses a user agent the way apps commonly need: bot detection and the raw string. */
export function userAgent(request: { headers: Headers }): { ua: string; isBot: boolean } {
  const ua = request.headers.get('user-agent') ?? '';
  return { ua, isBot: /bot|crawl|spider|slurp|bingpreview|mediapartners/i.test(ua) };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
