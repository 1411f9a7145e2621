/**
 * The browser entry: hands plugin-rsc's Flight decoders to Kiln's client (`src/client/`), which
 * hydrates the document from the inlined payload and navigates between pages by their payloads.
 * In dev, a server-side edit refreshes the page shown: the router re-fetches its payload and
 * swaps it in, keeping client state.
 */
import { createFromFetch, createFromReadableStream, setServerCallback } from '@vitejs/plugin-rsc/browser';
import { startBrowser } from '../client/boot.tsx';
import type { Payload } from '../render/types.ts';

// Server Actions need a server endpoint Kiln does not have; a call says so instead of failing on
// a missing global (the build already warned, naming the module).
setServerCallback(async (id) => {
  throw new Error(`A Server Action ("use server", ${id}) was called, and Kiln does not run Server Actions. Post to a route handler (app/…/route.ts) instead.`);
});

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
