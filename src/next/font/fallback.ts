/**
 * Local font stacks standing in for Google fonts, which Kiln never downloads. The family itself
 * comes first, so a copy installed on the visitor's machine is still used.
 */
const SANS = ['system-ui', '-apple-system', '"Segoe UI"', 'Roboto', '"Helvetica Neue"', 'Arial', '"Noto Sans"', 'sans-serif'];
const SERIF = ['Georgia', 'Cambria', '"Times New Roman"', 'Times', 'serif'];
const MONO = ['ui-monospace', 'SFMono-Regular', 'Menlo', 'Monaco', 'Consolas', '"Liberation Mono"', '"Courier New"', 'monospace'];

/** Well-known serif families whose names do not say so. */
const SERIF_FAMILIES = new Set([
  'Playfair Display', 'Merriweather', 'Lora', 'EB Garamond', 'Cormorant', 'Cormorant Garamond', 'Libre Baskerville',
  'Crimson Text', 'Crimson Pro', 'Bitter', 'Fraunces', 'Spectral', 'Domine', 'Vollkorn', 'Cardo', 'Arvo', 'Alegreya',
  'Old Standard TT', 'Zilla Slab', 'Roboto Slab', 'Josefin Slab', 'Newsreader', 'Literata', 'Gelasio', 'Instrument Serif',
]);

export type GenericFamily = 'sans-serif' | 'serif' | 'monospace';

export function genericOf(family: string): GenericFamily {
  if (/\b(mono|code)\b|monospace|courier|consol/i.test(family)) return 'monospace';
  if ((/\bserif\b/i.test(family) && !/\bsans\b/i.test(family)) || /\bslab\b/i.test(family) || SERIF_FAMILIES.has(family)) return 'serif';
  return 'sans-serif';
}

export function fallbackStack(generic: GenericFamily): string[] {
  return generic === 'monospace' ? MONO : generic === 'serif' ? SERIF : SANS;
}

/** A CSS family name, quoted when it is not a plain identifier or a generic family. */
export function cssFamily(name: string): string {
  if (/^"[^"]*"$/.test(name) || /^[A-Za-z-][A-Za-z0-9-]*$/.test(name)) return name;
  return `"${name.replace(/["\\]/g, '\\$&')}"`;
}
