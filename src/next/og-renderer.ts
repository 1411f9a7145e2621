/**
 * The meeting point of `next/og` (bundled into the app's server code) and the image library
 * (loaded by Node from Kiln's own install). The library reads its WebAssembly and font files
 * next to its own code, so it cannot be bundled into an app's build; Kiln's Node side hands
 * the bundle a renderer through a process-wide slot instead.
 */
export interface ImageRenderOptions {
  width?: number;
  height?: number;
  fonts?: unknown[];
  debug?: boolean;
  emoji?: string;
}

/** Renders a React element to PNG bytes. */
export type ImageRenderer = (element: unknown, options: ImageRenderOptions) => Promise<Uint8Array>;

const SLOT = Symbol.for('kiln.next.og.renderer');

export function setImageRenderer(renderer: ImageRenderer): void {
  (globalThis as Record<symbol, unknown>)[SLOT] = renderer;
}

export function imageRenderer(): ImageRenderer | undefined {
  return (globalThis as Record<symbol, unknown>)[SLOT] as ImageRenderer | undefined;
}
