/**
 * The HTML pass on Node: what builds and `kiln start` use (see `flight.node.ts` for why).
 * Decodes a Flight payload and renders a React tree to a complete document: the document is
 * taken only once every Suspense boundary has resolved (`onAllReady`), as `prerender` would,
 * written straight into a collecting sink instead of through a Node stream.
 */
import { createFromNodeStream } from '@vitejs/plugin-rsc/ssr.node';
import type { Readable } from 'node:stream';
import type { ReactNode } from 'react';
import type { PrerenderOptions } from 'react-dom/static';
import { renderToPipeableStream } from 'react-dom/server.node';
import { collectWrites, sourceOf } from './node-streams.ts';
import type { Payload } from './types.ts';

export function decodePayload(rsc: Uint8Array): Promise<Payload> {
  return createFromNodeStream<Payload>(sourceOf(rsc) as unknown as Readable);
}

export function prerenderDocument(root: ReactNode, options: PrerenderOptions): Promise<Uint8Array> {
  let failed: ((error: unknown) => void) | undefined;
  const failure = new Promise<never>((_, reject) => (failed = reject));
  const document = collectWrites((sink) => {
    const render = renderToPipeableStream(root, {
      bootstrapModules: options.bootstrapModules,
      onError: options.onError,
      onShellError: failed,
      onAllReady: () => render.pipe(sink as unknown as NodeJS.WritableStream),
    });
  });
  return Promise.race([document, failure]);
}
