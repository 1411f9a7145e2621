/**
 * `next/dynamic`: a component loaded on first render, as React's `lazy()` inside `<Suspense>`,
 * with the `loading` component as the fallback. `ssr: false` renders the fallback on the server
 * and during hydration, and the component only in the browser (in a client component, as in
 * Next.js). Works in server and client components.
 */
import { createElement, lazy, Suspense, useSyncExternalStore, type ComponentType, type ReactNode } from 'react';

export interface DynamicOptionsLoadingProps {
  error?: Error | null;
  isLoading?: boolean;
  pastDelay?: boolean;
  retry?: () => void;
  timedOut?: boolean;
}

type Loaded<P> = ComponentType<P> | { default: ComponentType<P> };

export interface DynamicOptions<P> {
  loading?: (props: DynamicOptionsLoadingProps) => ReactNode;
  ssr?: boolean;
  /** Pages Router form: accepted for compatibility. */
  loader?: () => Promise<Loaded<P>>;
}

export default function dynamic<P extends object = object>(
  load: (() => Promise<Loaded<P>>) | DynamicOptions<P>,
  options: DynamicOptions<P> = {},
): ComponentType<P> {
  const opts = typeof load === 'function' ? options : { ...load, ...options };
  const loader = typeof load === 'function' ? load : load.loader;
  if (!loader) throw new TypeError('next/dynamic needs a function that imports the component, e.g. dynamic(() => import("./chart")).');
  const Lazy = lazy(async () => {
    const loaded = await loader();
    return { default: typeof loaded === 'object' && loaded !== null && 'default' in loaded ? loaded.default : (loaded as ComponentType<P>) };
  });
  const Loading = opts.loading;
  function Dynamic(props: P): ReactNode {
    const fallback = Loading ? createElement(Loading, { isLoading: true, pastDelay: true, error: null }) : null;
    const content = createElement(Suspense, { fallback }, createElement(Lazy as ComponentType<P>, props));
    return opts.ssr === false ? createElement(BrowserOnly, { fallback }, content) : content;
  }
  return Dynamic;
}

const subscribeNever = (): (() => void) => () => {};

/** The fallback on the server and while hydrating; the children once in the browser. */
function BrowserOnly({ fallback, children }: { fallback: ReactNode; children?: ReactNode }): ReactNode {
  const server = useSyncExternalStore(subscribeNever, () => false, () => true);
  return server ? fallback : children;
}
