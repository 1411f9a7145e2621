/**
 * The HTML pass over Node streams: what builds and `kiln start` use (see `flight.node.ts` for
 * why). Decodes a Flight payload and prerenders a React tree to a complete document.
 */
import { createFromNodeStream } from '@vitejs/plugin-rsc/ssr.node';
import type { ReactNode } from 'react';
import type { PrerenderOptions } from 'react-dom/static';
import { prerenderToNodeStream } from 'react-dom/static.node';
import { nodeStreamOf, readAllNode } from './node-streams.ts';
import type { Payload } from './types.ts';

export function decodePayload(rsc: Uint8Array): Promise<Payload> {
  return createFromNodeStream<Payload>(nodeStreamOf(rsc));
}

export async function prerenderDocument(root: ReactNode, options: PrerenderOptions): Promise<Uint8Array> {
  const { prelude } = await prerenderToNodeStream(root, options);
  return readAllNode(prelude);
}
