/**
 * The URLs of the app's metadata files and what answers them: a static file is served as it is
 * (the caller has its bytes: the app folder in dev, the build output in production); a code
 * module (`robots.ts`, `sitemap.ts`, `manifest.ts`) has its default export called and written
 * in Next.js's format. Runs in the rsc environment, like page rendering.
 */
import { kilnError } from '../errors.ts';
import type { MetadataFile, MetadataMatch } from '../routing/metadata-files.ts';
import { matchMetadataFile, metadataFileHref } from '../routing/metadata-files.ts';
import type { Params } from '../routing/types.ts';
import { splitPathname } from '../routing/pathname.ts';
import { blame } from './blame.ts';
import { MANIFEST_TYPE, manifestJson, ROBOTS_TYPE, robotsTxt, SITEMAP_TYPE, sitemapXml } from './metadata-formats.ts';
import { isPlainObject } from './metadata.ts';
import { codeImagesOf } from './metadata-images.ts';
import { paramsProp } from './params-prop.ts';

export interface MetadataBody {
  body: Uint8Array;
  contentType: string;
}

export interface MetadataRoutes {
  /** Every metadata file of the app, static and code. */
  files: readonly MetadataFile[];
  /** The metadata file an app pathname (no base path) asks for, or null. */
  match(pathname: string): MetadataMatch | null;
  /**
   * A code module's answer for a match, or null when it has none there (an id that
   * `generateSitemaps` does not list, or its plain URL when it does). Static files: null.
   */
  render(match: MetadataMatch): Promise<MetadataBody | null>;
  /**
   * The app pathnames (encoded) a code module answers for a page's params: its own URL, or one
   * per `generateSitemaps` / `generateImageMetadata` id (`/sitemap/0.xml`, `/icon/small`).
   */
  urls(file: MetadataFile, params?: Params): Promise<string[]>;
}

type LoadModule = (file: string) => Promise<Record<string, unknown>>;

const encoder = new TextEncoder();

export function createMetadataRoutes(files: readonly MetadataFile[], load: LoadModule): MetadataRoutes {
  async function loadOf(file: MetadataFile): Promise<Record<string, unknown>> {
    try {
      return await load(file.file);
    } catch (error) {
      blame(error, file.file);
      throw error;
    }
  }

  /** `generateSitemaps()`'s ids, as text; null when the module has none. */
  async function sitemapIds(file: MetadataFile, module: Record<string, unknown>): Promise<string[] | null> {
    const generate = module.generateSitemaps;
    if (typeof generate !== 'function') return null;
    const value: unknown = await call(file, () => generate());
    if (!Array.isArray(value) || !value.every((item) => isPlainObject(item) && (typeof item.id === 'string' || typeof item.id === 'number'))) {
      throw kilnError('METADATA_ROUTE_INVALID', { file: file.file, url: file.pattern, source: 'generateSitemaps()', kind: 'sitemap.xml', value, expected: 'an array of { id } (a string or a number)' });
    }
    return value.map((item) => String((item as { id: string | number }).id));
  }

  return {
    files,
    match(pathname) {
      const split = splitPathname(pathname);
      if (typeof split === 'string' || split.parts.length === 0) return null;
      return matchMetadataFile(files, split.parts);
    },

    async render(match) {
      const { file } = match;
      if (file.source !== 'code') return null;
      const module = await loadOf(file);
      const generate = module.default;
      const url = match.id === undefined ? file.pattern : `${file.pattern.slice(0, -file.ext.length - 1)}/${match.id}.${file.ext}`;
      const where = { file: file.file, url, source: 'the default export' };
      if (typeof generate !== 'function') {
        throw kilnError('METADATA_ROUTE_INVALID', { ...where, kind: `${file.name}.${file.ext}`, value: generate, expected: 'a function' });
      }
      if (file.ext === '') return renderImage(match, module, generate as (...args: unknown[]) => unknown);
      let argument: unknown;
      if (file.kind === 'sitemap') {
        const ids = await sitemapIds(file, module);
        // With generateSitemaps only the listed ids exist, as in Next.js; without, only the plain URL.
        if ((ids === null) !== (match.id === undefined)) return null;
        if (ids !== null && !ids.includes(match.id!)) return null;
        if (match.id !== undefined) argument = { id: match.id };
      } else if (match.id !== undefined) {
        return null;
      }
      const value: unknown = await call(file, () => generate(argument));
      const source = { ...where, source: `${file.name}()` };
      switch (file.kind) {
        case 'robots':
          return { body: encoder.encode(robotsTxt(value, source)), contentType: ROBOTS_TYPE };
        case 'sitemap':
          return { body: encoder.encode(sitemapXml(value, source)), contentType: SITEMAP_TYPE };
        case 'manifest':
          return { body: encoder.encode(manifestJson(value, source)), contentType: MANIFEST_TYPE };
        default:
          return null;
      }
    },

    async urls(file, params = {}) {
      if (file.source === 'code' && file.ext === '') {
        const base = metadataFileHref(file, params);
        const images = await codeImagesOf(file, await loadOf(file), params);
        return images.map((image) => (image.id === undefined ? base : `${base}/${encodeURIComponent(image.id)}`));
      }
      if (file.source !== 'code' || file.kind !== 'sitemap') return [file.pattern];
      const ids = await sitemapIds(file, await loadOf(file));
      if (ids === null) return [file.pattern];
      const base = file.pattern.slice(0, -'.xml'.length);
      return ids.map((id) => `${base}/${encodeURIComponent(id)}.xml`);
    },
  };
}

/**
 * An image module's answer: its default export called with the page's params (and the id, as
 * `generateImageMetadata` gave it), which returns a `Response` such as `ImageResponse`.
 */
async function renderImage(match: MetadataMatch, module: Record<string, unknown>, generate: (...args: unknown[]) => unknown): Promise<MetadataBody | null> {
  const { file, params } = match;
  const images = await codeImagesOf(file, module, params);
  const image = images.find((i) => i.id === match.id);
  if (!image) return null;
  const argument: Record<string, unknown> = { params: paramsProp(params) };
  if (image.rawId !== undefined) argument.id = image.rawId;
  const value = await call(file, () => generate(argument));
  if (!(value instanceof Response)) {
    throw kilnError('METADATA_ROUTE_INVALID', {
      file: file.file,
      url: metadataFileHref(file, params),
      source: 'the default export',
      kind: file.name,
      value,
      expected: 'a Response, such as new ImageResponse(…) from next/og',
    });
  }
  let body: Uint8Array;
  try {
    body = new Uint8Array(await value.arrayBuffer());
  } catch (error) {
    blame(error, file.file);
    throw error;
  }
  return { body, contentType: value.headers.get('content-type') ?? image.contentType };
}

/** Runs the app's function, so an error it throws names its file. */
async function call(file: MetadataFile, run: () => unknown): Promise<unknown> {
  try {
    return await run();
  } catch (error) {
    blame(error, file.file);
    throw error;
  }
}
