/** A growing list of `<meta>` / `<link>` elements, shared by the metadata renderers. */
import type { ReactNode } from 'react';
import { resolveUrl, type UrlField } from './metadata.ts';

export const list = <T,>(value: T | readonly T[] | null | undefined): T[] =>
  value == null ? [] : Array.isArray(value) ? [...(value as readonly T[])] : [value as T];

/** Link attributes beyond `rel` and `href`; undefined ones are left out. */
export type LinkAttributes = Record<string, string | undefined>;

export class TagList {
  readonly tags: ReactNode[] = [];

  constructor(readonly base: UrlField | null) {}

  /** An absolute URL when `metadataBase` allows, as Open Graph and cards need. */
  url(value: UrlField): string {
    return resolveUrl(value, this.base);
  }

  /** `<meta name content>`; nothing for an absent or empty value. */
  meta(name: string, content: unknown, media?: string): void {
    if (!present(content)) return;
    // Absent attributes are left out of the props, so the RSC payload carries no `$undefined`.
    const extra = media === undefined ? {} : { media };
    this.tags.push(<meta key={this.key('name', name)} name={name} content={String(content)} {...extra} />);
  }

  /** `<meta property content>` (Open Graph, `fb:`, `al:`). */
  property(name: string, content: unknown): void {
    if (!present(content)) return;
    this.tags.push(<meta key={this.key('property', name)} property={name} content={String(content)} />);
  }

  /** `<link rel href>` with `href` as given: relative links resolve against the page. */
  link(rel: string, href: UrlField, attributes: LinkAttributes = {}): void {
    const value = href instanceof URL ? href.href : href;
    if (value === '') return;
    const extra = Object.fromEntries(Object.entries(attributes).filter(([, v]) => v !== undefined));
    this.tags.push(<link key={this.key('link', rel)} rel={rel} href={value} {...extra} />);
  }

  private key(kind: string, name: string): string {
    return `${kind}:${name}:${this.tags.length}`;
  }
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}
