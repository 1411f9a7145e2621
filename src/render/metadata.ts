/**
 * The Next.js `metadata` / `generateMetadata` object and its root→leaf merge. Pure: no React.
 * The fields are Next.js's documented ones; unknown fields are ignored, never rendered blindly.
 * The tags are written by metadata-tags.tsx (and metadata-social.tsx for Open Graph and cards).
 */

export type TitleField = string | { default?: string; template?: string | null; absolute?: string } | null;

/** A URL as apps write it: text (relative ones resolve against `metadataBase`) or a `URL`. */
export type UrlField = string | URL;

export interface Author {
  name?: string;
  url?: UrlField;
}

export interface ImageDescriptor {
  url: UrlField;
  secureUrl?: UrlField;
  type?: string;
  width?: number | string;
  height?: number | string;
  alt?: string;
}
export type ImageField = UrlField | ImageDescriptor;
export type VideoField = UrlField | Omit<ImageDescriptor, 'alt'>;
export type AudioField = UrlField | Pick<ImageDescriptor, 'url' | 'secureUrl' | 'type'>;

type Many<T> = T | T[];

/** `robots` and `robots.googleBot`: booleans name a directive, other values are `key:value`. */
export interface RobotsInfo {
  index?: boolean;
  follow?: boolean;
  [directive: string]: unknown;
}

export interface OpenGraph {
  type?: string;
  determiner?: string;
  title?: string;
  description?: string;
  url?: UrlField;
  siteName?: string;
  locale?: string;
  alternateLocale?: Many<string>;
  countryName?: string;
  ttl?: number;
  emails?: Many<string>;
  phoneNumbers?: Many<string>;
  faxNumbers?: Many<string>;
  images?: Many<ImageField>;
  videos?: Many<VideoField>;
  audio?: Many<AudioField>;
  /** `type: 'article'` */
  publishedTime?: string;
  modifiedTime?: string;
  expirationTime?: string;
  section?: string | null;
  /** `article` and `book` */
  authors?: Many<UrlField> | null;
  tags?: Many<string> | null;
  /** `type: 'book'` */
  isbn?: string;
  releaseDate?: string;
  /** `type: 'profile'` */
  firstName?: string;
  lastName?: string;
  username?: string;
  gender?: string;
}

export interface TwitterApp {
  name?: string;
  id?: { iphone?: string | number; ipad?: string | number; googleplay?: string };
  url?: { iphone?: UrlField; ipad?: UrlField; googleplay?: UrlField };
}

export interface Twitter {
  card?: 'summary' | 'summary_large_image' | 'player' | 'app' | (string & {});
  site?: string;
  siteId?: string;
  creator?: string;
  creatorId?: string;
  title?: string;
  description?: string;
  images?: Many<ImageField>;
  players?: Many<{ playerUrl: UrlField; streamUrl: UrlField; width: number; height: number }>;
  app?: TwitterApp;
}

/** An icon: its URL, or a descriptor whose other keys become attributes of the `<link>`. */
export type IconField = UrlField | { url: UrlField; rel?: string; type?: string; sizes?: string; media?: string; color?: string; fetchPriority?: 'high' | 'low' | 'auto' };

/** An alternate: its URL, or a list of `{ url, title }`. */
export type AlternateField = UrlField | null | Array<{ url: UrlField; title?: string }>;

