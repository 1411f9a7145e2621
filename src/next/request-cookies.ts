/**
 * The object `cookies()` from `next/headers` returns: the request's cookies, read-only in pages,
 * layouts and `generateMetadata` (their response has started by the time they run), writable in
 * route handlers, where `set()` and `delete()` become `Set-Cookie` headers on the handler's
 * response and later reads in the same handler see them.
 */
import { kilnError } from '../errors.ts';
import type { HandlerScope } from '../render/handler-scope.ts';
import { RequestCookies, ResponseCookies, type ResponseCookie } from './server.ts';

export interface RequestCookie {
  name: string;
  value: string;
}

type CookieOptions = Omit<ResponseCookie, 'name' | 'value'>;

/** What one handler has written so far; shared by every `cookies()` call while it runs. */
interface Writes {
  response: ResponseCookies;
  /** name → value set, or null when deleted. */
  overlay: Map<string, string | null>;
}

const writesByScope = new WeakMap<HandlerScope, Writes>();

export class CookieStore {
  readonly #read: RequestCookies;
  readonly #writes: Writes | null;

  /** `handler` is the route handler this store may write for; null in a render. */
  constructor(cookieHeader: string | null, handler: HandlerScope | null) {
    this.#read = new RequestCookies(cookieHeader);
    let writes: Writes | null = null;
    if (handler) {
      writes = writesByScope.get(handler) ?? { response: new ResponseCookies(handler.cookieHeaders), overlay: new Map() };
      writesByScope.set(handler, writes);
    }
    this.#writes = writes;
  }

  get(name: string | { name: string }): RequestCookie | undefined {
    const key = typeof name === 'string' ? name : name.name;
    const written = this.#writes?.overlay.get(key);
    if (written === null) return undefined;
    if (written !== undefined) return { name: key, value: written };
    return this.#read.get(key);
  }

  getAll(name?: string | { name: string }): RequestCookie[] {
    const all = new Map(this.#read.getAll().map((c) => [c.name, c.value] as const));
    for (const [key, value] of this.#writes?.overlay ?? []) {
      if (value === null) all.delete(key);
      else all.set(key, value);
    }
    const wanted = typeof name === 'object' ? name.name : name;
    return [...all]
      .filter(([key]) => wanted === undefined || key === wanted)
      .map(([key, value]) => ({ name: key, value }));
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  get size(): number {
    return this.getAll().length;
  }

  set(name: string | ResponseCookie, value?: string, options?: CookieOptions): this {
    const writes = this.#writable('set');
    const cookie: ResponseCookie = typeof name === 'string' ? { ...options, name, value: value ?? '' } : name;
    writes.response.set(cookie);
    writes.overlay.set(cookie.name, cookie.value);
    return this;
  }

  delete(name: string | Omit<ResponseCookie, 'value' | 'expires'>): this {
    const writes = this.#writable('delete');
    const cookie = typeof name === 'string' ? { name } : name;
    writes.response.set({ path: '/', ...cookie, value: '', expires: new Date(0) });
    writes.overlay.set(cookie.name, null);
    return this;
  }

  toString(): string {
    return this.getAll()
      .map((c) => `${c.name}=${encodeURIComponent(c.value)}`)
      .join('; ');
  }

  [Symbol.iterator](): IterableIterator<[string, RequestCookie]> {
    return this.getAll()
      .map((c): [string, RequestCookie] => [c.name, c])
      [Symbol.iterator]();
  }

  #writable(method: string): Writes {
    if (this.#writes) return this.#writes;
    throw kilnError('NEXT_COOKIES_READONLY', { method });
  }
}
