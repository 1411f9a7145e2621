/**
 * `kiln()`: Kiln's Vite plugins. Wires plugin-rsc to Kiln's own entries, serves
 * `virtual:kiln/app`, aliases the `next/*` shims and lays the build out as the output contract
 * says (`client/`, `server/rsc/`, `server/ssr/`). A Kiln app needs no vite.config of its own.
 */
import path from 'node:path';
import rsc from '@vitejs/plugin-rsc';
import { searchForWorkspaceRoot, type Plugin, type UserConfig } from 'vite';
import { kilnError } from '../errors.ts';
import { DEFAULT_NEXT_CONFIG, ignoredKeysWarning, loadNextConfig, type KilnNextConfig } from './next-config.ts';
import { nextFontPlugin } from './next-font.ts';
import { nextImportsPlugin } from './next-imports.ts';
import { entries, findAppDir, projectPath, isNextSpecifier, kilnSrcDir, providedNextModules, shimAliases } from './paths.ts';
import { unsupportedNextHint } from '../next/unsupported.ts';
import { appCss } from './app-css.ts';
import { sharedReact } from './shared-react.ts';
import { jsxInJs } from './jsx-in-js.ts';
import { mdx } from './mdx.ts';
import { appCommonJs } from './app-commonjs.ts';
import { browserReact } from './browser-react.ts';
import { frameworkDependents } from './framework-dependents.ts';
import { clientParamsCheck } from './client-params-check.ts';
import { SERVER_OUTPUT_NAMES, serverEsm } from './server-esm.ts';
import { RESOLVED_VIRTUAL_APP, VIRTUAL_APP, virtualAppSource } from './virtual-app.ts';
import { metadataFileInfoPlugin } from './metadata-file-info.ts';
import { staticImages } from './static-images.ts';
import { serverActionsNotice } from './server-actions.ts';
import { ASSETS_DIR } from '../output/assets.ts';

type RscOptions = NonNullable<Parameters<typeof rsc>[0]>;

export interface KilnPluginOptions {
  /** Project-relative app folder; found (`app`, then `src/app`) when omitted. */
  appDir?: string;
  /** Build output folder, absolute or relative to the Vite root. Default `dist`. */
  outDir?: string;
  /** Passed through to `@vitejs/plugin-rsc` (e.g. `serverHandler: false` for a custom dev server). */
  rsc?: Omit<RscOptions, 'entries'>;
  /** next.config as the caller already read it, so it is not read again. */
  next?: KilnNextConfig;
}

