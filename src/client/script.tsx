'use client';
/**
 * `<Script>` (`next/script`). What each strategy puts in the HTML and when the script runs:
 * - `beforeInteractive`: a `<script>` element in the server's HTML, where the component is
 *   (the root layout, as Next.js asks), so it runs while the page is parsed, before hydration;
 * - `afterInteractive` (the default): a `<link rel="preload" as="script">` in the head for a
 *   `src`, so the download starts early; the script is added once the page has hydrated;
 * - `lazyOnload`: nothing in the HTML; added once the page has loaded and the browser is idle;
 * - `worker`: Kiln has no web-worker runner (Partytown), so it runs as `afterInteractive`.
 * Each script is added once per page load, however many components or client navigations ask
 * for it (./script-loader.ts). `onLoad`, `onReady` and `onError` are functions, so, as in
 * Next.js, they can only be given from a client component.
 */
import { useEffect, useRef, type ReactNode, type ScriptHTMLAttributes } from 'react';
import { preload, type PreloadOptions } from 'react-dom';
import { loadScript, scriptAttributes, scriptKey, whenIdleAfterLoad, type ScriptStrategy } from './script-loader.ts';

export type { ScriptStrategy } from './script-loader.ts';

export interface ScriptProps extends Omit<ScriptHTMLAttributes<HTMLScriptElement>, 'onLoad' | 'onError'> {
  src?: string;
  id?: string;
  strategy?: ScriptStrategy;
  onLoad?: (event: Event) => void;
  onReady?: () => void;
  onError?: (event: Event) => void;
  children?: ReactNode;
}

let warnedWorker = false;

export default function Script(props: ScriptProps): ReactNode {
  const { src, id, strategy = 'afterInteractive', onLoad, onReady, onError, children, dangerouslySetInnerHTML, ...rest } = props;
  const code = inlineCode(children, dangerouslySetInnerHTML);
  const key = scriptKey({ id, src, code });
  // The latest callbacks, without re-running the effect when a parent passes new functions.
  const callbacks = useRef({ onLoad, onReady, onError });
  callbacks.current = { onLoad, onReady, onError };

  if (strategy === 'worker' && !warnedWorker && import.meta.env?.DEV) {
    warnedWorker = true;
    console.warn('next/script strategy="worker" runs as "afterInteractive" in Kiln: there is no web-worker runner.');
  }
  // Fetched early, run after hydration: the preload is what the server's HTML shows of it.
  if (src && (strategy === 'afterInteractive' || strategy === 'worker')) {
    preload(src, { as: 'script', ...preloadOptions(rest) });
  }

  useEffect(() => {
    if (key === null) return undefined;
    const attributes = scriptAttributes({ ...rest, id, 'data-nscript': strategy });
    const load = (): void =>
      loadScript(document, {
        key,
        src,
        code,
        attributes,
        onLoad: (event) => callbacks.current.onLoad?.(event),
        onReady: () => callbacks.current.onReady?.(),
        onError: (event) => callbacks.current.onError?.(event),
      });
    if (strategy === 'lazyOnload') return whenIdleAfterLoad(window, load);
    load();
    return undefined;
    // The script is its key: other prop changes after the first render do not load it again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, strategy]);

  if (strategy !== 'beforeInteractive' || key === null) return null;
  const attributes = { ...rest, id, 'data-nscript': strategy };
  if (src) return <script {...attributes} src={src} />;
  return <script {...attributes} dangerouslySetInnerHTML={{ __html: code ?? '' }} />;
}

/** Inline code given as children (a string, or strings) or as `dangerouslySetInnerHTML`. */
function inlineCode(children: ReactNode, html: { __html: string | TrustedHTML } | undefined): string | undefined {
  if (html && typeof html.__html === 'string') return html.__html;
  if (typeof children === 'string') return children;
  if (Array.isArray(children) && children.every((c) => typeof c === 'string')) return children.join('');
  return undefined;
}

function preloadOptions(rest: Record<string, unknown>): Omit<PreloadOptions, 'as'> {
  const options: Omit<PreloadOptions, 'as'> = {};
  if (rest.crossOrigin === '' || rest.crossOrigin === 'anonymous' || rest.crossOrigin === 'use-credentials') options.crossOrigin = rest.crossOrigin;
  if (typeof rest.integrity === 'string') options.integrity = rest.integrity;
  if (typeof rest.nonce === 'string') options.nonce = rest.nonce;
  if (rest.fetchPriority === 'high' || rest.fetchPriority === 'low' || rest.fetchPriority === 'auto') options.fetchPriority = rest.fetchPriority;
  return options;
}
