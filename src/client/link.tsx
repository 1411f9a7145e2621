'use client';
/**
 * `<Link>` (`kilnjs/link`, `next/link`): an `<a>` whose clicks Kiln's client router handles, and
 * whose target payload is prefetched once the link scrolls into view. The `href` shown carries
 * the base path and the trailing-slash convention, so the link also works without JavaScript.
 * Clicks the browser should keep (a modifier key, another target, another origin, a download)
 * are left alone.
 */
import {
  Children,
  cloneElement,
  isValidElement,
  useCallback,
  useEffect,
  useRef,
  type AnchorHTMLAttributes,
  type MouseEvent,
  type ReactElement,
  type ReactNode,
  type Ref,
} from 'react';
import { useKilnRouter, type KilnRouter } from '../next/navigation.ts';
import { toPublicHref } from './config.ts';
import { formatHref, type UrlObject } from './href.ts';

export type { UrlObject } from './href.ts';

export interface LinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> {
  href: string | UrlObject;
  /** The URL shown and navigated to, when `href` is a route pattern (Pages Router style). */
  as?: string | UrlObject;
  /** Replace the current history entry instead of adding one. */
  replace?: boolean;
  /** Scroll to the top (or the #hash) after navigating. Default true. */
  scroll?: boolean;
  /** false: never prefetch. Anything else: prefetch when the link enters the viewport. */
  prefetch?: boolean | null | 'auto';
  /** Pages Router only; accepted and ignored. */
  shallow?: boolean;
  /** With `legacyBehavior`: pass `href` to the child. Accepted; the child always gets it. */
  passHref?: boolean;
  /** The child is the `<a>` (Next.js 12 style): it gets `href`, `onClick` and the ref. */
  legacyBehavior?: boolean;
  /** Internationalised routing is not supported; accepted and ignored. */
  locale?: string | false;
  /** Called before a client navigation; `preventDefault()` cancels it. */
  onNavigate?: (event: { preventDefault(): void }) => void;
  ref?: Ref<HTMLAnchorElement>;
  children?: ReactNode;
}

export default function Link(props: LinkProps): ReactNode {
  const {
    href: hrefProp,
    as: asProp,
    replace = false,
    scroll = true,
    prefetch = null,
    shallow: _shallow,
    passHref: _passHref,
    legacyBehavior = false,
    locale: _locale,
    onNavigate,
    onClick,
    ref,
    children,
    ...anchorProps
  } = props;
  const router = useKilnRouter();
  // Written for the Pages Router, `as` holds the real URL and `href` the route pattern
  // (`/posts/[slug]`); Next's App Router link navigates to `as` when given, and so does this one.
  const href = toPublicHref(formatHref(asProp ?? hrefProp));
  const anchor = useRef<HTMLAnchorElement | null>(null);
  usePrefetchInView(anchor, router, href, prefetch !== false);

  const setRef = useCallback(
    (node: HTMLAnchorElement | null) => {
      anchor.current = node;
      if (typeof ref === 'function') ref(node);
      else if (ref) (ref as { current: HTMLAnchorElement | null }).current = node;
    },
    [ref],
  );

  const child = legacyBehavior ? (Children.only(children) as ReactElement<Record<string, unknown>>) : null;
  const handleClick = (event: MouseEvent<HTMLAnchorElement>): void => {
    if (child && typeof child.props.onClick === 'function') (child.props.onClick as (e: MouseEvent) => void)(event);
    onClick?.(event);
    if (!router || event.defaultPrevented || !isPlainClick(event)) return;
    const target = event.currentTarget;
    if (target.hasAttribute('download')) return;
    const frame = target.getAttribute('target');
    if (frame && frame !== '_self') return;
    if (!router.handles(target.href)) return;
    event.preventDefault();
    let cancelled = false;
    onNavigate?.({ preventDefault: () => void (cancelled = true) });
    if (cancelled) return;
    router.navigate(target.href, { replace, scroll });
  };

  if (child && isValidElement(child)) {
    return cloneElement(child, { href, onClick: handleClick, ref: setRef });
  }
  return (
    <a {...anchorProps} href={href} onClick={handleClick} ref={setRef}>
      {children}
    </a>
  );
}

function isPlainClick(event: MouseEvent): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

/** One observer for every link on the page; each link prefetches once, on its first sighting. */
let observer: IntersectionObserver | null = null;
const onSight = new WeakMap<Element, () => void>();

function sharedObserver(): IntersectionObserver | null {
  if (observer || typeof IntersectionObserver === 'undefined') return observer;
  observer = new IntersectionObserver(
    (seen) => {
      for (const entry of seen) {
        if (!entry.isIntersecting) continue;
        const callback = onSight.get(entry.target);
        observer!.unobserve(entry.target);
        onSight.delete(entry.target);
        callback?.();
      }
    },
    { rootMargin: '200px' },
  );
  return observer;
}

function usePrefetchInView(anchor: { current: HTMLAnchorElement | null }, router: KilnRouter | null, href: string, enabled: boolean): void {
  useEffect(() => {
    const node = anchor.current;
    if (!enabled || !router || !node || !router.handles(node.href)) return;
    const io = sharedObserver();
    if (!io) return;
    onSight.set(node, () => router.prefetchUrl(node.href));
    io.observe(node);
    return () => {
      io.unobserve(node);
      onSight.delete(node);
    };
  }, [anchor, router, href, enabled]);
}
