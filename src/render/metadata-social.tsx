/**
 * The tags other sites read when a page is shared: Open Graph (`og:`, `article:`, `book:`,
 * `profile:`), Twitter/X cards, Facebook, Pinterest and App Links. Their URLs must be absolute
 * for the readers, so relative ones are composed with `metadataBase`.
 */
import type { AudioField, ImageField, OpenGraph, ResolvedMetadata, Twitter, VideoField } from './metadata.ts';
import { list, type TagList } from './metadata-tag-list.tsx';

export function socialTags(t: TagList, m: ResolvedMetadata): void {
  if (m.openGraph) openGraphTags(t, m.openGraph);
  if (m.twitter) twitterTags(t, m.twitter);
  if (m.facebook) {
    t.property('fb:app_id', m.facebook.appId);
    for (const admin of list(m.facebook.admins)) t.property('fb:admins', admin);
  }
  if (m.pinterest && m.pinterest.richPin !== undefined) t.meta('pinterest-rich-pin', String(m.pinterest.richPin));
  for (const [platform, entries] of Object.entries(m.appLinks ?? {})) {
    for (const entry of list<Record<string, string | number | boolean | URL | undefined>>(entries)) {
      for (const [key, value] of Object.entries(entry)) t.property(`al:${platform}:${key}`, value instanceof URL ? value.href : value);
    }
  }
}

function openGraphTags(t: TagList, og: OpenGraph): void {
  t.property('og:determiner', og.determiner);
  t.property('og:title', og.title);
  t.property('og:description', og.description);
  if (og.url) t.property('og:url', normalized(t.url(og.url)));
  t.property('og:site_name', og.siteName);
  t.property('og:locale', og.locale);
  t.property('og:country_name', og.countryName);
  t.property('og:ttl', og.ttl);
  for (const image of list(og.images)) media(t, 'og:image', image);
  for (const video of list(og.videos)) media(t, 'og:video', video);
  for (const audio of list(og.audio)) media(t, 'og:audio', audio);
  for (const email of list(og.emails)) t.property('og:email', email);
  for (const phone of list(og.phoneNumbers)) t.property('og:phone_number', phone);
  for (const fax of list(og.faxNumbers)) t.property('og:fax_number', fax);
  for (const locale of list(og.alternateLocale)) t.property('og:locale:alternate', locale);
  t.property('og:type', og.type);
  // Each type has its own namespace of fields, written only for that type, as Next.js does.
  const many = (name: string, values: readonly unknown[]): void => values.forEach((value) => t.property(name, urlText(value)));
  switch (og.type) {
    case 'article':
      t.property('article:published_time', og.publishedTime);
      t.property('article:modified_time', og.modifiedTime);
      t.property('article:expiration_time', og.expirationTime);
      many('article:author', list(og.authors));
      t.property('article:section', og.section);
      many('article:tag', list(og.tags));
      break;
    case 'book':
      t.property('book:isbn', og.isbn);
      t.property('book:release_date', og.releaseDate);
      many('book:author', list(og.authors));
      many('book:tag', list(og.tags));
      break;
    case 'profile':
      t.property('profile:first_name', og.firstName);
      t.property('profile:last_name', og.lastName);
      t.property('profile:username', og.username);
      t.property('profile:gender', og.gender);
      break;
  }
}

/** `og:image` and its structured properties, in the order the Open Graph protocol lists them. */
function media(t: TagList, name: string, item: ImageField | VideoField | AudioField): void {
  if (typeof item === 'string' || item instanceof URL) return t.property(name, t.url(item));
  t.property(name, t.url(item.url));
  if (item.secureUrl) t.property(`${name}:secure_url`, t.url(item.secureUrl));
  t.property(`${name}:type`, item.type);
  if ('width' in item) t.property(`${name}:width`, item.width);
  if ('height' in item) t.property(`${name}:height`, item.height);
  if ('alt' in item) t.property(`${name}:alt`, item.alt);
}

function twitterTags(t: TagList, tw: Twitter): void {
  const images = list(tw.images);
  // X shows no card without `twitter:card`; Next.js picks one from the images when it is left out.
  t.meta('twitter:card', tw.card ?? (images.length > 0 ? 'summary_large_image' : 'summary'));
  t.meta('twitter:site', tw.site);
  t.meta('twitter:site:id', tw.siteId);
  t.meta('twitter:creator', tw.creator);
  t.meta('twitter:creator:id', tw.creatorId);
  t.meta('twitter:title', tw.title);
  t.meta('twitter:description', tw.description);
  for (const image of images) {
    if (typeof image === 'string' || image instanceof URL) {
      t.meta('twitter:image', t.url(image));
      continue;
    }
    t.meta('twitter:image', t.url(image.url));
    t.meta('twitter:image:alt', image.alt);
  }
  for (const player of list(tw.players)) {
    t.meta('twitter:player', t.url(player.playerUrl));
    t.meta('twitter:player:stream', t.url(player.streamUrl));
    t.meta('twitter:player:width', player.width);
    t.meta('twitter:player:height', player.height);
  }
  const app = tw.app;
  if (app) {
    for (const platform of ['iphone', 'ipad', 'googleplay'] as const) {
      const id = app.id?.[platform];
      if (id !== undefined) {
        t.meta(`twitter:app:name:${platform}`, app.name);
        t.meta(`twitter:app:id:${platform}`, id);
      }
      const url = app.url?.[platform];
      if (url) t.meta(`twitter:app:url:${platform}`, urlText(url));
    }
  }
}

function urlText(value: unknown): unknown {
  return value instanceof URL ? value.href : value;
}

/** `https://a.com` → `https://a.com/`, as a URL parser writes it; text that is no URL stays. */
function normalized(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}
