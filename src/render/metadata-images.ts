/**
 * Generated metadata images (`icon.tsx`, `apple-icon.tsx`, `opengraph-image.tsx`,
 * `twitter-image.tsx`): the images one module gives for a page's params, read from its
 * `size`, `contentType` and `alt` exports, or one per item of `generateImageMetadata()`, served
 * under `<name>/<id>` as Next.js serves them.
 */
import { kilnError } from '../errors.ts';
import type { MetadataFile } from '../routing/metadata-files.ts';
import type { Params } from '../routing/types.ts';
import { blame } from './blame.ts';
import { isPlainObject } from './metadata.ts';
import { paramsProp } from './params-prop.ts';

export interface CodeImage {
  /** The id as text, for the URL; absent without `generateImageMetadata`. */
  id?: string;
  /** The id as the app returned it, passed back to the image function as Next.js does. */
  rawId?: string | number;
  contentType: string;
  width?: number;
  height?: number;
  alt?: string;
}

/**
 * One page's head, its image URLs and each image's own render all ask for the same list: the
 * app's `generateImageMetadata` runs once for them, not once per ask. Kept per module (an edited
 * module in dev is a new one) for the few params seen last, so a big build holds no list of all
 * its pages.
 */
const recent = new WeakMap<object, Map<string, Promise<CodeImage[]>>>();
const RECENT_PARAMS = 64;

export function codeImagesOf(file: MetadataFile, module: Record<string, unknown>, params: Params): Promise<CodeImage[]> {
  let byParams = recent.get(module);
  if (!byParams) recent.set(module, (byParams = new Map()));
  const key = JSON.stringify(params);
  const kept = byParams.get(key);
  if (kept) return kept;
  const images = readCodeImages(file, module, params);
  byParams.set(key, images);
  images.catch(() => byParams.delete(key));
  if (byParams.size > RECENT_PARAMS) byParams.delete(byParams.keys().next().value!);
  return images;
}

async function readCodeImages(file: MetadataFile, module: Record<string, unknown>, params: Params): Promise<CodeImage[]> {
  // PNG unless told otherwise: what ImageResponse draws.
  const base: CodeImage = { contentType: 'image/png', ...imageFields(module) };
  const generate = module.generateImageMetadata;
  if (typeof generate !== 'function') return [base];
  let value: unknown;
  try {
    value = await generate({ params: paramsProp(params) });
  } catch (error) {
    blame(error, file.file);
    throw error;
  }
  if (!Array.isArray(value) || !value.every((item) => isPlainObject(item) && (typeof item.id === 'string' || typeof item.id === 'number'))) {
    throw kilnError('METADATA_ROUTE_INVALID', {
      file: file.file,
      url: file.pattern,
      source: 'generateImageMetadata()',
      kind: file.kind,
      value,
      expected: 'an array of { id, size?, alt?, contentType? } (id a string or a number)',
    });
  }
  return (value as Array<Record<string, unknown>>).map((item) => ({
    ...base,
    ...imageFields(item),
    id: String(item.id),
    rawId: item.id as string | number,
  }));
}

/** The `size`, `contentType` and `alt` that a module or an item gives. */
function imageFields(source: Record<string, unknown>): Partial<CodeImage> {
  const image: Partial<CodeImage> = {};
  if (typeof source.contentType === 'string') image.contentType = source.contentType;
  const size = source.size;
  if (isPlainObject(size) && typeof size.width === 'number' && typeof size.height === 'number') {
    image.width = size.width;
    image.height = size.height;
  }
  if (typeof source.alt === 'string') image.alt = source.alt;
  return image;
}
