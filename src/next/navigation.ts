/**
 * `next/navigation` (also `kilnjs/navigation`) for Kiln apps.
 *
 * - `notFound()` works in server components, `generateMetadata` and client components.
 * - `redirect()` / `permanentRedirect()` throw an error Next.js libraries recognise (same digest
 *   format); Kiln's browser root follows one thrown while a client component renders.
 * - `usePathname`, `useParams`, `useSearchParams` read the page being shown, provided by Kiln's
 *   ssr and browser roots; `useRouter` is Kiln's client router (full page loads where there is
 *   none, e.g. during server rendering).
 *
 * Server components import this module too, under React's server build, which has no
 * `createContext`/`useContext`: both are reached lazily so importing it there is safe.
 */
import * as React from 'react';
import type { ReactNode } from 'react';
import type { Params } from '../routing/types.ts';

/** The digest Next.js 13.5/14 uses, so libraries that test for it keep working. */
export const NOT_FOUND_DIGEST = 'NEXT_NOT_FOUND';

export interface NotFoundError extends Error {
  digest: typeof NOT_FOUND_DIGEST;
}

/** Stops rendering the current page; Kiln renders the nearest `not-found` file with status 404. */
export function notFound(): never {
  const error = new Error(NOT_FOUND_DIGEST) as NotFoundError;
  error.digest = NOT_FOUND_DIGEST;
  throw error;
}

/**
 * Recognised by `digest`, never by identity: the app may reach this module through
 * `next/navigation`, `kilnjs/navigation` or a bundled copy, and all must mean the same thing.
 */
export function isNotFoundError(error: unknown): error is NotFoundError {
  const digest = digestOf(error);
  // Next 15+ spells it `NEXT_HTTP_ERROR_FALLBACK;404`; accept both.
  return digest === NOT_FOUND_DIGEST || digest === 'NEXT_HTTP_ERROR_FALLBACK;404';
}

// ── redirect ────────────────────────────────────────────────────────────────────────────────

export const REDIRECT_DIGEST = 'NEXT_REDIRECT';

export enum RedirectType {
  push = 'push',
  replace = 'replace',
}

export interface RedirectInfo {
  /** The target as the app wrote it (a path, or an absolute URL). */
  url: string;
  /** 307 for `redirect()`, 308 for `permanentRedirect()`. */
  status: 307 | 308;
  /** How the client router enters the target into history. */
  type: RedirectType;
}

export interface RedirectError extends Error {
  digest: string;
}

/**
 * Stops rendering and sends the visitor to `url` (307). The digest is written as Next.js writes
 * it (`NEXT_REDIRECT;type;url;status;`) so code that inspects it keeps working.
 */
export function redirect(url: string, type: RedirectType | `${RedirectType}` = RedirectType.replace): never {
  throw redirectError(url, type as RedirectType, 307);
}

/** As `redirect()`, with status 308. */
export function permanentRedirect(url: string, type: RedirectType | `${RedirectType}` = RedirectType.replace): never {
  throw redirectError(url, type as RedirectType, 308);
}

function redirectError(url: string, type: RedirectType, status: 307 | 308): RedirectError {
  if (typeof url !== 'string' || url === '') {
    throw new TypeError(`redirect() needs a non-empty URL string; got ${JSON.stringify(url) ?? String(url)}.`);
  }
  const error = new Error(REDIRECT_DIGEST) as RedirectError;
  error.digest = `${REDIRECT_DIGEST};${type};${url};${status};`;
  return error;
}

/** The target of an error thrown by `redirect()` / `permanentRedirect()`, else null. */
export function redirectInfo(error: unknown): RedirectInfo | null {
  const digest = digestOf(error);
  if (typeof digest !== 'string' || !digest.startsWith(`${REDIRECT_DIGEST};`)) return null;
  const parts = digest.split(';');
  // The URL itself may hold ';': everything between the type and the trailing status is the URL.
  if (parts.length < 5) return null;
  const type = parts[1] === 'push' ? RedirectType.push : RedirectType.replace;
  const status = Number(parts[parts.length - 2]) === 308 ? 308 : 307;
  const url = parts.slice(2, -2).join(';');
  return url ? { url, status, type } : null;
}

