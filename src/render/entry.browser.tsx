/**
 * The browser entry: hydrates the document from the payload the server inlined into it. In dev,
 * a server-side edit re-fetches the current page's payload and swaps it in.
 */
import { createFromFetch, createFromReadableStream } from '@vitejs/plugin-rsc/browser';
import { startTransition, useEffect, useState, type ReactNode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { NavigationProvider } from '../next/navigation.ts';
import { PAYLOAD_GLOBAL, type InlinedPayload } from './inline-payload.ts';
import { payloadUrl } from './payload-url.ts';
import type { Payload } from './types.ts';

function inlinedStream(): ReadableStream<Uint8Array> {
  const inlined = (self as unknown as Record<string, InlinedPayload | undefined>)[PAYLOAD_GLOBAL];
  let bytes: Uint8Array;
  if (!inlined) bytes = new Uint8Array();
  else if ('text' in inlined) bytes = new TextEncoder().encode(inlined.text);
  else bytes = Uint8Array.from(atob(inlined.base64), (c) => c.charCodeAt(0));
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

let setPayload: ((payload: Payload) => void) | undefined;

function BrowserRoot({ initial }: { initial: Payload }): ReactNode {
  const [payload, set] = useState(initial);
  useEffect(() => {
    setPayload = (next) => startTransition(() => set(next));
  }, []);
  return (
    <NavigationProvider value={{ pathname: payload.pathname, params: payload.params, search: location.search.slice(1) }}>
      {payload.root}
    </NavigationProvider>
  );
}

async function main(): Promise<void> {
  const initial = await createFromReadableStream<Payload>(inlinedStream());
  hydrateRoot(document, <BrowserRoot initial={initial} />);
  if (import.meta.hot) {
    import.meta.hot.on('rsc:update', async () => {
      const next = await createFromFetch<Payload>(fetch(payloadUrl(location.pathname)));
      setPayload?.(next);
    });
  }
}

void main();
