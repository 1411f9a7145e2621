/**
 * The server bundles are ES modules named `.js` whatever the app's own package.json says (an app
 * without one would otherwise get `.mjs` files): a `package.json` with `"type": "module"` is
 * emitted beside each server bundle so Node reads them as ESM, and `server/rsc/index.js` stays
 * the one name everything imports.
 */
import type { Plugin } from 'vite';

export const SERVER_OUTPUT_NAMES = { entryFileNames: '[name].js', chunkFileNames: 'assets/[name]-[hash].js' };

export function serverEsm(): Plugin {
  return {
    name: 'kiln:server-esm',
    applyToEnvironment: (environment) => environment.name === 'rsc' || environment.name === 'ssr',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'package.json', source: '{ "type": "module" }\n' });
    },
  };
}
