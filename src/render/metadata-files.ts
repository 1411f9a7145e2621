/**
 * Metadata image files (`favicon.ico`, `icon.png`, `apple-icon.png`, `opengraph-image.jpg`,
 * `twitter-image.png`) in a page's `<head>`, merged into its resolved metadata as Next.js does:
 * per kind the files of the folder nearest the page; file icons come before the `icons` a
 * segment sets; file Open Graph / Twitter images give way to `images` that a segment at or below
 * the files' folder sets itself. Pure apart from the table the rsc entry installs once.
 */
import type { MetadataFile } from '../routing/metadata-files.ts';
import { metadataFileHref, nearestImageFiles } from '../routing/metadata-files.ts';
import type { Params, RouteLevel } from '../routing/types.ts';
import type { ImageDescriptor, Metadata, ResolvedMetadata } from './metadata.ts';
import { codeImagesOf, type CodeImage } from './metadata-images.ts';

/** What the bundler read of a static metadata file (the module `<file>?kiln-metadata-file` exports). */
export interface MetadataFileInfo {
  /** 16 hex characters of the content's SHA-256. */
  hash: string;
  /** MIME type, for `type=` and `og:image:type`. */
  type: string;
  width?: number;
  height?: number;
  /** The text of `<name>.alt.txt` beside an Open Graph or Twitter image, trimmed. */
  alt?: string;
}

export interface MetadataFileTable {
  files: readonly MetadataFile[];
  /** By project-relative file: what metadata-file-info.ts read of it. */
  info: ReadonlyMap<string, MetadataFileInfo>;
  /** next.config's `basePath`, which every URL of the site lives under. */
  basePath: string;
  /** Imports a code module (`opengraph-image.tsx`) for its `size`, `alt` and image ids. */
  load?: (file: string) => Promise<Record<string, unknown>>;
}

/**
 * Where in the build's `client/` a static metadata file inside a dynamic folder is kept by its
 * pattern (`_kiln/metadata/blog/[slug]/opengraph-image.png`), for `kiln start` to answer every
 * URL the pattern matches. Under `/_kiln/`, so no request reaches it directly.
 */
export const METADATA_PATTERNS_DIR = '_kiln/metadata';

/**
 * Where in the build's `client/` a generated image is kept, at its URL plus an extension that
 * names its type (`_kiln/metadata/generated/blog/a/opengraph-image.png` for
 * `/blog/a/opengraph-image`): its URL has none, and `kiln start` types files by extension.
 */
export const GENERATED_IMAGES_DIR = `${METADATA_PATTERNS_DIR}/generated`;

const EMPTY: MetadataFileTable = { files: [], info: new Map(), basePath: '' };

/**
 * The app's metadata files, installed by the rsc entry: they are facts of the bundle, like the
 * route modules, and passing them down through every render call would only thread one value.
 */
let table: MetadataFileTable = EMPTY;

export function installMetadataFiles(next: MetadataFileTable): void {
  table = next;
}

/** The levels whose own metadata object set `openGraph.images` / `twitter.images`. */
export interface OwnImages {
  openGraph: number;
  twitter: number;
}

/** Records that the segment at `level` set images itself (for `withMetadataFiles`). */
export function noteOwnImages(own: OwnImages, level: number, value: Metadata): void {
  if (value.openGraph && 'images' in value.openGraph) own.openGraph = Math.max(own.openGraph, level);
  if (value.twitter && 'images' in value.twitter) own.twitter = Math.max(own.twitter, level);
}

/** One image a page links: a file's facts, or one of a module's images. */
interface LinkedImage {
  url: string;
  type?: string;
  width?: number;
  height?: number;
  alt?: string;
  sizes?: string;
}

export async function withMetadataFiles(
  resolved: ResolvedMetadata,
  levels: readonly RouteLevel[],
  params: Params,
  own: OwnImages,
  files: MetadataFileTable = table,
): Promise<ResolvedMetadata> {
  if (files.files.length === 0 || levels.length === 0) return resolved;
  const near = nearestImageFiles(files.files, levels);
  const next: ResolvedMetadata = { ...resolved };
  /** The images of a group of files, in order: a module may give several (`generateImageMetadata`). */
  const linked = async (group: readonly MetadataFile[]): Promise<LinkedImage[]> =>
    (await Promise.all(group.map((file) => imagesOf(file, params, files)))).flat();
  const icon = (image: LinkedImage) => ({
    url: image.url,
    ...(image.type ? { type: image.type } : {}),
    ...(image.sizes ? { sizes: image.sizes } : {}),
  });
  const image = ({ sizes: _sizes, ...rest }: LinkedImage): ImageDescriptor => rest;

  if (near.icon.length > 0 || near.apple.length > 0) {
    const given = resolved.icons;
    // The segment's own `icons`, as groups, so the files can go in front of its `icon` and `apple`.
    const groups: Record<string, unknown> =
      given == null ? {} : typeof given === 'string' || given instanceof URL || Array.isArray(given) || 'url' in given ? { icon: given } : { ...given };
    const asList = (value: unknown): unknown[] => (value == null ? [] : Array.isArray(value) ? value : [value]);
    if (near.icon.length > 0) groups.icon = [...(await linked(near.icon)).map(icon), ...asList(groups.icon)];
    if (near.apple.length > 0) groups.apple = [...(await linked(near.apple)).map(icon), ...asList(groups.apple)];
    next.icons = groups as Metadata['icons'];
  }
  if (near.openGraph && own.openGraph < near.openGraph.level) {
    next.openGraph = { ...(resolved.openGraph ?? {}), images: (await linked(near.openGraph.files)).map(image) };
  }
  if (near.twitter && own.twitter < near.twitter.level) {
    next.twitter = { ...(resolved.twitter ?? {}), images: (await linked(near.twitter.files)).map(image) };
  }
  // As in Next.js, the app's manifest file is linked whatever `metadata.manifest` says.
  const manifest = files.files.find((f) => f.kind === 'manifest');
  if (manifest) next.manifest = files.basePath + manifest.pattern;
  return next;
}

async function imagesOf(file: MetadataFile, params: Params, files: MetadataFileTable): Promise<LinkedImage[]> {
  const info = files.info.get(file.file);
  const path = files.basePath + metadataFileHref(file, params);
  // The favicon keeps its plain URL, as Next.js writes it; the others carry the content hash
  // so a changed image is fetched again.
  const hashed = (url: string): string => (file.kind === 'favicon' || !info ? url : `${url}?${info.hash}`);
  if (file.source === 'static') {
    const image: LinkedImage = { url: hashed(path) };
    if (info?.type) image.type = info.type;
    if (info?.width) {
      image.width = info.width;
      image.height = info.height;
    }
    if (info?.alt) image.alt = info.alt;
    const sizes = file.kind === 'favicon' || file.ext === 'svg' ? 'any' : info?.width ? `${info.width}x${info.height}` : undefined;
    if (sizes) image.sizes = sizes;
    return [image];
  }
  if (!files.load) return [];
  const module = await files.load(file.file);
  return (await codeImagesOf(file, module, params)).map((generated: CodeImage) => {
    const image: LinkedImage = { url: hashed(generated.id === undefined ? path : `${path}/${encodeURIComponent(generated.id)}`), type: generated.contentType };
    if (generated.width !== undefined) {
      image.width = generated.width;
      image.height = generated.height;
      image.sizes = `${generated.width}x${generated.height}`;
    }
    if (generated.alt !== undefined) image.alt = generated.alt;
    return image;
  });
}
