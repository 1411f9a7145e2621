/**
 * Flight to bytes over Web streams: what `kiln dev` uses, since these are the React builds that
 * plugin-rsc has Vite pre-bundle for the dev server. Same bytes as `flight.node.ts`.
 */
import { renderToReadableStream } from '@vitejs/plugin-rsc/rsc/server';
import { readAll } from './streams.ts';
import type { Payload } from './types.ts';

export function renderFlight(payload: Payload, onError: (error: unknown) => string | undefined): Promise<Uint8Array> {
  return readAll(renderToReadableStream<Payload>(payload, { onError }));
}
