/**
 * Bundles the app with Vite's builder (plugin-rsc's five steps) into `outDir`: `client/`,
 * `server/rsc/`, `server/ssr/`. An optional `vite.config.*` in the project is merged under
 * Kiln's settings.
 */
import path from 'node:path';
import { createBuilder, type InlineConfig, type Logger } from 'vite';
import { isKilnError, kilnError, type ErrorCode, type ErrorDetails, type KilnError } from '../errors.ts';
import { kiln } from '../vite/plugin.ts';
import { appViteConfigFile } from '../vite/app-config-file.ts';
import type { BuildOptions } from './types.ts';

export interface BundleOptions {
  root: string;
  appDir: string;
  outDir: string;
  mode: string;
  log: NonNullable<BuildOptions['log']>;
  verbose?: boolean;
}

export async function bundle(options: BundleOptions): Promise<void> {
  const config: InlineConfig = {
    root: options.root,
    configFile: appViteConfigFile(options.root),
    mode: options.mode,
    customLogger: viteLogger(options.log, options.verbose ?? false),
    // Vite's native build reporter writes progress lines straight to stdout at level info.
    logLevel: options.verbose ? 'info' : 'warn',
    plugins: [kiln({ appDir: options.appDir, outDir: options.outDir })],
    // The output is a fresh folder Kiln made; Vite may clear it even though it is outside root.
    build: { emptyOutDir: true, reportCompressedSize: false },
    // Server bundles get source maps, without the sources themselves, so a page that throws
    // while prerendering is reported at its own file and line (./source-stacks.ts).
    environments: { rsc: serverSourceMaps(), ssr: serverSourceMaps() },
  };
  // Vite derives production mode (JSX runtime, CSS minification, import.meta.env.PROD) from
  // NODE_ENV; a build is always production, whatever the shell or a test runner says.
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    const builder = await createBuilder(config);
    await builder.buildApp();
  } catch (error) {
    throw bundleError(error, options.root);
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
}

function serverSourceMaps() {
  return {
    build: {
      sourcemap: true,
      rolldownOptions: {
        // plugin-rsc's virtual modules come without maps; the app's own modules all have one.
        checks: { sourcemapBroken: false },
        output: { sourcemapExcludeSources: true },
      },
    },
  };
}

function bundleError(error: unknown, root: string): unknown {
  if (isKilnError(error)) return error;
  const cause = (error as { cause?: unknown })?.cause;
  if (isKilnError(cause)) return cause;
  const fromPlugin = pluginKilnError(error);
  if (fromPlugin) return fromPlugin;
  const e = error as { message?: unknown; id?: unknown; loc?: { file?: string; line?: number; column?: number } };
  const abs = e.loc?.file ?? (typeof e.id === 'string' ? e.id : undefined);
  const file = abs && path.isAbsolute(abs) ? path.relative(root, abs) : abs;
  const loc = e.loc?.line !== undefined ? `${e.loc.line}:${e.loc.column ?? 0}` : undefined;
  const reason = String(typeof e.message === 'string' ? e.message : error).split('\n')[0];
  return kilnError('BUILD_BUNDLE_FAILED', { file, loc, reason }, { cause: error });
}

/**
 * Rolldown gathers a plugin's errors into one and renames their code to PLUGIN_ERROR, keeping
 * the original as `pluginCode`: a catalog error thrown by Kiln's own plugin (or the app's
 * modules' checks) comes back out as itself, not as a bundling failure wrapped around it.
 */
function pluginKilnError(error: unknown): KilnError | undefined {
  const inner = (error as { errors?: unknown[] })?.errors ?? [];
  for (const e of inner) {
    const candidate = e as { name?: unknown; pluginCode?: unknown; details?: unknown };
    if (candidate?.name !== 'KilnError' || typeof candidate.pluginCode !== 'string') continue;
    if (typeof candidate.details !== 'object' || candidate.details === null) continue;
    return kilnError(candidate.pluginCode as ErrorCode, candidate.details as ErrorDetails);
  }
  return undefined;
}

/**
 * Vite's logger, forwarded to the build's `log`. A custom logger does its own level filtering:
 * info (plugin-rsc's step lines included) passes only when verbose. No screen clearing.
 */
function viteLogger(log: BundleOptions['log'], verbose: boolean): Logger {
  const warned = new Set<string>();
  let errored = false;
  return {
    info: (msg) => {
      if (verbose) log('info', msg);
    },
    warn: (msg) => {
      warned.add(msg);
      log('warn', msg);
    },
    warnOnce: (msg) => {
      if (warned.has(msg)) return;
      warned.add(msg);
      log('warn', msg);
    },
    error: (msg) => {
      errored = true;
      // The failure itself is thrown and reported once, with its cause; this line would repeat it.
      if (/Build failed in/.test(msg)) return;
      log('error', msg);
    },
    clearScreen: () => {},
    hasErrorLogged: () => errored,
    get hasWarned() {
      return warned.size > 0;
    },
  };
}
