/**
 * Next.js metadata files (`favicon.ico`, `icon.png`, `opengraph-image.jpg`, `robots.ts`,
 * `sitemap.ts`, `manifest.ts`, …): which app files they are, the URL each is served at, and which
 * ones a page's `<head>` links. Pure: file paths in, data out.
 */
import { parseSegment } from './segments.ts';
import type { Params, RouteLevel, Segment } from './types.ts';

export type MetadataFileKind =
  | 'favicon'
  | 'icon'
  | 'apple-icon'
  | 'opengraph-image'
  | 'twitter-image'
  | 'robots'
  | 'sitemap'
  | 'manifest';

/** The kinds a page's `<head>` links (the others are only served). */
export const IMAGE_KINDS: readonly MetadataFileKind[] = ['favicon', 'icon', 'apple-icon', 'opengraph-image', 'twitter-image'];

export interface MetadataFile {
  kind: MetadataFileKind;
  /** Project-relative file, e.g. `app/blog/opengraph-image.png`. */
  file: string;
  /** Project-relative folder holding it (`app` for the root). */
  dir: string;
  /** `static`: served as it is; `code`: a module whose default export is rendered. */
  source: 'static' | 'code';
  /** The name as served, without extension: `icon`, `icon2`, `opengraph-image`. */
  name: string;
  /** The URL pattern, groups removed: `/blog/[slug]/opengraph-image.png`, `/robots.txt`. */
  pattern: string;
  /** The folder's URL segments (groups removed), root first. */
  segments: Segment[];
  /** The served file's extension: `png`, `txt`, `xml`, `webmanifest`; '' for a generated image. */
  ext: string;
}

const CODE = ['js', 'jsx', 'ts', 'tsx'];

interface Convention {
  kind: MetadataFileKind;
  /** Static file extensions. */
  files: readonly string[];
  /** Module extensions (rendered); none for kinds only a file can give. */
  code: readonly string[];
  /** Only in the app's root folder, as Next.js allows. */
  rootOnly: boolean;
  /** `icon1.png`, `icon2.png`: Next.js allows a number after the name. */
  numbered: boolean;
}

const CONVENTIONS: readonly Convention[] = [
  { kind: 'favicon', files: ['ico'], code: [], rootOnly: true, numbered: false },
  { kind: 'icon', files: ['ico', 'jpg', 'jpeg', 'png', 'svg'], code: CODE, rootOnly: false, numbered: true },
  { kind: 'apple-icon', files: ['jpg', 'jpeg', 'png'], code: CODE, rootOnly: false, numbered: true },
  { kind: 'opengraph-image', files: ['jpg', 'jpeg', 'png', 'gif'], code: CODE, rootOnly: false, numbered: true },
  { kind: 'twitter-image', files: ['jpg', 'jpeg', 'png', 'gif'], code: CODE, rootOnly: false, numbered: true },
  { kind: 'robots', files: ['txt'], code: ['js', 'ts'], rootOnly: true, numbered: false },
  { kind: 'sitemap', files: ['xml'], code: ['js', 'ts'], rootOnly: false, numbered: false },
  { kind: 'manifest', files: ['json', 'webmanifest'], code: ['js', 'ts'], rootOnly: true, numbered: false },
];

/** What a code module is served as: Next.js's fixed extensions, none for generated images. */
const CODE_EXT: Record<MetadataFileKind, string> = {
  favicon: '',
  icon: '',
  'apple-icon': '',
  'opengraph-image': '',
  'twitter-image': '',
  robots: 'txt',
  sitemap: 'xml',
  manifest: 'webmanifest',
};

