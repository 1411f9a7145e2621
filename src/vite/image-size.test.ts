import { describe, expect, it } from 'vitest';
import { imageSize } from './image-size.ts';

const bytes = (...parts: number[][]): Uint8Array => new Uint8Array(parts.flat());
const be32 = (n: number): number[] => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const be16 = (n: number): number[] => [(n >>> 8) & 255, n & 255];
const le16 = (n: number): number[] => [n & 255, (n >>> 8) & 255];

describe('imageSize', () => {
  it('reads a PNG header', () => {
    const png = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], be32(13), [73, 72, 68, 82], be32(1200), be32(630));
    expect(imageSize(png, 'png')).toEqual({ width: 1200, height: 630 });
  });

  it('reads a GIF header', () => {
    expect(imageSize(bytes([71, 73, 70, 56, 57, 97], le16(32), le16(16)), 'gif')).toEqual({ width: 32, height: 16 });
  });

  it('skips JPEG segments to the frame header', () => {
    const app0 = [0xff, 0xe0, ...be16(4), 0, 0];
    const sof0 = [0xff, 0xc0, ...be16(11), 8, ...be16(630), ...be16(1200), 3, 0, 0];
    expect(imageSize(bytes([0xff, 0xd8], app0, sof0), 'jpeg')).toEqual({ width: 1200, height: 630 });
  });

  it('takes the largest image of an ICO, 0 meaning 256', () => {
    const entry = (w: number, h: number): number[] => [w, h, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    expect(imageSize(bytes(le16(0), le16(1), le16(2), entry(16, 16), entry(0, 0)), 'ico')).toEqual({ width: 256, height: 256 });
  });

  it('reads an SVG size from width and height, else the viewBox', () => {
    const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
    expect(imageSize(enc('<svg xmlns="http://www.w3.org/2000/svg" width="32" height="24px">'), 'svg')).toEqual({ width: 32, height: 24 });
    expect(imageSize(enc('<?xml version="1.0"?><svg viewBox="0 0 64 48">'), 'svg')).toEqual({ width: 64, height: 48 });
    expect(imageSize(enc('<svg width="100%">'), 'svg')).toBeNull();
  });

  it('refuses what is not the named kind', () => {
    expect(imageSize(new Uint8Array(30), 'png')).toBeNull();
    expect(imageSize(new Uint8Array(30), 'jpg')).toBeNull();
  });
});

describe('WebP sizes', () => {
  const riff = (chunk: string, body: number[]): Uint8Array => {
    const bytes = new Uint8Array(40);
    bytes.set([...'RIFF'].map((c) => c.charCodeAt(0)), 0);
    bytes.set([...'WEBP'].map((c) => c.charCodeAt(0)), 8);
    bytes.set([...chunk].map((c) => c.charCodeAt(0)), 12);
    body.forEach((b, i) => (bytes[20 + i] = b));
    return bytes;
  };

  it('reads the extended (VP8X), lossless (VP8L) and lossy (VP8 ) headers', () => {
    // VP8X: width-1 and height-1 as 24-bit little-endian at 24 and 27.
    expect(imageSize(riff('VP8X', [0, 0, 0, 0, 0x3f, 0x06, 0, 0x0f, 0x04, 0]), 'webp')).toEqual({ width: 1600, height: 1040 });
    // VP8L: after the signature byte (0x2f), 14 bits each of width-1 and height-1.
    const w = 1599;
    const h = 999;
    const bits = w | (h << 14);
    expect(imageSize(riff('VP8L', [0x2f, bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff, (bits >> 24) & 0xff]), 'webp')).toEqual({ width: 1600, height: 1000 });
    // VP8: frame tag (3 bytes) and start code (3 bytes), then 14-bit width and height.
    expect(imageSize(riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, 0x40, 0x06, 0xe8, 0x03]), 'webp')).toEqual({ width: 1600, height: 1000 });
    expect(imageSize(new Uint8Array(40), 'webp')).toBeNull();
  });
});