export function kiln(options: KilnPluginOptions = {}): Plugin[] {
  let appDir = options.appDir;
  let root = process.cwd();
  let next: KilnNextConfig = DEFAULT_NEXT_CONFIG;
  let warn = (message: string): void => console.warn(message);
  let dependents: string[] = [];
  const core: Plugin = {
    name: 'kiln:core',
    enforce: 'pre',
    async config(config, env): Promise<UserConfig> {
      root = path.resolve(config.root ?? process.cwd());
      appDir ??= findAppDir(root) ?? undefined;
      if (!appDir) throw kilnError('BUILD_NO_APP_DIR', { root });
      next = options.next ?? (await loadNextConfig(root, env.command === 'build' ? 'phase-production-build' : 'phase-development-server'));
      const outDir = path.resolve(root, options.outDir ?? 'dist');
      // Kiln ships its entries as TypeScript source; a server build must bundle them, not
      // leave an import of a .tsx file for Node. Dependencies that import `next/*`, and
      // component packages, are bundled so that they get Kiln's modules and Kiln's React.
      const found = frameworkDependents(root);
      dependents = found.next;
      const noExternal = ['kilnjs', ...found.next, ...found.react];
      const serverEnv = (dir: string) => ({
        build: { outDir: path.join(outDir, 'server', dir), rolldownOptions: { output: SERVER_OUTPUT_NAMES } },
        resolve: { noExternal },
      });
      return {
        // next.config's basePath prefixes every URL, assets included.
        ...(next.basePath && config.base === undefined ? { base: `${next.basePath}/` } : {}),
        // No `dedupe` for React: it resolves from the app's root, which may pin React 18 or have
        // none; ./shared-react.ts gives every module Kiln's React instead.
        resolve: { alias: shimAliases(), tsconfigPaths: true },
        // Next.js writes "jsx": "preserve" into tsconfig.json (its own compiler does JSX); Kiln
        // must compile JSX whatever the app's tsconfig says.
        oxc: { jsx: { runtime: 'automatic' } },
        define: {
          // The server bundles keep a run-time NODE_ENV check; without this, prerendering runs
          // React's development build, whose payloads carry source code and absolute paths.
          ...(env.command === 'build' ? { 'process.env.NODE_ENV': JSON.stringify('production') } : {}),
          // Read by src/client/config.ts and next/image in every environment.
          'import.meta.env.KILN_BASE_PATH': JSON.stringify(next.basePath),
          'import.meta.env.KILN_TRAILING_SLASH': JSON.stringify(next.trailingSlash),
          'import.meta.env.KILN_IMAGES_UNOPTIMIZED': JSON.stringify(next.images.unoptimized),
        },
        // Every environment: CSS a server component imports is built by `rsc` and copied into the
        // client output under the same name, so it must land in the reserved folder too.
        build: { assetsDir: ASSETS_DIR, rolldownOptions: { onLog: quietDirectives } },
        // The entries live in Kiln's package, which may sit outside the app's workspace.
        server: { fs: { allow: [searchForWorkspaceRoot(root), kilnSrcDir] } },
        environments: {
          client: { build: { outDir: path.join(outDir, 'client') } },
          ssr: serverEnv('ssr'),
          rsc: serverEnv('rsc'),
        },
      };
    },
    configResolved(resolved) {
      warn = (message) => resolved.logger.warn(message);
      const ignored = ignoredKeysWarning(next, root);
      if (ignored) warn(ignored);
    },
    resolveId(id, importer) {
      if (id === VIRTUAL_APP) return RESOLVED_VIRTUAL_APP;
      // The shims are aliased before this hook runs: a `next` import that gets here has none.
      // It resolves to a module whose loading fails, so the error is Kiln's own (a throw here
      // would surface wrapped in whichever plugin asked to resolve it).
      if (isNextSpecifier(id)) return unsupportedNextId(id, importer ? projectPath(root, importer) : undefined);
      return undefined;
    },
    load(id) {
      if (id === RESOLVED_VIRTUAL_APP) return virtualAppSource(appDir!, next.pageExtensions);
      const unsupported = parseUnsupportedNextId(id);
      if (unsupported) {
        throw kilnError('NEXT_MODULE_UNSUPPORTED', {
          ...unsupported,
          provided: providedNextModules().join(', '),
          hintText: unsupportedNextHint(unsupported.module),
        });
      }
      return undefined;
    },
  };
  const fonts = nextFontPlugin({ root: () => root, warn: (message) => warn(message) });
  return [
    mdx({ root: () => root, next: () => next }),
    jsxInJs(),
    appCommonJs(),
    core,
    browserReact({ root: () => root, nextDependents: () => dependents }),
    fonts,
    nextImportsPlugin(() => root),
    sharedReact(),
    serverEsm(),
    clientParamsCheck(),
    metadataFileInfoPlugin(),
    staticImages(),
    serverActionsNotice(() => root, (message) => warn(message)),
    ...appCss({ outDir: options.outDir }),
    ...rsc({ ...options.rsc, entries }),
  ];
}

const UNSUPPORTED_NEXT = '\0kiln:unsupported-next:';

function unsupportedNextId(module: string, importer: string | undefined): string {
  return `${UNSUPPORTED_NEXT}${JSON.stringify({ module, file: importer })}`;
}

function parseUnsupportedNextId(id: string): { module: string; file?: string } | null {
  return id.startsWith(UNSUPPORTED_NEXT) ? (JSON.parse(id.slice(UNSUPPORTED_NEXT.length)) as { module: string; file?: string }) : null;
}


/**
 * plugin-rsc handles `"use client"` / `"use server"` itself; the bundler's warning that it may
 * drop them is noise on every client component.
 */
function quietDirectives(level: string, log: { code?: string; message: string }, handler: (level: any, log: any) => void): void {
  if (log.code === 'MODULE_LEVEL_DIRECTIVE' && /use (client|server)/.test(log.message)) return;
  handler(level, log);
}
