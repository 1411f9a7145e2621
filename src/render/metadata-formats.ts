/**
 * What `robots.ts`, `sitemap.ts` and `manifest.ts` return (Next.js's `MetadataRoute.Robots`,
 * `MetadataRoute.Sitemap`, `MetadataRoute.Manifest`), written as the files Next.js serves for
 * them. Pure. A value of the wrong shape is an error naming the file, never a half-written file.
 */
import { kilnError } from '../errors.ts';
import { isPlainObject } from './metadata.ts';

export interface RobotsRule {
  userAgent?: string | string[];
  allow?: string | string[];
  disallow?: string | string[];
  crawlDelay?: number;
}

export interface Robots {
  rules: RobotsRule | RobotsRule[];
  sitemap?: string | string[];
  host?: string;
}

export interface SitemapEntry {
  url: string;
  lastModified?: string | Date;
  changeFrequency?: string;
  priority?: number;
  alternates?: { languages?: Record<string, string | undefined> };
  images?: string[];
  videos?: Array<Record<string, unknown>>;
}

export const ROBOTS_TYPE = 'text/plain; charset=utf-8';
export const SITEMAP_TYPE = 'application/xml; charset=utf-8';
export const MANIFEST_TYPE = 'application/manifest+json; charset=utf-8';

interface Where {
  file: string;
  url: string;
  source: string;
}

const many = <T,>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

export function robotsTxt(value: unknown, where: Where): string {
  if (!isPlainObject(value) || value.rules === undefined) {
    throw kilnError('METADATA_ROUTE_INVALID', { ...where, kind: 'robots.txt', value, expected: 'an object { rules: { userAgent, allow, disallow }, sitemap?, host? }' });
  }
  const robots = value as unknown as Robots;
  let text = '';
  for (const rule of many(robots.rules)) {
    // A rule without a user agent is for every crawler.
    for (const agent of many(rule.userAgent ?? '*')) text += `User-Agent: ${agent}\n`;
    for (const path of many(rule.allow)) text += `Allow: ${path}\n`;
    for (const path of many(rule.disallow)) text += `Disallow: ${path}\n`;
    if (rule.crawlDelay !== undefined) text += `Crawl-delay: ${rule.crawlDelay}\n`;
    text += '\n';
  }
  if (robots.host) text += `Host: ${robots.host}\n`;
  for (const sitemap of many(robots.sitemap)) text += `Sitemap: ${sitemap}\n`;
  return text;
}

/** Video fields in the order Google's video sitemap lists them. */
const VIDEO_FIELDS = [
  'title', 'thumbnail_loc', 'description', 'content_loc', 'player_loc', 'duration', 'expiration_date', 'rating',
  'view_count', 'publication_date', 'family_friendly', 'restriction', 'platform', 'requires_subscription', 'uploader',
  'live', 'tag',
];

export function sitemapXml(value: unknown, where: Where): string {
  const expected = 'an array of { url, lastModified?, changeFrequency?, priority?, alternates?, images?, videos? }';
  if (!Array.isArray(value)) throw kilnError('METADATA_ROUTE_INVALID', { ...where, kind: 'sitemap.xml', value, expected });
  const entries = value as unknown[];
  entries.forEach((entry) => {
    if (!isPlainObject(entry) || typeof entry.url !== 'string') throw kilnError('METADATA_ROUTE_INVALID', { ...where, kind: 'sitemap.xml', value: entry, expected });
  });
  const list = entries as SitemapEntry[];
  const hasImages = list.some((e) => (e.images?.length ?? 0) > 0);
  const hasVideos = list.some((e) => (e.videos?.length ?? 0) > 0);
  const hasAlternates = list.some((e) => Object.keys(e.alternates?.languages ?? {}).length > 0);
  let xml = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"';
  if (hasImages) xml += ' xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"';
  if (hasVideos) xml += ' xmlns:video="http://www.google.com/schemas/sitemap-video/1.1"';
  if (hasAlternates) xml += ' xmlns:xhtml="http://www.w3.org/1999/xhtml"';
  xml += '>\n';
  for (const entry of list) {
    xml += `<url>\n<loc>${escapeXml(entry.url)}</loc>\n`;
    for (const [language, href] of Object.entries(entry.alternates?.languages ?? {})) {
      if (href !== undefined) xml += `<xhtml:link rel="alternate" hreflang="${escapeXml(language)}" href="${escapeXml(href)}" />\n`;
    }
    for (const image of entry.images ?? []) xml += `<image:image>\n<image:loc>${escapeXml(image)}</image:loc>\n</image:image>\n`;
    for (const video of entry.videos ?? []) {
      xml += '<video:video>\n';
      for (const field of VIDEO_FIELDS) {
        const content = video[field];
        if (content === undefined || content === null) continue;
        // `restriction`, `platform` and `uploader` may carry their attribute as { content, … }.
        if (isPlainObject(content)) {
          const { content: inner, ...attributes } = content;
          const attrs = Object.entries(attributes).map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`).join('');
          xml += `<video:${field}${attrs}>${escapeXml(String(inner ?? ''))}</video:${field}>\n`;
        } else {
          const text = typeof content === 'boolean' ? (content ? 'yes' : 'no') : String(content);
          xml += `<video:${field}>${escapeXml(text)}</video:${field}>\n`;
        }
      }
      xml += '</video:video>\n';
    }
    if (entry.lastModified !== undefined) {
      const date = entry.lastModified instanceof Date ? entry.lastModified.toISOString() : String(entry.lastModified);
      xml += `<lastmod>${escapeXml(date)}</lastmod>\n`;
    }
    if (entry.changeFrequency !== undefined) xml += `<changefreq>${escapeXml(entry.changeFrequency)}</changefreq>\n`;
    if (typeof entry.priority === 'number') xml += `<priority>${entry.priority}</priority>\n`;
    xml += '</url>\n';
  }
  return `${xml}</urlset>\n`;
}

export function manifestJson(value: unknown, where: Where): string {
  if (!isPlainObject(value)) {
    throw kilnError('METADATA_ROUTE_INVALID', { ...where, kind: 'manifest.json', value, expected: 'an object { name, short_name, start_url, icons, … }' });
  }
  return JSON.stringify(value);
}

/** A URL in XML text or an attribute: `&` is common in query strings and must be escaped. */
function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}
