/**
 * `kiln dev` loads the server code that never changes while it runs with Node's own loader
 * instead of through Vite's module runner: React, React DOM, plugin-rsc's vendored Flight
 * runtime, and those of Kiln's own modules that need nothing from Vite (./native-kiln.ts).
 * Through the runner, every start transformed about 4.5 MB of React's development builds and
 * a few dozen Kiln modules (parse, rewrite, source maps) before the first page could render:
 * over two seconds. HMR concerns the app's modules, so nothing is lost.
 *
 * For React this takes four pieces:
 * - the ids are `resolve.external` in the `rsc` and `ssr` environments, so import analysis
 *   leaves them bare, and they are dropped from those environments' dependency pre-bundling;
 * - the runner's module fetch resolves them from Kiln's package (one React for every app, as in
 *   the build) with the environment's conditions: `react-server` in the `rsc` environment;
 * - the React Server Components builds `require("react")` internally, which Node resolves
 *   without that condition: see ./react-server-require.ts;
 * - the Flight runtime loads client and server references through webpack's global
 *   `__webpack_require__`, which plugin-rsc renames when it transforms the runtime; loaded
 *   natively, the runtime finds the global under its own name.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createRunnableDevEnvironment, createServerModuleRunner, type Plugin, type ResolvedConfig } from 'vite';
import { createDefaultImportMeta, createNodeImportMeta, type ModuleRunner, type ModuleRunnerOptions } from 'vite/module-runner';
import { kilnPackageJson, kilnSrcDir } from '../vite/paths.ts';
import { nativeKiln, runningDistDir } from './native-kiln.ts';
import { installReactServerRequire } from './react-server-require.ts';
import { runnerHmrLogger } from './runner-hmr-logger.ts';

const VENDOR = '@vitejs/plugin-rsc/vendor/react-server-dom';
const SERVER_ENVIRONMENTS = new Set(['rsc', 'ssr']);
/** Node's default export conditions for a server, as Vite's defaults name them. */
const NODE_CONDITIONS = ['node', 'module-sync'];

export function nativeModules(): Plugin {
  const ids = nativeIds();
  const kiln = nativeKiln(kilnSrcDir, runningDistDir());
  const isNative = (id: string) => ids.has(id) || ids.has(id.replace(/^kilnjs > /, ''));
  return {
    name: 'kiln:native-modules',
    apply: 'serve',
    config() {
      const external = [...ids];
      const createEnvironment = (name: string, config: ResolvedConfig) => {
        const environment = createRunnableDevEnvironment(name, config, { runner: createRunner });
        const fetchModule = environment.fetchModule.bind(environment);
        environment.fetchModule = async (id, importer, options) => {
          const compiled = kiln.resolve(moduleFile(id, config.root));
          if (compiled !== null) return { externalize: compiled, type: 'module' };
          // Resolved as if Kiln imported them, whichever app module did.
          return fetchModule(id, ids.has(id) ? kilnPackageJson : importer, options);
        };
        return environment;
      };
      installReactServerRequire();
      provideWebpackRequire();
      return {
        environments: {
          rsc: { resolve: { external, externalConditions: ['react-server', ...NODE_CONDITIONS] }, dev: { createEnvironment } },
          ssr: { resolve: { external }, dev: { createEnvironment } },
        },
      };
    },
    configEnvironment(name, config) {
      if (!SERVER_ENVIRONMENTS.has(name)) return;
      const include = config.optimizeDeps?.include;
      if (include) config.optimizeDeps!.include = include.filter((dep) => !isNative(dep));
      // Deduping resolves from the app's root, which may hold another React or none.
      const dedupe = config.resolve?.dedupe;
      if (dedupe) config.resolve!.dedupe = dedupe.filter((dep) => !isNative(dep));
    },
  };
}

/** The file behind a runner's module id (`/@fs/abs/path`, or root-relative `/path`). */
function moduleFile(id: string, root: string): string {
  const file = id.split('?')[0];
  return file.startsWith('/@fs/') ? file.slice(4) : path.join(root, file);
}

/** Every public entry of React and React DOM, and every entry of the vendored Flight runtime. */
function nativeIds(): Set<string> {
  const require = createRequire(kilnPackageJson);
  const ids = new Set<string>();
  for (const pkg of ['react', 'react-dom']) {
    const manifest = JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')) as { exports: Record<string, unknown> };
    for (const subpath of Object.keys(manifest.exports)) {
      if (subpath === './package.json') continue;
      ids.add(subpath === '.' ? pkg : `${pkg}/${subpath.slice(2)}`);
    }
  }
  const vendorDir = path.dirname(require.resolve(`${VENDOR}/index`));
  for (const file of readdirSync(vendorDir)) {
    if (file.endsWith('.js')) ids.add(`${VENDOR}/${file.slice(0, -3)}`);
  }
  return ids;
}

function provideWebpackRequire(): void {
  const scope = globalThis as { __webpack_require__?: (id: string) => unknown; __vite_rsc_require__?: (id: string) => unknown };
  // Looked up on each call: plugin-rsc installs (and may replace) its loader after this runs.
  scope.__webpack_require__ ??= (id) => scope.__vite_rsc_require__!(id);
}

/**
 * Vite's runner for Node gives every module an `import.meta.resolve`, and on Node 20 preparing
 * it registers module hooks on a separate thread: a blocking start-up and a detour for every
 * later native import, paid by apps that never call it. Here the hooks are set up on the first
 * call instead.
 */
const createRunner: typeof createServerModuleRunner = (environment, options) => {
  const runner = createServerModuleRunner(environment, { ...options, hmr: options?.hmr ?? { logger: runnerHmrLogger(environment) } });
  (runner.options as ModuleRunnerOptions).createImportMeta = (modulePath) => ({
    ...createDefaultImportMeta(modulePath),
    main: false,
    resolve: (id: string, parent?: string) => (createNodeImportMeta(modulePath) as ImportMeta).resolve(id, parent),
  });
  if (environment.name === 'rsc') lenientReactServerImports(runner);
  return runner;
};

const REACT_PACKAGE = /^(?:react|react-dom)(?:\/|$)|[/\\]node_modules[/\\](?:react|react-dom)[/\\]/;

/**
 * The `react-server` builds of React leave out the client APIs (`useState`, `useEffect`, …).
 * Packages made for both sides import them by name anyway and use them only in the browser
 * (`react-markdown` 9.1 imports `useState` for its client-only hook). The build's bundler and
 * Next.js's give such a name `undefined`; Vite's runner throws "Named export 'useState' not
 * found" before the module runs. For React's own modules, the runner here does as the bundler.
 */
function lenientReactServerImports(runner: ModuleRunner): void {
  const checked = runner as unknown as { processImport(exports: unknown, fetched: { externalize?: string }, metadata: unknown): unknown };
  const processImport = checked.processImport.bind(runner);
  checked.processImport = (exports, fetched, metadata) =>
    typeof fetched.externalize === 'string' && REACT_PACKAGE.test(fetched.externalize) ? exports : processImport(exports, fetched, metadata);
}
