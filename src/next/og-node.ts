/**
 * Installs `next/og`'s renderer (see og-renderer.ts) in this process or worker thread: the
 * `@vercel/og` of Kiln's own install, imported on the first image so processes that draw none
 * never load it.
 */
import { imageRenderer, setImageRenderer } from './og-renderer.ts';

export function provideImageRenderer(): void {
  if (imageRenderer()) return;
  setImageRenderer(async (element, options) => {
    const { ImageResponse } = await import('@vercel/og');
    const response = new ImageResponse(element as ConstructorParameters<typeof ImageResponse>[0], options as ConstructorParameters<typeof ImageResponse>[1]);
    return new Uint8Array(await response.arrayBuffer());
  });
}
