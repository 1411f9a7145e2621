/**
 * The pixel size of a PNG, GIF, JPEG, WebP, ICO or SVG image, read from its header: for the
 * `sizes`, `og:image:width` and `og:image:height` Next.js writes for image metadata files, and
 * the `width`/`height` of a statically imported image. Pure.
 */
export interface ImageSize {
  width: number;
  height: number;
}

/** The size, or null when the bytes are not an image of these kinds (or an SVG without one). */
export function imageSize(bytes: Uint8Array, ext: string): ImageSize | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (ext.toLowerCase()) {
    case 'png':
      // Signature (8 bytes), then the IHDR chunk: length, type, width, height (big-endian).
      if (bytes.length < 24 || view.getUint32(0) !== 0x89504e47) return null;
      return { width: view.getUint32(16), height: view.getUint32(20) };
    case 'gif':
      if (bytes.length < 10 || String.fromCharCode(...bytes.subarray(0, 3)) !== 'GIF') return null;
      return { width: view.getUint16(6, true), height: view.getUint16(8, true) };
    case 'jpg':
    case 'jpeg':
      return jpegSize(bytes, view);
    case 'webp':
      return webpSize(bytes, view);
    case 'ico':
      return icoSize(bytes, view);
    case 'svg':
      return svgSize(new TextDecoder().decode(bytes.subarray(0, 4096)));
    default:
      return null;
  }
}

/** The first start-of-frame marker (SOF0–SOF15 but DHT, JPG and DAC) holds height then width. */
function jpegSize(bytes: Uint8Array, view: DataView): ImageSize | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1];
    if (marker === 0xff) {
      at++;
      continue;
    }
    const length = view.getUint16(at + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { width: view.getUint16(at + 7), height: view.getUint16(at + 5) };
    }
    at += 2 + length;
  }
  return null;
}

/** The largest image of the icon directory; a stored 0 means 256. */
function icoSize(bytes: Uint8Array, view: DataView): ImageSize | null {
  if (bytes.length < 6 || view.getUint16(0, true) !== 0 || view.getUint16(2, true) !== 1) return null;
  const count = view.getUint16(4, true);
  let best: ImageSize | null = null;
  for (let i = 0; i < count && 6 + i * 16 + 2 <= bytes.length; i++) {
    const width = bytes[6 + i * 16] || 256;
    const height = bytes[7 + i * 16] || 256;
    if (!best || width * height > best.width * best.height) best = { width, height };
  }
  return best;
}

/** `width` and `height` in pixels on the root element, else the `viewBox`; null when neither. */
function svgSize(text: string): ImageSize | null {
  const root = /<svg\b[^>]*>/i.exec(text)?.[0];
  if (!root) return null;
  const attr = (name: string): string | undefined => new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(root)?.[1];
  const px = (value: string | undefined): number | null => {
    const m = value === undefined ? null : /^\s*(\d+(?:\.\d+)?)\s*(px)?\s*$/.exec(value);
    return m ? Math.round(Number(m[1])) : null;
  };
  const width = px(attr('width'));
  const height = px(attr('height'));
  if (width !== null && height !== null) return { width, height };
  const box = attr('viewBox')?.trim().split(/[\s,]+/).map(Number);
  if (box && box.length === 4 && box.every((n) => Number.isFinite(n))) return { width: Math.round(box[2]), height: Math.round(box[3]) };
  return null;
}

/** RIFF/WEBP, then a lossy (VP8), lossless (VP8L) or extended (VP8X) first chunk. */
function webpSize(bytes: Uint8Array, view: DataView): ImageSize | null {
  const tag = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (bytes.length < 30 || tag(0) !== 'RIFF' || tag(8) !== 'WEBP') return null;
  switch (tag(12)) {
    case 'VP8 ':
      return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
    case 'VP8L': {
      const bits = view.getUint32(21, true);
      return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
    }
    case 'VP8X':
      return { width: 1 + (bytes[24] | (bytes[25] << 8) | (bytes[26] << 16)), height: 1 + (bytes[27] | (bytes[28] << 8) | (bytes[29] << 16)) };
    default:
      return null;
  }
}
