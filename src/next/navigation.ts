/**
 * `next/navigation` for Kiln apps.
 *
 * - `notFound()` works in server components, `generateMetadata` and client components.
 * - `usePathname`, `useParams`, `useSearchParams` read the page being shown, provided by Kiln's
 *   ssr and browser roots; `useRouter` navigates with full page loads until the client router
 *   lands. `redirect()` is not supported yet.
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
 * `next/navigation`, `kiln/navigation` or a bundled copy, and all must mean the same thing.
 */
export function isNotFoundError(error: unknown): error is NotFoundError {
  if (typeof error !== 'object' || error === null) return false;
  const digest = (error as { digest?: unknown }).digest;
  // Next 15+ spells it `NEXT_HTTP_ERROR_FALLBACK;404`; accept both.
  return digest === NOT_FOUND_DIGEST || digest === 'NEXT_HTTP_ERROR_FALLBACK;404';
}

export interface NavigationState {
  /** The encoded pathname of the page shown. */
  pathname: string;
  params: Params;
  /** The query string without `?` ('' when prerendering). */
  search: string;
}

type Ctx = React.Context<NavigationState | null>;
const CONTEXT = Symbol.for('kiln.navigationContext');
function context(): Ctx {
  // One context per realm even if this module is duplicated across chunks.
  const g = globalThis as typeof globalThis & { [CONTEXT]?: Ctx };
  return (g[CONTEXT] ??= React.createContext<NavigationState | null>(null));
}

export function NavigationProvider({ value, children }: { value: NavigationState; children?: ReactNode }): ReactNode {
  return React.createElement(context().Provider, { value }, children);
}

function useNavigation(hook: string): NavigationState {
  const state = React.useContext(context());
  if (!state) throw new Error(`${hook}() works only in client components rendered by Kiln.`);
  return state;
}

export function usePathname(): string {
  return useNavigation('usePathname').pathname;
}

export function useParams<P extends Params = Params>(): P {
  return useNavigation('useParams').params as P;
}

export function useSearchParams(): URLSearchParams {
  const { search } = useNavigation('useSearchParams');
  return React.useMemo(() => new URLSearchParams(search), [search]);
}

export interface AppRouter {
  push(href: string): void;
  replace(href: string): void;
  back(): void;
  forward(): void;
  refresh(): void;
  prefetch(href: string): void;
}

const router: AppRouter = {
  push: (href) => window.location.assign(href),
  replace: (href) => window.location.replace(href),
  back: () => window.history.back(),
  forward: () => window.history.forward(),
  refresh: () => window.location.reload(),
  prefetch: () => {},
};

export function useRouter(): AppRouter {
  return router;
}