export function isRedirectError(error: unknown): error is RedirectError {
  return redirectInfo(error) !== null;
}

function digestOf(error: unknown): unknown {
  if (typeof error !== 'object' || error === null) return undefined;
  return (error as { digest?: unknown }).digest;
}

// ── the page being shown ────────────────────────────────────────────────────────────────────

export interface NavigationState {
  /** The pathname of the page shown, without the base path. */
  pathname: string;
  params: Params;
  /** The query string without `?` ('' when prerendering). */
  search: string;
}

/** One context per realm even if this module is duplicated across chunks. */
function sharedContext<T>(name: string): React.Context<T | null> {
  const key = Symbol.for(name);
  const g = globalThis as typeof globalThis & Record<symbol, React.Context<T | null> | undefined>;
  return (g[key] ??= React.createContext<T | null>(null));
}

const navigationContext = () => sharedContext<NavigationState>('kiln.navigationContext');
const routerContext = () => sharedContext<KilnRouter>('kiln.routerContext');

export function NavigationProvider({ value, children }: { value: NavigationState; children?: ReactNode }): ReactNode {
  return React.createElement(navigationContext().Provider, { value }, children);
}

function useNavigation(hook: string): NavigationState {
  const state = React.useContext(navigationContext());
  if (!state) throw new Error(`${hook}() works only in client components rendered by Kiln.`);
  return state;
}

export function usePathname(): string {
  return useNavigation('usePathname').pathname;
}

export function useParams<P extends Params = Params>(): P {
  return useNavigation('useParams').params as P;
}

/** Read-only, as in Next.js: the mutating methods throw. */
export class ReadonlyURLSearchParams extends URLSearchParams {
  override append(): never {
    throw readonlyError();
  }
  override delete(): never {
    throw readonlyError();
  }
  override set(): never {
    throw readonlyError();
  }
  override sort(): never {
    throw readonlyError();
  }
}

function readonlyError(): Error {
  return new Error('The URLSearchParams from useSearchParams() are read-only; copy them with new URLSearchParams(params) to change them.');
}

export function useSearchParams(): ReadonlyURLSearchParams {
  const { search } = useNavigation('useSearchParams');
  return React.useMemo(() => new ReadonlyURLSearchParams(search), [search]);
}

// ── the router ──────────────────────────────────────────────────────────────────────────────

export interface NavigateOptions {
  /** Scroll to the top (or to the URL's #hash) after the new page shows. Default true. */
  scroll?: boolean;
}

export interface PrefetchOptions {
  /** Accepted for compatibility with Next.js; Kiln always prefetches the whole page payload. */
  kind?: unknown;
}

export interface AppRouter {
  push(href: string, options?: NavigateOptions): void;
  replace(href: string, options?: NavigateOptions): void;
  back(): void;
  forward(): void;
  refresh(): void;
  prefetch(href: string, options?: PrefetchOptions): void;
}

/**
 * Kiln's client router, as its browser root provides it. `push`/`replace`/`prefetch` take app
 * hrefs (the base path is added); `navigate` and `handles` take URLs as an anchor holds them.
 */
export interface KilnRouter extends AppRouter {
  /** True when `url` (absolute) is a page of this app that can show without a document load. */
  handles(url: string): boolean;
  navigate(url: string, options?: NavigateOptions & { replace?: boolean }): void;
  prefetchUrl(url: string): void;
}

export function RouterProvider({ value, children }: { value: KilnRouter; children?: ReactNode }): ReactNode {
  return React.createElement(routerContext().Provider, { value }, children);
}

/** The client router, or null where there is none (server rendering, a page outside Kiln). */
export function useKilnRouter(): KilnRouter | null {
  return React.useContext(routerContext());
}

/** Without a client router every navigation is a document load. */
const documentRouter: AppRouter = {
  push: (href) => window.location.assign(href),
  replace: (href) => window.location.replace(href),
  back: () => window.history.back(),
  forward: () => window.history.forward(),
  refresh: () => window.location.reload(),
  prefetch: () => {},
};

export function useRouter(): AppRouter {
  return useKilnRouter() ?? documentRouter;
}

export { useServerInsertedHTML } from '../client/server-inserted-html.ts';
