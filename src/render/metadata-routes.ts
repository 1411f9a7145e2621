/**
 * The URLs of the app's metadata files and what answers them: a static file is served as it is
 * (the caller has its bytes: the app folder in dev, the build output in production); a code
 * module (`robots.ts`, `sitemap.ts`, `manifest.ts`) has its default export called and written
 * in Next.js's format. Runs in the rsc environment, like page rendering.
 */
import { kilnError } from '../errors.ts';
import type { MetadataFile, MetadataMatch } from '../routing/metadata-files.ts';
import { matchMetadataFile } from '../routing/metadata-files.ts';
import { splitPathname } from '../routing/pathname.ts';
import { blame } from './blame.ts';
import { MANIFEST_TYPE, manifestJson, ROBOTS_TYPE, robotsTxt, SITEMAP_TYPE, sitemapXml } from './metadata-formats.ts';
import { isPlainObject } from './metadata.ts';

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
  /** The app pathnames a code module answers at build time (`/sitemap/0.xml`, …); its own URL otherwise. */
  urls(file: MetadataFile): Promise<string[]>;
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

    async urls(file) {
      if (file.source !== 'code' || file.kind !== 'sitemap') return [file.pattern];
      const ids = await sitemapIds(file, await loadOf(file));
      if (ids === null) return [file.pattern];
      const base = file.pattern.slice(0, -'.xml'.length);
      return ids.map((id) => `${base}/${encodeURIComponent(id)}.xml`);
    },
  };
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
