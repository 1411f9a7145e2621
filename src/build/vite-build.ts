/**
 * Bundles the app with Vite's builder (plugin-rsc's five steps) into `outDir`: `client/`,
 * `server/rsc/`, `server/ssr/`. An optional `vite.config.*` in the project is merged under
 * Kiln's settings.
 */
import path from 'node:path';
import { createBuilder, type InlineConfig, type Logger } from 'vite';
import { catalogError, isKilnError, kilnError, type KilnError } from '../errors.ts';
import { kiln } from '../vite/plugin.ts';
import { bundleRecord } from '../vite/bundle-record.ts';
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
    plugins: [kiln({ appDir: options.appDir, outDir: options.outDir }), bundleRecord({ root: options.root, appDir: options.appDir, outDir: options.outDir })],
    // The output is a fresh folder Kiln made; Vite may clear it even though it is outside root.
    build: { emptyOutDir: true, reportCompressedSize: false },
    // Server bundles get source maps, without the sources themselves, so a page that throws
    // while prerendering is reported at its own file and line (./source-stacks.ts).
    environments: { rsc: serverSourceMaps(options.root), ssr: serverSourceMaps(options.root) },
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

function serverSourceMaps(root: string) {
  return {
    build: {
      sourcemap: true,
      rolldownOptions: {
        // plugin-rsc's virtual modules come without maps; the app's own modules all have one.
        checks: { sourcemapBroken: false },
        output: {
          sourcemapExcludeSources: true,
          // Sources named from the project, not from the map, so the bundle's bytes do not depend
          // on where the output folder is (the shards of a build must agree on their bundle).
          sourcemapPathTransform: (source: string, mapPath: string) =>
            path.relative(root, path.resolve(path.dirname(mapPath), source)).split(path.sep).join('/'),
        },
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
  const gathered = gatheredErrors(error);
  if (gathered) return gatheredBundleError(gathered, root);
  const e = error as { message?: unknown; id?: unknown; loc?: { file?: string; line?: number; column?: number } };
  const abs = e.loc?.file ?? (typeof e.id === 'string' ? e.id : undefined);
  const file = abs && path.isAbsolute(abs) ? path.relative(root, abs) : abs;
  const loc = e.loc?.line !== undefined ? `${e.loc.line}:${e.loc.column ?? 0}` : undefined;
  const reason = String(typeof e.message === 'string' ? e.message : error).split('\n')[0];
  return kilnError('BUILD_BUNDLE_FAILED', { file, loc, reason }, { cause: error });
}

interface BundlerError {
  message: string;
  id?: string;
  loc?: { file?: string; line?: number; column?: number };
}

/** The errors Rolldown gathered into one ("Build failed with 2 errors:"), or null. */
function gatheredErrors(error: unknown): BundlerError[] | null {
  const inner = (error as { errors?: unknown[] } | null)?.errors;
  if (!Array.isArray(inner)) return null;
  const errors = inner.filter((e): e is BundlerError => typeof (e as { message?: unknown } | null)?.message === 'string');
  return errors.length > 0 ? errors : null;
}

/**
 * The first gathered error names the file, line and reason; the cause holds every one of them
 * with its code frame (no colours, no bundler internals), which is what the user reads next.
 */
function gatheredBundleError(errors: BundlerError[], root: string): KilnError {
  const [first] = errors;
  const texts = errors.map((e) => stripAnsi(e.message).trimEnd());
  // A transform's error names its file only in the code frame's header: `╭─[ app/page.tsx:3:1 ]`.
  const framed = /╭─\[ (.+?):(\d+):(\d+) \]/.exec(texts[0]);
  const abs = first.loc?.file ?? first.id ?? (framed ? path.resolve(framed[1]) : undefined);
  const file = abs && path.isAbsolute(abs) ? path.relative(root, abs) : abs;
  const loc = first.loc?.line !== undefined ? `${first.loc.line}:${(first.loc.column ?? 0) + 1}` : framed ? `${framed[2]}:${framed[3]}` : undefined;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more error${errors.length === 2 ? '' : 's'})` : '';
  // `[builtin:vite-transform]` names a bundler internal, not anything in the app.
  const reason = texts[0].split('\n')[0].replace(/^\[builtin:[^\]]+\] /, '') + more;
  const cause = new Error(texts.join('\n\n'));
  cause.stack = cause.message;
  return kilnError('BUILD_BUNDLE_FAILED', { file, loc, reason }, { cause });
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
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
    const rebuilt = catalogError(candidate.pluginCode, candidate.details);
    if (rebuilt) return rebuilt;
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
