/**
 * `import hero from './hero.jpg'` as Next.js gives it: `{ src, width, height, blurDataURL }`
 * (`StaticImageData`), which `next/image` sizes itself from and which code reads as `hero.src`.
 * Vite's own answer is the URL alone. The URL still comes from Vite (`?url`, hashed, emitted
 * with the build's assets); the size is read from the file's header. Next.js draws an 8-pixel
 * blur placeholder with an image library; Kiln uses the image itself, which the placeholder's
 * CSS blurs and scales the same way.
 */
import { readFile } from 'node:fs/promises';
import type { Plugin } from 'vite';
import { imageSize } from './image-size.ts';

const IMAGE = /\.(png|jpe?g|gif|webp|avif|ico|bmp|svg)$/i;
/** Formats Next.js makes a blur placeholder for. */
const BLURRABLE = /\.(png|jpe?g|webp|avif)$/i;

export function staticImages(): Plugin {
  return {
    name: 'kiln:static-images',
    // Before Vite's asset plugin, which would answer with the URL alone. A query (`?url`,
    // `?raw`, Kiln's metadata-file query) asks for something else and is left to others; CSS
    // `url()` does not go through here.
    enforce: 'pre',
    config() {
      // Next.js never inlines an imported image as a data: URL: `src` is always a file's URL.
      return { build: { assetsInlineLimit: (file: string) => (IMAGE.test(file) ? false : undefined) } };
    },
    async load(id) {
      if (id.includes('?') || !IMAGE.test(id) || id.startsWith('\0')) return undefined;
      const bytes = await readFile(id).catch(() => null);
      if (bytes === null) return undefined;
      this.addWatchFile(id);
      const size = imageSize(bytes, id.slice(id.lastIndexOf('.') + 1));
      const fields = [
        'src',
        ...(size ? [`width: ${size.width}`, `height: ${size.height}`] : []),
        ...(BLURRABLE.test(id) ? ['blurDataURL: src'] : []),
      ];
      return { code: `import src from ${JSON.stringify(`${id}?url`)};\nexport default { ${fields.join(', ')} };\n`, map: null };
    },
  };
}
