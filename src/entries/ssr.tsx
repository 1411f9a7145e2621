/**
 * The ssr environment's entry: Flight bytes → a complete HTML document. Decoding happens inside
 * the Fizz render so resource hints from the payload land in this document, and `prerender`
 * waits for every Suspense boundary, so the page is whole. The payload is inlined for hydration.
 */
import { getClientEntryUrl } from '@vitejs/plugin-rsc/ssr';
import { Fragment, use, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { ServerInsertedHtmlProvider } from '../client/server-inserted-html.ts';
import { NavigationProvider } from '../next/navigation.ts';
import { insertBeforeBodyEnd, insertBeforeHeadEnd, payloadScript } from '../render/inline-payload.ts';
import type { HtmlResult, Payload } from '../render/types.ts';

const encoder = new TextEncoder();

// Node streams for builds and `kiln start`, Web streams in dev: see rsc.tsx.
const { decodePayload, prerenderDocument } = import.meta.env.DEV ? await import('../render/document.web.ts') : await import('../render/document.node.ts');

export async function renderHtml(rsc: Uint8Array): Promise<HtmlResult> {
  let payload: Promise<Payload> | undefined;
  // useServerInsertedHTML callbacks: asked once the page is whole, so each gives all it gathered.
  const inserts: Array<() => ReactNode> = [];
  const insert = (callback: () => ReactNode): void => void inserts.push(callback);
  function Root(): ReactNode {
    payload ??= decodePayload(rsc);
    const { root, pathname, params } = use(payload);
    return (
      <ServerInsertedHtmlProvider value={insert}>
        <NavigationProvider value={{ pathname, params, search: '' }}>
          <Boundary>{root}</Boundary>
        </NavigationProvider>
      </ServerInsertedHtmlProvider>
    );
  }
  let failure: { error: unknown; componentStack: string } | undefined;
  let html: Uint8Array;
  try {
    html = await prerenderDocument(<Root />, {
      bootstrapModules: [getClientEntryUrl()],
      onError(error, info) {
        failure ??= { error, componentStack: info?.componentStack ?? '' };
      },
    });
  } catch (error) {
    return { ok: false, error: failure?.error ?? error, componentStack: failure?.componentStack ?? '' };
  }
  if (failure) return { ok: false, ...failure };
  if (inserts.length > 0) {
    let inserted: string;
    try {
      inserted = renderToStaticMarkup(<>{inserts.map((callback, i) => <Fragment key={i}>{callback()}</Fragment>)}</>);
    } catch (error) {
      return { ok: false, error, componentStack: '' };
    }
    if (inserted !== '') html = insertBeforeHeadEnd(html, encoder.encode(inserted));
  }
  return { ok: true, html: insertBeforeBodyEnd(html, encoder.encode(payloadScript(rsc))) };
}

/**
 * A plain component between the one that calls `use()` and the app's tree: without it React's
 * server renderer can mishandle a lazy child of a component that suspended (facebook/react#33937).
 */
function Boundary({ children }: { children?: ReactNode }): ReactNode {
  return children;
}
