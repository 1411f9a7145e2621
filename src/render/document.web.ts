/**
 * The HTML pass over Web streams: what `kiln dev` uses (see `flight.web.ts`). Same output as
 * `document.node.ts`.
 */
import { createFromReadableStream } from '@vitejs/plugin-rsc/ssr';
import type { ReactNode } from 'react';
import type { PrerenderOptions } from 'react-dom/static';
import { prerender } from 'react-dom/static.edge';
import { readAll, streamOf } from './streams.ts';
import type { Payload } from './types.ts';

export function decodePayload(rsc: Uint8Array): Promise<Payload> {
  return createFromReadableStream<Payload>(streamOf(rsc));
}

export async function prerenderDocument(root: ReactNode, options: PrerenderOptions): Promise<Uint8Array> {
  const { prelude } = await prerender(root, options);
  return readAll(prelude);
}
