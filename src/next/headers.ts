/**
 * `next/headers`: `headers()`, `cookies()` and `draftMode()`, each usable both as Next.js 15
 * (`await cookies()`) and as 13/14 (`cookies().get('x')`).
 *
 * They read the request being answered: in route handlers, in `kiln dev`, and in pages that
 * `kiln start` renders per request. A page the build prerenders has no request: calling
 * `headers()` or `cookies()` there makes the build render its route per request instead (λ),
 * unless the route says `export const dynamic = 'force-static'`, which reads them as empty (see
 * src/render/dynamic-api.ts). `cookies().set()` and `.delete()` work in route handlers only.
 *
 * `draftMode()` reports `isEnabled: false`: Kiln has no draft mode. `enable()` and `disable()` do
 * nothing (a one-line warning says so), so a handler written for Next.js still answers.
 */
import { kilnError } from '../errors.ts';
import { awaitable, type Awaitable } from '../render/awaitable.ts';
import { currentHandlerScope } from '../render/handler-scope.ts';
import { requestSource } from '../render/dynamic-api.ts';
import { CookieStore } from './request-cookies.ts';

export type { RequestCookie } from './request-cookies.ts';
export type ReadonlyRequestCookies = CookieStore;
export type UnsafeUnwrappedCookies = CookieStore;

/** Request headers, which no one may change. */
export class ReadonlyHeaders extends Headers {
  override append(_name: string, _value: string): never {
    return readonly('append');
  }
  override set(_name: string, _value: string): never {
    return readonly('set');
  }
  override delete(_name: string): never {
    return readonly('delete');
  }
}

export type UnsafeUnwrappedHeaders = ReadonlyHeaders;

function readonly(method: string): never {
  throw kilnError('NEXT_HEADERS_READONLY', { method });
}

export function headers(): Awaitable<ReadonlyHeaders> {
  const source = requestSource('headers()');
  return awaitable(new ReadonlyHeaders(source.kind === 'none' ? undefined : source.request.headers));
}

export function cookies(): Awaitable<CookieStore> {
  const source = requestSource('cookies()');
  const header = source.kind === 'none' ? null : source.request.headers.get('cookie');
  return awaitable(new CookieStore(header, source.kind === 'handler' ? (currentHandlerScope() ?? null) : null));
}

let warnedDraft = false;

export class DraftMode {
  get isEnabled(): boolean {
    return false;
  }
  enable(): void {
    warnDraft('enable');
  }
  disable(): void {
    warnDraft('disable');
  }
}

function warnDraft(method: string): void {
  if (warnedDraft) return;
  warnedDraft = true;
  console.warn(`draftMode().${method}() does nothing in Kiln: there is no draft mode, and isEnabled is always false.`);
}

export function draftMode(): Awaitable<DraftMode> {
  return awaitable(new DraftMode());
}
