/**
 * One React for the whole app: plugin-rsc's vendored React Server Components runtime must run
 * with the exact React it was built against, and an app may not have React installed at all
 * (a generated or copied app outside any workspace). Bare `react`, `react-dom` and their
 * subpaths are therefore resolved from Kiln's own package, whatever the importer.
 */
import path from 'node:path';
import type { Plugin } from 'vite';
import { kilnSrcDir } from './paths.ts';

const REACT = /^(react|react-dom)(\/.*)?$/;
/** A file inside Kiln's package: resolution from here finds Kiln's dependencies. */
const kilnImporter = path.join(kilnSrcDir, 'index.ts');

export function sharedReact(): Plugin {
  return {
    name: 'kiln:shared-react',
    enforce: 'pre',
    async resolveId(id, importer, options) {
      if (!REACT.test(id) || importer === kilnImporter) return null;
      return this.resolve(id, kilnImporter, { ...options, skipSelf: true });
    },
  };
}
