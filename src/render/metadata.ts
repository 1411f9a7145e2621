/**
 * The Next.js `metadata` / `generateMetadata` object and its root→leaf merge. Pure: no React.
 * Kiln supports the commonly used fields; unknown fields are ignored, never rendered blindly.
 */

export type TitleField = string | { default?: string; template?: string; absolute?: string } | null;

export interface Author {
  name?: string;
  url?: string | URL;
}

export type ImageField = string | URL | { url: string | URL; width?: number | string; height?: number | string; alt?: string };

export interface Metadata {
  title?: TitleField;
  description?: string | null;
  applicationName?: string | null;
  generator?: string | null;
  keywords?: string | string[] | null;
  authors?: Author | Author[] | null;
  creator?: string | null;
  publisher?: string | null;
  category?: string | null;
  robots?: string | { index?: boolean; follow?: boolean; [directive: string]: unknown } | null;
  metadataBase?: string | URL | null;
  alternates?: { canonical?: string | URL | null } | null;
  manifest?: string | URL | null;
  icons?: string | URL | Array<string | URL> | { icon?: string | URL | Array<string | URL>; apple?: string | URL | Array<string | URL> } | null;
  openGraph?: {
    title?: string;
    description?: string;
    url?: string | URL;
    siteName?: string;
    locale?: string;
    type?: string;
    images?: ImageField | ImageField[];
  } | null;
  twitter?: {
    card?: string;
    title?: string;
    description?: string;
    site?: string;
    creator?: string;
    images?: ImageField | ImageField[];
  } | null;
  other?: Record<string, string | number | Array<string | number>> | null;
}

/** The merged metadata of a page. `title` is final text; `template` waits for deeper segments. */
export interface ResolvedMetadata extends Omit<Metadata, 'title'> {
  title: string | null;
  template: string | null;
}

export const EMPTY_METADATA: ResolvedMetadata = Object.freeze({ title: null, template: null }) as ResolvedMetadata;

const FIELDS = [
  'description',
  'applicationName',
  'generator',
  'keywords',
  'authors',
  'creator',
  'publisher',
  'category',
  'robots',
  'metadataBase',
  'alternates',
  'manifest',
  'icons',
  'openGraph',
  'twitter',
  'other',
] as const;

/**
 * Merges one segment's metadata over its parents'. A title string goes through the nearest
 * ancestor's `template`; `absolute` skips it; `default` is used as is. A `template` applies to
 * deeper segments only, and only a layout's (`ownsChildren`) is kept.
 */
export function mergeMetadata(parent: ResolvedMetadata, child: Metadata, ownsChildren: boolean): ResolvedMetadata {
  const next: ResolvedMetadata = { ...parent };
  for (const key of FIELDS) {
    if (child[key] !== undefined) (next as unknown as Record<string, unknown>)[key] = child[key];
  }
  const title = child.title;
  if (typeof title === 'string') {
    next.title = applyTemplate(parent.template, title);
  } else if (title === null) {
    next.title = null;
  } else if (title !== undefined) {
    if (title.absolute !== undefined) next.title = title.absolute;
    else if (title.default !== undefined) next.title = title.default;
    if (ownsChildren && title.template !== undefined) next.template = title.template;
  }
  return next;
}

export function applyTemplate(template: string | null, title: string): string {
  return template ? template.replace(/%s/g, title) : title;
}

/** A URL field as text, resolved against `metadataBase` when it is relative. */
export function resolveUrl(value: string | URL, base: string | URL | null | undefined): string {
  if (value instanceof URL) return value.href;
  if (!base || /^[a-z][a-z\d+.-]*:/i.test(value) || value.startsWith('//')) return value;
  return new URL(value, base).href;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
