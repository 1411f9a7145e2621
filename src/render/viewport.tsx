/**
 * The Next.js `viewport` / `generateViewport` export: the `viewport`, `theme-color` and
 * `color-scheme` tags. Segments merge root→leaf over a default of `width=device-width,
 * initial-scale=1`, a key a deeper segment sets replacing its parent's, so exporting only
 * `themeColor` keeps the default viewport tag and exporting `maximumScale` extends it.
 */
import type { ReactNode } from 'react';

export interface ThemeColor {
  color: string;
  media?: string;
}

export interface Viewport {
  width?: string | number;
  height?: string | number;
  initialScale?: number;
  minimumScale?: number;
  maximumScale?: number;
  userScalable?: boolean;
  viewportFit?: 'auto' | 'cover' | 'contain';
  interactiveWidget?: 'resizes-visual' | 'resizes-content' | 'overlays-content';
  themeColor?: string | ThemeColor | ThemeColor[] | null;
  colorScheme?: string | null;
}

export const DEFAULT_VIEWPORT: Readonly<Viewport> = Object.freeze({ width: 'device-width', initialScale: 1 });

/** Viewport keys in the order they appear in the tag, with their names there. */
const VIEWPORT_KEYS = [
  ['width', 'width'],
  ['height', 'height'],
  ['initialScale', 'initial-scale'],
  ['minimumScale', 'minimum-scale'],
  ['maximumScale', 'maximum-scale'],
  ['userScalable', 'user-scalable'],
  ['viewportFit', 'viewport-fit'],
  ['interactiveWidget', 'interactive-widget'],
] as const;

const FIELDS = [...VIEWPORT_KEYS.map(([key]) => key), 'themeColor', 'colorScheme'] as const;

export function mergeViewport(parent: Viewport, child: Viewport): Viewport {
  const next: Viewport = { ...parent };
  for (const key of FIELDS) {
    if (child[key] !== undefined) (next as Record<string, unknown>)[key] = child[key];
  }
  return next;
}

export function viewportTags(v: Viewport): ReactNode[] {
  const tags: ReactNode[] = [];
  const content = VIEWPORT_KEYS.flatMap(([key, name]) => {
    const value = v[key];
    if (value === undefined || value === null) return [];
    return [`${name}=${typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value)}`];
  }).join(', ');
  if (content !== '') tags.push(<meta key="viewport" name="viewport" content={content} />);
  const colors = v.themeColor == null ? [] : typeof v.themeColor === 'string' ? [{ color: v.themeColor }] : Array.isArray(v.themeColor) ? v.themeColor : [v.themeColor];
  colors.forEach(({ color, media }, i) => tags.push(<meta key={`theme-color:${i}`} name="theme-color" media={media} content={color} />));
  if (v.colorScheme) tags.push(<meta key="color-scheme" name="color-scheme" content={v.colorScheme} />);
  return tags;
}
