/**
 * React's React Server Components builds are CommonJS files that `require("react")` and
 * `require("react-dom")`, and must get the `react-server` builds of both. Node resolves a
 * `require` with the process's conditions, and `kiln dev` cannot start Node with
 * `--conditions=react-server`: the SSR environment in the same process needs the ordinary
 * builds. So, for requires made by those files only, the bare React names are answered with the
 * `react-server` entries of Kiln's React. Node 20 has no public hook for CommonJS loading;
 * `Module._load` is the long-standing one that require hooks use. (Not `_resolveFilename`: Node
 * caches a resolution per requiring folder, and React keeps both worlds' builds in one folder.)
 */
import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { kilnPackageJson } from '../vite/paths.ts';

type Load = (request: string, parent: { filename?: string | null } | undefined, ...rest: unknown[]) => unknown;
const loader = Module as unknown as { _load: Load };

/** Files of the React Server Components world: React's `*.react-server.*` builds and the Flight server. */
const REACT_SERVER_FILE = /\.react-server\.(development\.|production\.)?js$|[\\/]react-server-dom-webpack-server\.[^\\/]+\.js$/;
const REQUESTS = ['react', 'react/jsx-runtime', 'react/jsx-dev-runtime', 'react-dom'];

let installed = false;

export function installReactServerRequire(): void {
  if (installed) return;
  installed = true;
  const entries = reactServerEntries();
  const load = loader._load;
  loader._load = function (request, parent, ...rest) {
    const entry = entries.get(request);
    const target = entry !== undefined && parent?.filename && REACT_SERVER_FILE.test(parent.filename) ? entry : request;
    return load.call(this, target, parent, ...rest);
  };
}

/** `react` → …/react/react.react-server.js, and so on: the `react-server` export of each. */
export function reactServerEntries(): Map<string, string> {
  const require = createRequire(kilnPackageJson);
  const entries = new Map<string, string>();
  for (const request of REQUESTS) {
    const [pkg, ...rest] = request.split('/');
    const manifestPath = require.resolve(`${pkg}/package.json`);
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { exports: Record<string, string | Record<string, string>> };
    const target = manifest.exports[rest.length === 0 ? '.' : `./${rest.join('/')}`];
    const file = typeof target === 'object' ? (target['react-server'] ?? target.default) : target;
    if (file) entries.set(request, path.join(path.dirname(manifestPath), file));
  }
  return entries;
}
