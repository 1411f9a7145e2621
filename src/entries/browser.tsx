/**
 * The browser entry: hands plugin-rsc's Flight decoders to Kiln's client (`src/client/`), which
 * hydrates the document from the inlined payload and navigates between pages by their payloads.
 * In dev, a server-side edit refreshes the page shown: the router re-fetches its payload and
 * swaps it in, keeping client state.
 */
import { createFromFetch, createFromReadableStream } from '@vitejs/plugin-rsc/browser';
import { startBrowser } from '../client/boot.tsx';
import type { Payload } from '../render/types.ts';

async function main(): Promise<void> {
  const router = await startBrowser({
    fromStream: (stream) => createFromReadableStream<Payload>(stream),
    fromResponse: (response) => createFromFetch<Payload>(Promise.resolve(response)),
  });
  if (import.meta.hot) {
    // A server edit that breaks the page shows kiln dev's error overlay instead of reloading.
    const { watchServerEdits } = await import('../client/dev-overlay.ts');
    watchServerEdits(import.meta.hot, (response) => (response ? router.refreshWith(response) : router.refresh()));
  }
}

void main();
