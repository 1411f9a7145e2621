/**
 * Flight to bytes over Node streams: what builds and `kiln start` use. On Node 20 this costs
 * noticeably less per page than Web streams (each Web stream is made transferable when it is
 * constructed, and the edge build encodes every chunk on its own). See `flight.web.ts`.
 */
import { renderToPipeableStream } from '@vitejs/plugin-rsc/rsc/server.node';
import { collectWrites } from './node-streams.ts';
import type { Payload } from './types.ts';

export function renderFlight(payload: Payload, onError: (error: unknown) => string | undefined): Promise<Uint8Array> {
  return collectWrites((sink) => renderToPipeableStream<Payload>(payload, { onError }).pipe(sink as unknown as NodeJS.WritableStream));
}