export interface Metadata {
  title?: TitleField;
  description?: string | null;
  applicationName?: string | null;
  generator?: string | null;
  keywords?: string | string[] | null;
  authors?: Many<Author> | null;
  creator?: string | null;
  publisher?: string | null;
  referrer?: string | null;
  abstract?: string | null;
  category?: string | null;
  classification?: string | null;
  robots?: string | (RobotsInfo & { googleBot?: string | RobotsInfo }) | null;
  metadataBase?: UrlField | null;
  alternates?: {
    canonical?: UrlField | { url: UrlField; title?: string } | null;
    languages?: Record<string, AlternateField>;
    media?: Record<string, AlternateField>;
    types?: Record<string, AlternateField>;
  } | null;
  manifest?: UrlField | null;
  icons?: Many<IconField> | { icon?: Many<IconField>; shortcut?: Many<IconField>; apple?: Many<IconField>; other?: Many<IconField> } | null;
  verification?: { google?: Many<string | number>; yahoo?: Many<string | number>; yandex?: Many<string | number>; me?: Many<string | number>; other?: Record<string, Many<string | number>> } | null;
  formatDetection?: { telephone?: boolean; date?: boolean; address?: boolean; email?: boolean; url?: boolean } | null;
  appleWebApp?: boolean | { capable?: boolean; title?: string; statusBarStyle?: string; startupImage?: Many<UrlField | { url: UrlField; media?: string }> } | null;
  itunes?: { appId: string; appArgument?: string } | null;
  archives?: Many<UrlField> | null;
  assets?: Many<UrlField> | null;
  bookmarks?: Many<UrlField> | null;
  pagination?: { previous?: UrlField | null; next?: UrlField | null } | null;
  openGraph?: OpenGraph | null;
  twitter?: Twitter | null;
  facebook?: { appId?: string; admins?: Many<string> } | null;
  pinterest?: { richPin?: boolean | string } | null;
  appLinks?: Record<string, Many<Record<string, string | number | boolean | URL | undefined>>> | null;
  other?: Record<string, Many<string | number>> | null;
}

/** The merged metadata of a page. `title` is final text; `template` waits for deeper segments. */
export interface ResolvedMetadata extends Omit<Metadata, 'title'> {
  title: string | null;
  template: string | null;
}

export const EMPTY_METADATA: ResolvedMetadata = Object.freeze({ title: null, template: null }) as ResolvedMetadata;

/** Every top-level key but `title`; a deeper segment's value replaces its parent's whole. */
const FIELDS = [
  'description', 'applicationName', 'generator', 'keywords', 'authors', 'creator', 'publisher', 'referrer',
  'abstract', 'category', 'classification', 'robots', 'metadataBase', 'alternates', 'manifest', 'icons',
  'verification', 'formatDetection', 'appleWebApp', 'itunes', 'archives', 'assets', 'bookmarks', 'pagination',
  'openGraph', 'twitter', 'facebook', 'pinterest', 'appLinks', 'other',
] as const satisfies ReadonlyArray<keyof Metadata>;

/**
 * Merges one segment's metadata over its parents', shallowly as Next.js does: a key a segment
 * sets replaces the parent's value whole (a page's `openGraph` drops the layout's
 * `openGraph.images`). A title string and `title.default` go through the nearest ancestor's
 * `template`; `absolute` skips it. A segment that sets a title also sets the template for the
 * segments below it (its own `template`, or none); only a layout's (`ownsChildren`) is kept.
 */
export function mergeMetadata(parent: ResolvedMetadata, child: Metadata, ownsChildren: boolean): ResolvedMetadata {
  const next: ResolvedMetadata = { ...parent };
  for (const key of FIELDS) {
    if (child[key] !== undefined) (next as unknown as Record<string, unknown>)[key] = child[key];
  }
  const title = child.title;
  if (title === undefined) return next;
  if (typeof title === 'string') {
    next.title = applyTemplate(parent.template, title);
  } else if (title === null) {
    next.title = null;
  } else {
    if (title.absolute !== undefined) next.title = title.absolute;
    else if (title.default !== undefined) next.title = applyTemplate(parent.template, title.default);
  }
  next.template = ownsChildren && title !== null && typeof title === 'object' ? (title.template ?? null) : null;
  return next;
}

export function applyTemplate(template: string | null, title: string): string {
  return template ? template.replace(/%s/g, title) : title;
}

const ABSOLUTE = /^[a-z][a-z\d+.-]*:|^\/\//i;

/**
 * A URL field as text, composed with `metadataBase` when relative, as Next.js documents it: the
 * field's path continues the base's path whatever its leading `/`, `./` or `../` (with base
 * `https://a.com/shop`, `/x` and `../x` are both `https://a.com/shop/x`), slashes between them
 * are collapsed, and the base itself (`/`) has no trailing slash. Without a base the text is
 * kept: the browser resolves it against the page.
 */
export function resolveUrl(value: UrlField, base: UrlField | null | undefined): string {
  if (value instanceof URL) return value.href;
  if (!base || ABSOLUTE.test(value)) return value;
  const root = base instanceof URL ? base : new URL(base);
  const rest = value.replace(/^(?:\.{1,2}(?:\/|$)|\/)+/, '');
  const path = root.pathname.replace(/\/+$/, '');
  return `${root.origin}${path}${rest === '' ? '' : `/${rest}`}`;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
