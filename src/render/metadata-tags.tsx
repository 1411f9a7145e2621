/**
 * Renders resolved metadata as `<title>`, `<meta>` and `<link>` elements, as Next.js documents
 * each field; React hoists them into `<head>`. Open Graph, Twitter cards and other social tags
 * are in metadata-social.tsx.
 */
import type { ReactNode } from 'react';
import type { AlternateField, IconField, Metadata, ResolvedMetadata, RobotsInfo, UrlField } from './metadata.ts';
import { socialTags } from './metadata-social.tsx';
import { list, TagList } from './metadata-tag-list.tsx';

export function metadataTags(m: ResolvedMetadata): ReactNode[] {
  const t = new TagList(m.metadataBase ?? null);
  if (m.title !== null) t.tags.push(<title key="title">{m.title}</title>);
  t.meta('description', m.description);
  t.meta('application-name', m.applicationName);
  for (const author of list(m.authors)) {
    t.meta('author', author.name);
    if (author.url) t.link('author', author.url);
  }
  if (m.manifest) t.link('manifest', m.manifest);
  t.meta('generator', m.generator);
  t.meta('keywords', Array.isArray(m.keywords) ? m.keywords.join(',') : m.keywords);
  t.meta('referrer', m.referrer);
  t.meta('creator', m.creator);
  t.meta('publisher', m.publisher);
  robotsTags(t, m.robots);
  t.meta('abstract', m.abstract);
  for (const href of list(m.archives)) t.link('archives', href);
  for (const href of list(m.assets)) t.link('assets', href);
  for (const href of list(m.bookmarks)) t.link('bookmarks', href);
  if (m.pagination?.previous) t.link('prev', m.pagination.previous);
  if (m.pagination?.next) t.link('next', m.pagination.next);
  t.meta('category', m.category);
  t.meta('classification', m.classification);
  alternateTags(t, m.alternates);
  verificationTags(t, m.verification);
  appleTags(t, m);
  formatDetectionTag(t, m.formatDetection);
  socialTags(t, m);
  iconTags(t, m.icons);
  for (const [name, value] of Object.entries(m.other ?? {})) {
    for (const content of list(value)) t.meta(name, content);
  }
  return t.tags;
}

/** `robots` and, from `robots.googleBot`, `googlebot`. */
function robotsTags(t: TagList, robots: Metadata['robots']): void {
  if (robots == null) return;
  if (typeof robots === 'string') return t.meta('robots', robots);
  const { googleBot, ...rest } = robots;
  t.meta('robots', robotsContent(rest));
  t.meta('googlebot', typeof googleBot === 'string' ? googleBot : googleBot ? robotsContent(googleBot) : undefined);
}

/** `index: false` → `noindex`; other true flags by name (false ones are left out); values as `key:value`. */
function robotsContent(robots: RobotsInfo): string | undefined {
  const parts: string[] = [];
  if (robots.index !== undefined) parts.push(robots.index ? 'index' : 'noindex');
  if (robots.follow !== undefined) parts.push(robots.follow ? 'follow' : 'nofollow');
  for (const [key, value] of Object.entries(robots)) {
    if (key === 'index' || key === 'follow') continue;
    if (value === true) parts.push(key);
    else if (typeof value === 'string' || typeof value === 'number') parts.push(`${key}:${value}`);
  }
  return parts.join(', ') || undefined;
}

/**
 * Canonical and alternate links. These are URLs other sites and crawlers read, so relative ones
 * are composed with `metadataBase`.
 */
function alternateTags(t: TagList, alternates: Metadata['alternates']): void {
  if (!alternates) return;
  const canonical = alternates.canonical;
  if (canonical) {
    const { url, title } = typeof canonical === 'string' || canonical instanceof URL ? { url: canonical, title: undefined } : canonical;
    t.link('canonical', t.url(url), { title });
  }
  const each = (group: Record<string, AlternateField> | undefined, attribute: 'hrefLang' | 'media' | 'type'): void => {
    for (const [key, value] of Object.entries(group ?? {})) {
      for (const item of list<UrlField | { url: UrlField; title?: string }>(value)) {
        const { url, title } = typeof item === 'string' || item instanceof URL ? { url: item, title: undefined } : item;
        t.link('alternate', t.url(url), { [attribute]: key, title });
      }
    }
  };
  each(alternates.languages, 'hrefLang');
  each(alternates.media, 'media');
  each(alternates.types, 'type');
}

function verificationTags(t: TagList, verification: Metadata['verification']): void {
  if (!verification) return;
  const names: Array<[string, 'google' | 'yahoo' | 'yandex' | 'me']> = [
    ['google-site-verification', 'google'],
    ['y_key', 'yahoo'],
    ['yandex-verification', 'yandex'],
    ['me', 'me'],
  ];
  for (const [name, key] of names) {
    for (const content of list(verification[key])) t.meta(name, content);
  }
  for (const [name, value] of Object.entries(verification.other ?? {})) {
    for (const content of list(value)) t.meta(name, content);
  }
}

/** `itunes` (Smart App Banner) and `appleWebApp` (home-screen web app). */
function appleTags(t: TagList, m: ResolvedMetadata): void {
  if (m.itunes) {
    const { appId, appArgument } = m.itunes;
    t.meta('apple-itunes-app', `app-id=${appId}${appArgument ? `, app-argument=${appArgument}` : ''}`);
  }
  const app = m.appleWebApp;
  if (!app) return;
  // `appleWebApp: true` and an object without `capable: false` both ask for a capable web app.
  const options = app === true ? {} : app;
  if (options.capable !== false) t.meta('mobile-web-app-capable', 'yes');
  t.meta('apple-mobile-web-app-title', options.title);
  for (const image of list(options.startupImage)) {
    const { url, media } = typeof image === 'string' || image instanceof URL ? { url: image, media: undefined } : image;
    t.link('apple-touch-startup-image', url, { media });
  }
  t.meta('apple-mobile-web-app-status-bar-style', options.statusBarStyle);
}

/** Only what is turned off is written: browsers detect every format by default. */
function formatDetectionTag(t: TagList, detection: Metadata['formatDetection']): void {
  if (!detection) return;
  const off = (['telephone', 'date', 'address', 'email', 'url'] as const).filter((key) => detection[key] === false);
  t.meta('format-detection', off.map((key) => `${key}=no`).join(', '));
}

/** Icons as the page's own resources: `shortcut icon`, `icon`, `apple-touch-icon`, then others by their `rel`. */
function iconTags(t: TagList, icons: Metadata['icons']): void {
  if (icons == null) return;
  type Groups = Partial<Record<'icon' | 'shortcut' | 'apple' | 'other', IconField | IconField[]>>;
  // A bare icon or list of icons is the `icon` group.
  const groups: Groups = typeof icons === 'string' || icons instanceof URL || Array.isArray(icons) || 'url' in icons
    ? { icon: icons as IconField | IconField[] }
    : icons;
  const put = (rel: string, items: IconField | IconField[] | undefined): void => {
    for (const icon of list(items)) {
      if (typeof icon === 'string' || icon instanceof URL) {
        t.link(rel, icon);
        continue;
      }
      const { url, rel: own, ...attributes } = icon;
      t.link(own ?? rel, url, attributes);
    }
  };
  put('shortcut icon', groups.shortcut);
  put('icon', groups.icon);
  put('apple-touch-icon', groups.apple);
  put('icon', groups.other);
}
