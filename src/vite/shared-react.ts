/**
 * One React for the whole app: plugin-rsc's vendored React Server Components runtime must run
 * with the exact React it was built against, and an app may not have React installed at all
 * (a generated or copied app outside any workspace). Bare `react`, `react-dom` and their
 * subpaths are therefore resolved from Kiln's own package, whatever the importer.
 */
import type { Plugin } from 'vite';
import { kilnPackageJson } from './paths.ts';

const REACT = /^(react|react-dom)(\/.*)?$/;
/**
 * An existing file of Kiln's package: resolution from here finds Kiln's dependencies. (Vite
 * resolves from the app's root when the importer does not exist on disk.)
 */
const kilnImporter = kilnPackageJson;

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
