/**
 * The browser side of `next/script`: each script is added to the page once per page load,
 * whichever component or client navigation asks for it again, and the callbacks of every asker
 * hear how it went. A script is known by its `id`, else its `src`, else its inline code.
 * Scripts the server already wrote into the HTML (`beforeInteractive`) count as loaded.
 */

export type ScriptStrategy = 'beforeInteractive' | 'afterInteractive' | 'lazyOnload' | 'worker';

export interface ScriptCallbacks {
  /** Once, when the script has loaded (never for one the HTML already held). */
  onLoad?: (event: Event) => void;
  /** After it has loaded, and again at every later mount of a component that asks for it. */
  onReady?: () => void;
  onError?: (event: Event) => void;
}

export interface ScriptRequest extends ScriptCallbacks {
  key: string;
  src?: string;
  /** Inline code, for a script without `src`. */
  code?: string;
  /** HTML attributes, as `scriptAttributes` gives them. */
  attributes: Record<string, string>;
}

/** The key a script is known by, or null for a script with nothing to run. */
export function scriptKey(props: { id?: string; src?: string; code?: string }): string | null {
  if (props.id) return `id:${props.id}`;
  if (props.src) return `src:${props.src}`;
  if (props.code) return `code:${props.code}`;
  return null;
}

const ATTRIBUTE_NAMES: Record<string, string> = {
  className: 'class',
  crossOrigin: 'crossorigin',
  referrerPolicy: 'referrerpolicy',
  noModule: 'nomodule',
  fetchPriority: 'fetchpriority',
  htmlFor: 'for',
};

/**
 * React-style props → the attributes of a `<script>` element: renamed where HTML spells them
 * otherwise, `true` as an empty attribute, and `false`, nullish values and functions dropped.
 */
export function scriptAttributes(props: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false || typeof value === 'function' || typeof value === 'object') continue;
    const attribute = ATTRIBUTE_NAMES[name] ?? (/^(data|aria)-/.test(name) ? name : name.toLowerCase());
    out[attribute] = value === true ? '' : String(value);
  }
  return out;
}

interface State {
  status: 'loading' | 'ready' | 'failed';
  waiting: ScriptCallbacks[];
  failure?: Event;
}

const states = new Map<string, State>();
let scanned = false;

/** The scripts the server rendered (marked `data-nscript`) ran while the HTML was parsed. */
function scanServerScripts(doc: Document): void {
  if (scanned) return;
  scanned = true;
  for (const el of doc.querySelectorAll<HTMLScriptElement>('script[data-nscript]')) {
    const key = scriptKey({ id: el.id || undefined, src: el.getAttribute('src') ?? undefined, code: el.text || undefined });
    if (key && !states.has(key)) states.set(key, { status: 'ready', waiting: [] });
  }
}

/** Adds the script to `doc` unless it is there already; reports to `request`'s callbacks either way. */
export function loadScript(doc: Document, request: ScriptRequest): void {
  scanServerScripts(doc);
  const known = states.get(request.key);
  if (known) {
    if (known.status === 'ready') request.onReady?.();
    else if (known.status === 'loading') known.waiting.push(request);
    else if (known.failure) request.onError?.(known.failure);
    return;
  }
  const state: State = { status: 'loading', waiting: [request] };
  states.set(request.key, state);
  const el = doc.createElement('script');
  for (const [name, value] of Object.entries(request.attributes)) el.setAttribute(name, value);
  if (request.src) {
    el.addEventListener('load', (event) => {
      state.status = 'ready';
      const waiting = state.waiting.splice(0);
      for (const [i, w] of waiting.entries()) {
        // onLoad is the script's own event: the first asker hears it, the rest get onReady.
        if (i === 0) w.onLoad?.(event);
        w.onReady?.();
      }
    });
    el.addEventListener('error', (event) => {
      state.status = 'failed';
      state.failure = event;
      for (const w of state.waiting.splice(0)) w.onError?.(event);
    });
    el.src = request.src;
    doc.body.appendChild(el);
    return;
  }
  // Inline code runs as the element is inserted.
  el.text = request.code ?? '';
  doc.body.appendChild(el);
  state.status = 'ready';
  for (const w of state.waiting.splice(0)) w.onReady?.();
}

/** Runs `task` once the page has loaded and the browser is idle (`lazyOnload`). */
export function whenIdleAfterLoad(win: Window, task: () => void): () => void {
  let cancelled = false;
  const run = (): void => {
    if (cancelled) return;
    if (typeof win.requestIdleCallback === 'function') win.requestIdleCallback(() => !cancelled && task());
    else win.setTimeout(() => !cancelled && task(), 1);
  };
  if (win.document.readyState === 'complete') run();
  else win.addEventListener('load', run, { once: true });
  return () => {
    cancelled = true;
    win.removeEventListener('load', run);
  };
}

/** Forgets every script (tests). */
export function resetScripts(): void {
  states.clear();
  scanned = false;
}