/** Every file name a metadata file may have, for globbing (`icon*.png` covers `icon2.png`). */
export function metadataFileGlobs(): { files: string[]; code: string[] } {
  const files: string[] = [];
  const code: string[] = [];
  for (const c of CONVENTIONS) {
    const stem = c.numbered ? `${c.kind}*` : c.kind;
    // A brace with one choice is not expanded by every glob matcher: write it plain.
    const exts = (list: readonly string[]): string => (list.length === 1 ? list[0] : `{${list.join(',')}}`);
    files.push(`${stem}.${exts(c.files)}`);
    if (c.code.length > 0) code.push(`${stem}.${exts(c.code)}`);
  }
  return { files, code };
}

/**
 * The metadata kind of a file name relative to the app folder (`blog/icon.png`), or null. A
 * favicon, robots or manifest below the root is not one, as in Next.js; nor is anything under a
 * `_private` folder. `opengraph-image.alt.txt` is a companion file, not a metadata file.
 */
export function classifyMetadataFile(relPath: string): { kind: MetadataFileKind; source: 'static' | 'code'; name: string; ext: string } | null {
  const parts = relPath.split('/').filter((p) => p !== '' && p !== '.');
  const base = parts.pop();
  if (base === undefined || parts.some((p) => p.startsWith('_'))) return null;
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return null;
  const name = base.slice(0, dot);
  const ext = base.slice(dot + 1);
  for (const c of CONVENTIONS) {
    if (!(name === c.kind || (c.numbered && name.startsWith(c.kind) && /^\d+$/.test(name.slice(c.kind.length))))) continue;
    if (c.rootOnly && parts.length > 0) return null;
    if (c.files.includes(ext)) return { kind: c.kind, source: 'static', name, ext };
    if (c.code.includes(ext)) return { kind: c.kind, source: 'code', name, ext: CODE_EXT[c.kind] };
    return null;
  }
  return null;
}

/**
 * The metadata files among `files` (relative to the app folder, as for `buildRouteTree`), with
 * project-relative paths, sorted by pattern then file so numbered icons come in Next.js's
 * (lexical) order. Folders whose names do not parse are left to the route tree to report.
 */
export function collectMetadataFiles(files: readonly string[], appDir = 'app'): MetadataFile[] {
  const base = appDir.replace(/\/+$/, '') || '.';
  const found: MetadataFile[] = [];
  for (const rel of files) {
    const info = classifyMetadataFile(rel);
    if (info === null) continue;
    const parts = rel.split('/').filter((p) => p !== '' && p !== '.');
    parts.pop();
    let segments: Segment[];
    try {
      segments = parts.map((p, i) => parseSegment(p, `${base}/${parts.slice(0, i + 1).join('/')}`)).filter((s) => s.kind !== 'group');
    } catch {
      continue;
    }
    const dir = parts.length === 0 ? base : `${base}/${parts.join('/')}`;
    const last = info.ext === '' ? info.name : `${info.name}.${info.ext}`;
    const pattern = `/${[...segments.map((s) => s.raw), last].join('/')}`;
    found.push({ ...info, file: `${dir}/${rel.slice(rel.lastIndexOf('/') + 1)}`, dir, pattern, segments });
  }
  return found.sort((a, b) => (a.pattern === b.pattern ? cmp(a.file, b.file) : cmp(a.pattern, b.pattern)));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Per kind, the image files of the folder nearest to the leaf of `levels` that has any: a
 * deeper `icon.png` replaces the root's `favicon.ico` and `icon.svg` (icons are one kind, as
 * in Next.js); Open Graph and Twitter images keep their level so a segment's own
 * `openGraph.images` can win over files at or above it.
 */
