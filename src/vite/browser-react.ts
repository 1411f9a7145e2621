/**
 * Under `kiln dev`, the browser gets Kiln's React, pre-bundled from Kiln's install, whatever the
 * app has: a Next.js app names `next` in its package.json, not Kiln, may pin React 18, or may
 * have no React of its own at all. (The build needs none of this: there ./shared-react.ts
 * resolves every React import from Kiln.)
 *
 * Vite's dependency pre-bundling resolves each name from the app's root, without plugins, so
 * left alone it would find the app's React, or fail on plugin-rsc's own Flight client ("Failed to
 * resolve dependency … present in client 'optimizeDeps.include'", then `module is not defined`
 * in the browser). So:
 *
 * - React, React DOM and the Flight client are pre-bundled under Vite's nested form
 *   `<kiln> > react`, with `<kiln>` written as a path that Vite's package lookup from the app's
 *   `node_modules` turns into Kiln's folder, wherever that is;
 * - bare `react` and `react-dom` are excluded from pre-bundling, so no dependency pulls the app's
 *   copy into its own bundle and the scan of the app's files registers none; each import of them
 *   is resolved by ./shared-react.ts from Kiln, which Vite maps onto the nested entries;
 * - packages that import `next/*` (./framework-dependents.ts) are not pre-bundled either, so that they
 *   share Kiln's `next/*` modules (and their router state) with the app instead of carrying a
 *   copy.
 */
import path from 'node:path';
import type { Plugin } from 'vite';
import { kilnPackageJson } from './paths.ts';

const VENDOR_CLIENT = '@vitejs/plugin-rsc/vendor/react-server-dom/client.browser';
/** Everything of React the browser loads: the entries and the Flight client. */
const BROWSER_REACT = ['react', 'react/jsx-runtime', 'react/jsx-dev-runtime', 'react-dom', 'react-dom/client', VENDOR_CLIENT];
const FROM_KILN = /^(react|react-dom|@vitejs\/plugin-rsc)(\/|$)/;

export function browserReact(options: { root: () => string; nextDependents: () => string[] }): Plugin {
  return {
    name: 'kiln:browser-react',
    apply: 'serve',
    configEnvironment(name, config) {
      if (name !== 'client') return;
      const kiln = nestedKilnRoot(options.root());
      const optimizeDeps = (config.optimizeDeps ??= {});
      const others = (optimizeDeps.include ?? []).filter((dep) => !FROM_KILN.test(dep.replace(/^.*>\s*/, '')));
      optimizeDeps.include = [...others, ...BROWSER_REACT.map((dep) => `${kiln} > ${dep}`)];
      optimizeDeps.exclude = [...(optimizeDeps.exclude ?? []), 'react', 'react-dom', ...options.nextDependents()];
    },
  };
}

/**
 * Vite resolves the part before `>` as a package name looked up in `<root>/node_modules` and the
 * folders above it, by joining the name to that path; a relative path from the app's
 * `node_modules` to Kiln's folder therefore finds Kiln wherever it is installed.
 */
export function nestedKilnRoot(root: string): string {
  const relative = path.relative(path.join(root, 'node_modules'), path.dirname(kilnPackageJson));
  return relative.split(path.sep).join('/');
}
