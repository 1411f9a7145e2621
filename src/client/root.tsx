/**
 * The browser's root component: shows the router's current payload, provides the navigation
 * state and the router to the app's client components, and runs each navigation's history and
 * scroll work right after it is committed.
 */
import { startTransition, useLayoutEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { NavigationProvider, RouterProvider, type NavigationState } from '../next/navigation.ts';
import { RedirectBoundary } from './redirect-boundary.tsx';
import type { ClientRouter, RouterState } from './router.ts';

const subscribeNever = (): (() => void) => () => {};

export function BrowserRoot({ router }: { router: ClientRouter }): ReactNode {
  const [state, setState] = useState<RouterState>(router.getState);
  useLayoutEffect(() => router.attach((next) => startTransition(() => setState(next))), [router]);
  useLayoutEffect(() => router.committed(state), [router, state]);
  // The server rendered without the query string; hydrate with what it saw, then show the real one.
  const hydrating = useSyncExternalStore(subscribeNever, () => false, () => true);
  const { pathname, params } = state.payload;
  const search = hydrating ? '' : state.search.replace(/^\?/, '');
  const navigation = useMemo<NavigationState>(() => ({ pathname, params, search }), [pathname, params, search]);
  return (
    <RouterProvider value={router}>
      <NavigationProvider value={navigation}>
        <RedirectBoundary router={router}>{state.payload.root}</RedirectBoundary>
      </NavigationProvider>
    </RouterProvider>
  );
}
