/**
 * JSX in `.js` files. Next.js compiles JSX in any JavaScript file of the app, and apps written
 * before TypeScript was the default rely on it (`app/layout.js` returning `<html>…`). Vite and
 * plugin-rsc parse `.js` as plain JavaScript, so the app's own `.js`, `.mjs` and `.cjs` files are
 * compiled here first, before any other plugin parses them. Dependencies are left alone, as
 * Next.js leaves them.
 */
import { transformWithOxc, type Plugin, type ResolvedConfig } from 'vite';

const PLAIN_JS = /\.(?:m|c)?js$/;
/** A `<` that can start an element or a fragment: files without one need no JSX pass. */
const MAY_HOLD_JSX = /<[A-Za-z>]/;

export function jsxInJs(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'kiln:jsx-in-js',
    enforce: 'pre',
    configResolved(resolved) {
      config = resolved;
    },
    transform: {
      filter: { id: { include: PLAIN_JS, exclude: /[/\\]node_modules[/\\]/ } },
      async handler(code, id) {
        const file = id.split('?')[0];
        if (!PLAIN_JS.test(file) || !MAY_HOLD_JSX.test(code)) return null;
        const development = this.environment.mode === 'dev';
        const result = await transformWithOxc(
          code,
          file,
          { lang: 'jsx', jsx: { runtime: 'automatic', development }, sourcemap: true },
          undefined,
          config,
        );
        return { code: result.code, map: result.map };
      },
    },
  };
}
