/**
 * What a `next/font` call becomes: the object the app reads (`className`, `style`, `variable`)
 * and the CSS behind it. Google fonts get a local fallback stack (no network); local fonts get a
 * real `@font-face` for each file.
 */
import { cssFamily, fallbackStack, genericOf } from './fallback.ts';
import type { Literal } from './literal.ts';

export interface FontObject {
  className: string;
  style: { fontFamily: string; fontWeight?: number; fontStyle?: string };
  variable?: string;
}

export interface DescribedFont {
  font: FontObject;
  css: string;
}

export type FontOptions = Record<string, Literal>;

/** `Roboto_Mono` (the export name) → `Roboto Mono` (the family). */
export function googleFamilyName(exportName: string): string {
  return exportName.replace(/_/g, ' ');
}

export function googleFontStack(family: string, options: FontOptions): string {
  const fallback = stringList(options.fallback);
  const stack = fallback.length > 0 ? fallback.map(cssFamily) : fallbackStack(genericOf(family));
  return [quoted(family), ...stack].join(', ');
}

export function describeGoogleFont(family: string, options: FontOptions, id: string): DescribedFont {
  return describe(googleFontStack(family, options), options, id, '');
}

export interface LocalFontFile {
  /** The url() the CSS gets, relative to the module that called localFont(). */
  url: string;
  weight?: string;
  style?: string;
}

export function describeLocalFont(name: string, files: LocalFontFile[], options: FontOptions, id: string): DescribedFont {
  const family = `__${name}_${id}`;
  const display = typeof options.display === 'string' ? options.display : 'swap';
  const declarations = Array.isArray(options.declarations) ? options.declarations : [];
  const faces = files.map((file) => {
    const lines = [
      `font-family: ${quoted(family)};`,
      `src: url(${JSON.stringify(file.url)}) format(${JSON.stringify(formatOf(file.url))});`,
      `font-display: ${display};`,
    ];
    const weight = file.weight ?? single(options.weight);
    const style = file.style ?? single(options.style);
    if (weight) lines.push(`font-weight: ${weight};`);
    if (style) lines.push(`font-style: ${style};`);
    for (const d of declarations) {
      if (d && typeof d === 'object' && !Array.isArray(d) && typeof d.prop === 'string' && typeof d.value === 'string') {
        lines.push(`${d.prop}: ${d.value};`);
      }
    }
    return `@font-face {\n  ${lines.join('\n  ')}\n}`;
  });
  const adjust = options.adjustFontFallback;
  const adjusted = adjust === false ? [] : adjust === 'Times New Roman' ? ['"Times New Roman"', 'serif'] : ['Arial', 'sans-serif'];
  const stack = [quoted(family), ...adjusted, ...stringList(options.fallback).map(cssFamily)].join(', ');
  const described = describe(stack, options, id, faces.join('\n'));
  // A local font's weight and style come from its only file when there is one.
  if (files.length === 1) {
    const weight = files[0].weight ?? single(options.weight);
    if (weight && !described.font.style.fontWeight && /^\d+$/.test(weight)) described.font.style.fontWeight = Number(weight);
    const style = files[0].style ?? single(options.style);
    if (style && !described.font.style.fontStyle) described.font.style.fontStyle = style;
  }
  return described;
}

function describe(stack: string, options: FontOptions, id: string, faces: string): DescribedFont {
  const className = `__className_${id}`;
  const font: FontObject = { className, style: { fontFamily: stack } };
  const rules = [faces];
  const weight = single(options.weight);
  const style = single(options.style);
  const classLines = [`font-family: ${stack};`];
  if (weight && /^\d+$/.test(weight)) {
    font.style.fontWeight = Number(weight);
    classLines.push(`font-weight: ${weight};`);
  }
  if (style) {
    font.style.fontStyle = style;
    classLines.push(`font-style: ${style};`);
  }
  rules.push(`.${className} {\n  ${classLines.join('\n  ')}\n}`);
  if (typeof options.variable === 'string' && options.variable.startsWith('--')) {
    font.variable = `__variable_${id}`;
    rules.push(`.${font.variable} {\n  ${options.variable}: ${stack};\n}`);
  }
  return { font, css: `${rules.filter(Boolean).join('\n')}\n` };
}

/** The one value of an option that may be a value or a list; undefined for none or several. */
function single(value: Literal): string | undefined {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value) && value.length === 1 && (typeof value[0] === 'string' || typeof value[0] === 'number')) return String(value[0]);
  return undefined;
}

function stringList(value: Literal): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function quoted(name: string): string {
  return `"${name.replace(/["\\]/g, '\\$&')}"`;
}

function formatOf(url: string): string {
  const ext = url.slice(url.lastIndexOf('.') + 1).toLowerCase();
  return { woff2: 'woff2', woff: 'woff', ttf: 'truetype', otf: 'opentype', eot: 'embedded-opentype', svg: 'svg' }[ext] ?? ext;
}
