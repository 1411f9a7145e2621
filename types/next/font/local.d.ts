/**
 * `next/font/local`. Kiln compiles each top-level `const f = localFont({ … })` into the font
 * object below and an `@font-face` rule per file; the paths are relative to the calling module.
 */
export interface LocalFontSource {
  path: string;
  weight?: string;
  style?: string;
}

export interface LocalFontOptions {
  src: string | LocalFontSource[];
  weight?: string;
  style?: string;
  display?: 'auto' | 'block' | 'swap' | 'fallback' | 'optional';
  variable?: string;
  fallback?: string[];
  preload?: boolean;
  adjustFontFallback?: string | false;
  declarations?: Array<{ prop: string; value: string }>;
}

export interface NextFont {
  className: string;
  style: { fontFamily: string; fontWeight?: number; fontStyle?: string };
}

export interface NextFontWithVariable extends NextFont {
  variable: string;
}

export default function localFont<T extends LocalFontOptions>(options: T): T extends { variable: string } ? NextFontWithVariable : NextFont;