export function nearestImageFiles(
  files: readonly MetadataFile[],
  levels: readonly Pick<RouteLevel, 'dir'>[],
): { icon: MetadataFile[]; apple: MetadataFile[]; openGraph: { level: number; files: MetadataFile[] } | null; twitter: { level: number; files: MetadataFile[] } | null } {
  const result: ReturnType<typeof nearestImageFiles> = { icon: [], apple: [], openGraph: null, twitter: null };
  levels.forEach((level, i) => {
    const here = files.filter((f) => f.dir === level.dir && (f.kind !== 'favicon' || i === 0));
    const icons = here.filter((f) => f.kind === 'favicon' || f.kind === 'icon');
    // The favicon goes first, as Next.js lists it.
    if (icons.length > 0) result.icon = [...icons.filter((f) => f.kind === 'favicon'), ...icons.filter((f) => f.kind === 'icon')];
    const apple = here.filter((f) => f.kind === 'apple-icon');
    if (apple.length > 0) result.apple = apple;
    const og = here.filter((f) => f.kind === 'opengraph-image');
    if (og.length > 0) result.openGraph = { level: i, files: og };
    const tw = here.filter((f) => f.kind === 'twitter-image');
    if (tw.length > 0) result.twitter = { level: i, files: tw };
  });
  return result;
}

/**
 * The encoded URL of a metadata file for a page's params (`/blog/hello/opengraph-image.png`).
 * Only the params of the file's own folders are used; a missing one (a file under `[slug]`
 * linked from a page that has no `slug`) cannot happen for files found on the page's levels.
 */
export function metadataFileHref(file: Pick<MetadataFile, 'segments' | 'pattern'>, params: Params): string {
  const parts: string[] = [];
  for (const s of file.segments) {
    if (s.kind === 'static') parts.push(encodeURIComponent(s.value ?? s.raw));
    else if (s.kind === 'private' || s.kind === 'group') continue;
    else {
      const value = params[s.param!];
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) parts.push(encodeURIComponent(v));
    }
  }
  const last = file.pattern.slice(file.pattern.lastIndexOf('/') + 1);
  return `/${[...parts, last].join('/')}`;
}

export interface MetadataMatch {
  file: MetadataFile;
  params: Params;
  /**
   * `sitemap/[id].xml` (generateSitemaps) or `icon/[id]` (generateImageMetadata): the id asked
   * for. Absent for the file's plain URL.
   */
  id?: string;
}

/**
 * The metadata file a decoded pathname's parts ask for, or null. A code module also answers
 * one level deeper, at its ids: `/sitemap/0.xml`, `/icon/small`; whether the id exists is for
 * its module to say.
 */
export function matchMetadataFile(files: readonly MetadataFile[], parts: readonly string[]): MetadataMatch | null {
  for (const file of files) {
    const last = file.pattern.slice(file.pattern.lastIndexOf('/') + 1);
    const tail = parts[parts.length - 1];
    if (tail === last) {
      const params = matchSegments(file.segments, parts.slice(0, -1));
      if (params) return { file, params };
    }
    if (file.source === 'code' && parts.length >= 2 && parts[parts.length - 2] === file.name) {
      const id = file.ext === '' ? tail : tail.endsWith(`.${file.ext}`) ? tail.slice(0, -file.ext.length - 1) : null;
      if (id === null || id === '') continue;
      const params = matchSegments(file.segments, parts.slice(0, -2));
      if (params) return { file, params, id };
    }
  }
  return null;
}

/** Params when `parts` fill `segments` exactly (static equal, `[x]` one part, catch-alls the rest). */
function matchSegments(segments: readonly Segment[], parts: readonly string[]): Params | null {
  const params: Params = {};
  let p = 0;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    if (s.kind === 'static') {
      if (parts[p] !== (s.value ?? s.raw)) return null;
      p++;
    } else if (s.kind === 'dynamic') {
      if (p >= parts.length) return null;
      params[s.param!] = parts[p++];
    } else if (s.kind === 'catchAll' || s.kind === 'optionalCatchAll') {
      // Catch-alls are last in their route; a file beside one takes every remaining part.
      const rest = parts.slice(p);
      if (rest.length === 0 && s.kind === 'catchAll') return null;
      if (rest.length > 0) params[s.param!] = rest;
      p = parts.length;
    }
  }
  return p === parts.length ? params : null;
}
