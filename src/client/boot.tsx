/**
 * Starts Kiln in the browser: decodes the payload the server inlined into the document, makes
 * the client router, and hydrates the document under the browser root. The Flight decoders are
 * passed in by the browser entry, the only module that imports plugin-rsc's browser runtime.
 */
import { hydrateRoot } from 'react-dom/client';
import { PAYLOAD_GLOBAL, type InlinedPayload } from '../render/inline-payload.ts';
import type { Payload } from '../render/types.ts';
import { urlConfig } from './config.ts';
import { createPayloadLoader } from './payloads.ts';
import { BrowserRoot } from './root.tsx';
import { createRouter, type ClientRouter } from './router.ts';

export interface FlightDecoders {
  fromStream(stream: ReadableStream<Uint8Array>): Promise<Payload>;
  fromResponse(response: Response): Promise<Payload>;
}

/** How long a prefetched payload is used for a click: long enough for hover-then-click. */
const PREFETCH_TTL_MS = 30_000;

export async function startBrowser(flight: FlightDecoders): Promise<ClientRouter> {
  const initial = await flight.fromStream(inlinedStream());
  const loader = createPayloadLoader({
    basePath: urlConfig.basePath,
    fetch: (url, init) => fetch(url, init),
    decode: flight.fromResponse,
    ttlMs: PREFETCH_TTL_MS,
  });
  const router = createRouter({ initial, loader, config: urlConfig });
  router.start();
  hydrateRoot(document, <BrowserRoot router={router} />);
  return router;
}

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
