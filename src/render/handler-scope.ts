/**
 * The request a route handler (`route.ts`) is answering, for `headers()` and `cookies()` called
 * anywhere beneath it, and the cookies it sets through `cookies().set()`, which are added to its
 * response as `Set-Cookie` headers. Route handlers are the one place Next.js lets `cookies()`
 * write (besides Server Actions, which Kiln does not run).
 *
 * Held on globalThis, as the render store is, so every copy of this module in one process (the
 * built bundle's, the dev server's) shares one storage.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface HandlerScope {
  request: Request;
  /** Collects the `Set-Cookie` headers `cookies().set()` and `.delete()` write. */
  cookieHeaders: Headers;
}

const STORAGE = Symbol.for('kiln.handlerScope');
const g = globalThis as typeof globalThis & { [STORAGE]?: AsyncLocalStorage<HandlerScope> };
const storage = (g[STORAGE] ??= new AsyncLocalStorage<HandlerScope>());

export function currentHandlerScope(): HandlerScope | undefined {
  return storage.getStore();
}

/** Runs a handler; its `cookies().set()` calls land on the Response it returns. */
export async function runInHandlerScope(request: Request, run: () => Promise<Response>): Promise<Response> {
  const scope: HandlerScope = { request, cookieHeaders: new Headers() };
  const response = await storage.run(scope, run);
  return withSetCookies(response, scope.cookieHeaders.getSetCookie());
}

/**
 * `response` with `cookies` appended as `Set-Cookie`. `Response.redirect()` and fetched responses
 * have immutable headers: those are copied into a new Response.
 */
function withSetCookies(response: Response, cookies: readonly string[]): Response {
  if (cookies.length === 0) return response;
  try {
    for (const cookie of cookies) response.headers.append('set-cookie', cookie);
    return response;
  } catch {
    const headers = new Headers(response.headers);
    for (const cookie of cookies) headers.append('set-cookie', cookie);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
}
