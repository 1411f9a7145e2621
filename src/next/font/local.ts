/**
 * `next/font/local`. Kiln's Vite plugin compiles every `const f = localFont({ … })` call away
 * (see `plugin.ts`); this default export is only reached by a call it could not see.
 */
export default function localFont(): never {
  throw new Error(
    'next/font/local: this localFont() call was not compiled by Kiln. Call it at the top level of a module, as ' +
      "const myFont = localFont({ src: './my-font.woff2' }).",
  );
}
