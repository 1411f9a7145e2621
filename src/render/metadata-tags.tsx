/** Renders resolved metadata as `<title>`, `<meta>` and `<link>` elements; React hoists them into `<head>`. */
import type { ReactNode } from 'react';
import { resolveUrl, type ImageField, type ResolvedMetadata } from './metadata.ts';

const list = <T,>(value: T | T[] | null | undefined): T[] => (value == null ? [] : Array.isArray(value) ? value : [value]);

export function metadataTags(m: ResolvedMetadata): ReactNode[] {
  const tags: ReactNode[] = [];
  const base = m.metadataBase ?? null;
  const meta = (name: string, content: unknown): void => {
    if (content === undefined || content === null || content === '') return;
    tags.push(<meta key={`name:${name}:${tags.length}`} name={name} content={String(content)} />);
  };
  const property = (name: string, content: unknown): void => {
    if (content === undefined || content === null || content === '') return;
    tags.push(<meta key={`property:${name}:${tags.length}`} property={name} content={String(content)} />);
  };
  const link = (rel: string, href: string | URL): void => {
    tags.push(<link key={`link:${rel}:${tags.length}`} rel={rel} href={resolveUrl(href, base)} />);
  };

  if (m.title !== null) tags.push(<title key="title">{m.title}</title>);
  meta('description', m.description);
  meta('application-name', m.applicationName);
  meta('generator', m.generator);
  meta('keywords', Array.isArray(m.keywords) ? m.keywords.join(', ') : m.keywords);
  for (const author of list(m.authors)) {
    meta('author', author.name);
    if (author.url) link('author', author.url);
  }
  meta('creator', m.creator);
  meta('publisher', m.publisher);
  meta('category', m.category);
  meta('robots', robotsContent(m.robots));
  if (m.alternates?.canonical) link('canonical', m.alternates.canonical);
  if (m.manifest) link('manifest', m.manifest);
  const icons = m.icons;
  if (typeof icons === 'string' || icons instanceof URL || Array.isArray(icons)) {
    for (const href of list(icons)) link('icon', href);
  } else if (icons) {
    for (const href of list(icons.icon)) link('icon', href);
    for (const href of list(icons.apple)) link('apple-touch-icon', href);
  }

  const og = m.openGraph;
  if (og) {
    property('og:title', og.title);
    property('og:description', og.description);
    if (og.url) property('og:url', resolveUrl(og.url, base));
    property('og:site_name', og.siteName);
    property('og:locale', og.locale);
    property('og:type', og.type);
    for (const image of list(og.images)) {
      const { url, width, height, alt } = imageOf(image);
      property('og:image', resolveUrl(url, base));
      property('og:image:width', width);
      property('og:image:height', height);
      property('og:image:alt', alt);
    }
  }
  const tw = m.twitter;
  if (tw) {
    meta('twitter:card', tw.card);
    meta('twitter:site', tw.site);
    meta('twitter:creator', tw.creator);
    meta('twitter:title', tw.title);
    meta('twitter:description', tw.description);
    for (const image of list(tw.images)) meta('twitter:image', resolveUrl(imageOf(image).url, base));
  }
  for (const [name, value] of Object.entries(m.other ?? {})) {
    for (const content of list(value)) meta(name, content);
  }
  return tags;
}

function imageOf(image: ImageField): { url: string | URL; width?: number | string; height?: number | string; alt?: string } {
  return typeof image === 'string' || image instanceof URL ? { url: image } : image;
}

function robotsContent(robots: ResolvedMetadata['robots']): string | undefined {
  if (robots == null) return undefined;
  if (typeof robots === 'string') return robots;
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
