/**
 * `next/font/google`. Kiln compiles each top-level `const f = Family({ … })` into the font
 * object below without any network: the family name first, then a local fallback stack. Any
 * family works at run time; the names declared here are common ones. For another family,
 * declare it beside the app's code:
 *
 *   declare module 'next/font/google' {
 *     export const Family_Name: import('kilnjs/types/next/font/google').GoogleFont;
 *   }
 */
export interface GoogleFontOptions {
  weight?: string | string[];
  style?: string | string[];
  subsets?: string[];
  axes?: string[];
  display?: 'auto' | 'block' | 'swap' | 'fallback' | 'optional';
  variable?: string;
  fallback?: string[];
  preload?: boolean;
  adjustFontFallback?: boolean;
}

export interface NextFont {
  className: string;
  style: { fontFamily: string; fontWeight?: number; fontStyle?: string };
}

export interface NextFontWithVariable extends NextFont {
  variable: string;
}

export type GoogleFont = <T extends GoogleFontOptions>(options?: T) => T extends { variable: string } ? NextFontWithVariable : NextFont;

export declare const Abel: GoogleFont;
export declare const Albert_Sans: GoogleFont;
export declare const Alegreya: GoogleFont;
export declare const Almarai: GoogleFont;
export declare const Anton: GoogleFont;
export declare const Archivo: GoogleFont;
export declare const Arvo: GoogleFont;
export declare const Asap: GoogleFont;
export declare const Assistant: GoogleFont;
export declare const Barlow: GoogleFont;
export declare const Be_Vietnam_Pro: GoogleFont;
export declare const Bebas_Neue: GoogleFont;
export declare const Bitter: GoogleFont;
export declare const Bricolage_Grotesque: GoogleFont;
export declare const Cabin: GoogleFont;
export declare const Cairo: GoogleFont;
export declare const Caveat: GoogleFont;
export declare const Chivo: GoogleFont;
export declare const Comfortaa: GoogleFont;
export declare const Cormorant_Garamond: GoogleFont;
export declare const Crimson_Pro: GoogleFont;
export declare const Crimson_Text: GoogleFont;
export declare const DM_Mono: GoogleFont;
export declare const DM_Sans: GoogleFont;
export declare const DM_Serif_Display: GoogleFont;
export declare const Dancing_Script: GoogleFont;
export declare const Dosis: GoogleFont;
export declare const EB_Garamond: GoogleFont;
export declare const Epilogue: GoogleFont;
export declare const Exo_2: GoogleFont;
export declare const Figtree: GoogleFont;
export declare const Fira_Code: GoogleFont;
export declare const Fira_Mono: GoogleFont;
export declare const Fira_Sans: GoogleFont;
export declare const Fraunces: GoogleFont;
export declare const Geist: GoogleFont;
export declare const Geist_Mono: GoogleFont;
export declare const Hanken_Grotesk: GoogleFont;
export declare const Heebo: GoogleFont;
export declare const Hind: GoogleFont;
export declare const IBM_Plex_Mono: GoogleFont;
export declare const IBM_Plex_Sans: GoogleFont;
export declare const IBM_Plex_Serif: GoogleFont;
export declare const Inconsolata: GoogleFont;
export declare const Instrument_Sans: GoogleFont;
export declare const Instrument_Serif: GoogleFont;
export declare const Inter: GoogleFont;
export declare const Inter_Tight: GoogleFont;
export declare const JetBrains_Mono: GoogleFont;
export declare const Josefin_Sans: GoogleFont;
export declare const Josefin_Slab: GoogleFont;
export declare const Kanit: GoogleFont;
export declare const Karla: GoogleFont;
export declare const Lato: GoogleFont;
export declare const Lexend: GoogleFont;
export declare const Libre_Baskerville: GoogleFont;
export declare const Libre_Franklin: GoogleFont;
export declare const Literata: GoogleFont;
export declare const Lobster: GoogleFont;
export declare const Lora: GoogleFont;
export declare const Manrope: GoogleFont;
export declare const Maven_Pro: GoogleFont;
export declare const Merriweather: GoogleFont;
export declare const Montserrat: GoogleFont;
export declare const Mukta: GoogleFont;
export declare const Mulish: GoogleFont;
export declare const Newsreader: GoogleFont;
export declare const Noto_Sans: GoogleFont;
export declare const Noto_Sans_JP: GoogleFont;
export declare const Noto_Sans_KR: GoogleFont;
export declare const Noto_Sans_Mono: GoogleFont;
export declare const Noto_Sans_SC: GoogleFont;
export declare const Noto_Sans_TC: GoogleFont;
export declare const Noto_Serif: GoogleFont;
export declare const Nunito: GoogleFont;
export declare const Nunito_Sans: GoogleFont;
export declare const Onest: GoogleFont;
export declare const Open_Sans: GoogleFont;
export declare const Oswald: GoogleFont;
export declare const Outfit: GoogleFont;
export declare const Overpass: GoogleFont;
export declare const Oxygen: GoogleFont;
export declare const PT_Sans: GoogleFont;
export declare const PT_Serif: GoogleFont;
export declare const Pacifico: GoogleFont;
export declare const Playfair_Display: GoogleFont;
export declare const Plus_Jakarta_Sans: GoogleFont;
export declare const Poppins: GoogleFont;
export declare const Prompt: GoogleFont;
export declare const Public_Sans: GoogleFont;
export declare const Questrial: GoogleFont;
export declare const Quicksand: GoogleFont;
export declare const Raleway: GoogleFont;
export declare const Red_Hat_Display: GoogleFont;
export declare const Red_Hat_Text: GoogleFont;
export declare const Roboto: GoogleFont;
export declare const Roboto_Condensed: GoogleFont;
export declare const Roboto_Flex: GoogleFont;
export declare const Roboto_Mono: GoogleFont;
export declare const Roboto_Slab: GoogleFont;
export declare const Rubik: GoogleFont;
export declare const Sarabun: GoogleFont;
export declare const Signika: GoogleFont;
export declare const Sora: GoogleFont;
export declare const Source_Code_Pro: GoogleFont;
export declare const Source_Sans_3: GoogleFont;
export declare const Source_Serif_4: GoogleFont;
export declare const Space_Grotesk: GoogleFont;
export declare const Space_Mono: GoogleFont;
export declare const Spectral: GoogleFont;
export declare const Tajawal: GoogleFont;
export declare const Titillium_Web: GoogleFont;
export declare const Ubuntu: GoogleFont;
export declare const Ubuntu_Mono: GoogleFont;
export declare const Urbanist: GoogleFont;
export declare const Varela_Round: GoogleFont;
export declare const Vollkorn: GoogleFont;
export declare const Work_Sans: GoogleFont;
export declare const Zilla_Slab: GoogleFont;
