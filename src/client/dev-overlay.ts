/**
 * Dev only (the browser entry imports it under `import.meta.hot`). After a server-side edit the
 * page shown is asked for again: when the server answers with an error, an overlay shows it (the
 * file, the route, the message) over the page, which keeps its state; when a later edit fixes
 * it, the overlay goes and the page refreshes in place. A module that no longer compiles makes
 * Vite show its own overlay; the server's answer, which also names the route, replaces it.
 *
 * The overlay is plain DOM in a shadow root, outside React's tree, so neither the app's styles
 * nor a broken render can hide it.
 */
import { stripBasePath, urlConfig } from './config.ts';
import { payloadRequestUrl } from './payloads.ts';
import { DEV_ERROR_CONTENT_TYPE, type DevErrorBody, type DevErrorInfo } from '../render/dev-error.ts';

export const OVERLAY_ID = 'kiln-dev-overlay';

/** The part of Vite's `import.meta.hot` used here. */
interface HotContext {
  on(event: string, listener: (data: unknown) => void): void;
}

/**
 * Wires the overlay to Vite's HMR events. `refresh` shows the current page again: from the
 * payload response the check fetched, so an edit costs one request, or, without one, by fetching.
 */
export function watchServerEdits(hot: HotContext, refresh: (response?: Response) => void): void {
  hot.on('rsc:update', () => void check(refresh));
  hot.on('vite:error', () => void check(null));
}

let latest = 0;

/**
 * Asks the server for the current page's payload. An error shows the overlay; a page closes it
 * and hands the response to `refresh` (null: leave the page and any overlay as they are). Of
 * overlapping checks, only the last acts.
 */
async function check(refresh: ((response?: Response) => void) | null): Promise<void> {
  const id = ++latest;
  const pathname = stripBasePath(location.pathname, urlConfig.basePath);
  // Outside the base path only the not-found page shows, and the router reloads it.
  if (pathname === null) return refresh?.();
  let response: Response;
  try {
    response = await fetch(payloadRequestUrl(pathname, urlConfig.basePath), { headers: { accept: 'text/x-component' } });
  } catch {
    // The dev server is gone (stopped or restarting): keep the page as it is.
    return;
  }
  const type = response.headers.get('content-type') ?? '';
  if (type.startsWith(DEV_ERROR_CONTENT_TYPE)) {
    const body = (await response.json()) as DevErrorBody;
    if (id === latest) showDevError(body.kilnDevError);
    return;
  }
  if (id !== latest || refresh === null) {
    await response.body?.cancel();
    return;
  }
  hideDevError();
  refresh(response);
}

export function showDevError(info: DevErrorInfo): void {
  hideDevError();
  for (const vite of document.querySelectorAll('vite-error-overlay')) (vite as HTMLElement & { close?(): void }).close?.();
  const host = document.createElement('div');
  host.id = OVERLAY_ID;
  host.dataset.code = info.code;
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = STYLE;
  const panel = element('div', 'panel');
  panel.setAttribute('role', 'alertdialog');
  panel.setAttribute('aria-label', `kiln dev: ${info.code}`);
  const close = element('button', 'close', '×');
  close.setAttribute('aria-label', 'Close');
  close.addEventListener('click', hideDevError);
  const where = [info.file && `file ${info.file}`, info.route && `route ${info.route}`, `path ${info.pathname}`].filter(Boolean);
  panel.append(close, element('h1', 'code', info.code), element('p', 'where', where.join(' · ')), element('pre', 'message', info.message));
  if (info.frame) panel.append(element('pre', 'frame', info.frame));
  if (info.stack) panel.append(element('pre', 'stack', info.stack));
  panel.append(element('p', 'note', 'Fix the error and save: this overlay closes and the page refreshes.'));
  shadow.append(style, panel);
  document.body.append(host);
}

export function hideDevError(): void {
  document.getElementById(OVERLAY_ID)?.remove();
}

function element(tag: string, className: string, text?: string): HTMLElement {
  const el = document.createElement(tag);
  el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

const STYLE = `
:host{position:fixed;inset:0;z-index:2147483647;background:rgba(0,0,0,.66);overflow:auto;font:14px/1.5 ui-sans-serif,system-ui,sans-serif}
.panel{position:relative;max-width:960px;margin:48px auto;padding:24px 28px;border-top:4px solid #ff5555;border-radius:6px;background:#181818;color:#eee;box-shadow:0 12px 32px rgba(0,0,0,.5)}
.code{margin:0 0 4px;color:#ff6b6b;font-size:18px}
.where{margin:0 0 12px;color:#aaa;font-family:ui-monospace,monospace}
pre{margin:0 0 12px;white-space:pre-wrap;word-break:break-word;padding:12px 16px;border-radius:6px;background:#222;font:13px/1.5 ui-monospace,monospace}
.message{color:#ffd0d0}
.stack,.note{color:#999}
.close{position:absolute;top:12px;right:14px;border:0;background:none;color:#aaa;font-size:22px;cursor:pointer}
`;
