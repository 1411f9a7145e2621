/**
 * The cache tags of a prerendered page's data, stored beside its HTML as
 * `pages/<path>.tags` (one tag a line) by the build and read by `kiln start` when
 * `revalidateTag` has marked a tag. Pages whose data has no tags get no file. Shared here so both
 * sides agree on the format; the file's name is in output/page-files.ts.
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodePageTags(tags: readonly string[]): Uint8Array {
  return encoder.encode(tags.map((t) => t.replace(/[\r\n]+/g, ' ')).join('\n'));
}

export function decodePageTags(bytes: Uint8Array): string[] {
  return decoder
    .decode(bytes)
    .split('\n')
    .filter((t) => t !== '');
}
