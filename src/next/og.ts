/**
 * `next/og`: `ImageResponse`, a `Response` whose body is a PNG drawn from a React element
 * (flexbox layout, the CSS subset Satori supports), as Next.js's is. The drawing is
 * `@vercel/og`'s, with its bundled font (Geist) unless `fonts` gives others; nothing is fetched
 * (an `emoji` option would fetch the emoji images, so avoid it offline).
 */
import { kilnError } from '../errors.ts';
import { imageRenderer, type ImageRenderOptions } from './og-renderer.ts';

export interface ImageResponseOptions extends ImageRenderOptions {
  status?: number;
  statusText?: string;
  headers?: HeadersInit;
}

export class ImageResponse extends Response {
  constructor(element: unknown, options: ImageResponseOptions = {}) {
    const { status, statusText, headers, ...render } = options;
    // Drawn when the body is first read, as Next.js's is: a route that never reads it pays nothing.
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        try {
          const renderer = imageRenderer();
          if (!renderer) throw kilnError('INTERNAL', { reason: 'next/og has no image renderer in this process' });
          controller.enqueue(await renderer(element, { width: 1200, height: 630, ...render }));
          controller.close();
        } catch (error) {
          controller.error(error);
        }
      },
    });
    const all = new Headers(headers);
    if (!all.has('content-type')) all.set('content-type', 'image/png');
    if (!all.has('cache-control')) all.set('cache-control', 'public, immutable, no-transform, max-age=31536000');
    super(body, { status: status ?? 200, statusText, headers: all });
  }
}
