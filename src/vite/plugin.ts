/**
 * `kiln()`: Kiln's Vite plugins. Wires plugin-rsc to Kiln's own entries, serves
 * `virtual:kiln/app`, aliases the `next/*` shims and lays the build out as the output contract
 * says (`client/`, `server/rsc/`, `server/ssr/`). A Kiln app needs no vite.config of its own.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import rsc from '@vitejs/plugin-rsc';
import { searchForWorkspaceRoot, type Plugin, type UserConfig } from 'vite';
import { kilnError } from '../errors.ts';
import { entries, findAppDir, kilnSrcDir, shimAliases } from './paths.ts';
import { sharedReact } from './shared-react.ts';
import { clientParamsCheck } from './client-params-check.ts';
import { SERVER_OUTPUT_NAMES, serverEsm } from './server-esm.ts';
import { RESOLVED_VIRTUAL_APP, VIRTUAL_APP, virtualAppSource } from './virtual-app.ts';

type RscOptions = NonNullable<Parameters<typeof rsc>[0]>;

export interface KilnPluginOptions {
  /** Project-relative app folder; found (`app`, then `src/app`) when omitted. */
  appDir?: string;
  /** Build output folder, absolute or relative to the Vite root. Default `dist`. */
  outDir?: string;
  /** Passed through to `@vitejs/plugin-rsc` (e.g. `serverHandler: false` for a custom dev server). */
  rsc?: Omit<RscOptions, 'entries'>;
}

export function kiln(options: KilnPluginOptions = {}): Plugin[] {
  let appDir = options.appDir;
  let root = process.cwd();
  const core: Plugin = {
    name: 'kiln:core',
    enforce: 'pre',
    config(config, env): UserConfig {
      root = path.resolve(config.root ?? process.cwd());
      appDir ??= findAppDir(root) ?? undefined;
      if (!appDir) throw kilnError('BUILD_NO_APP_DIR', { root });
      const outDir = path.resolve(root, options.outDir ?? 'dist');
      const serverEnv = (dir: string) => ({
        build: { outDir: path.join(outDir, 'server', dir), rolldownOptions: { output: SERVER_OUTPUT_NAMES } },
        // Kiln ships its entries as TypeScript source; a server build must bundle them, not
        // leave an import of a .tsx file for Node.
        resolve: { noExternal: ['kiln'] },
      });
      return {
        resolve: { alias: shimAliases(), dedupe: ['react', 'react-dom'] },
        // The server bundles keep a run-time NODE_ENV check; without this, prerendering runs
        // React's development build, whose payloads carry source code and absolute paths.
        define: env.command === 'build' ? { 'process.env.NODE_ENV': JSON.stringify('production') } : {},
        build: { rolldownOptions: { onLog: quietDirectives } },
        // The entries live in Kiln's package, which may sit outside the app's workspace.
        server: { fs: { allow: [searchForWorkspaceRoot(root), kilnSrcDir] } },
        environments: {
          client: { build: { outDir: path.join(outDir, 'client') } },
          ssr: serverEnv('ssr'),
          rsc: serverEnv('rsc'),
        },
      };
    },
    configEnvironment(_name, config) {
      // plugin-rsc asks Vite to prebundle its own vendored modules by bare name; when the app
      // cannot resolve plugin-rsc itself (it came with Kiln), reach them through Kiln.
      const include = config.optimizeDeps?.include;
      if (!include || resolvableFrom(root, '@vitejs/plugin-rsc/package.json')) return;
      config.optimizeDeps!.include = include.map((dep) => (dep.startsWith('@vitejs/plugin-rsc') ? `kiln > ${dep}` : dep));
    },
    resolveId(id) {
      if (id === VIRTUAL_APP) return RESOLVED_VIRTUAL_APP;
      return undefined;
    },
    load(id) {
      if (id === RESOLVED_VIRTUAL_APP) return virtualAppSource(appDir!);
      return undefined;
    },
  };
  return [core, sharedReact(), serverEsm(), clientParamsCheck(), ...rsc({ ...options.rsc, entries })];
}

/**
 * plugin-rsc handles `"use client"` / `"use server"` itself; the bundler's warning that it may
 * drop them is noise on every client component.
 */
function quietDirectives(level: string, log: { code?: string; message: string }, handler: (level: any, log: any) => void): void {
  if (log.code === 'MODULE_LEVEL_DIRECTIVE' && /use (client|server)/.test(log.message)) return;
  handler(level, log);
}

function resolvableFrom(root: string, specifier: string): boolean {
  try {
    createRequire(path.join(root, 'package.json')).resolve(specifier);
    return true;
  } catch {
    return false;
  }
}
