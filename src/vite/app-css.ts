/**
 * The CSS tooling a Next.js app expects, in every Vite environment (rsc, ssr, client) of build
 * and dev: its PostCSS config as Next.js reads it, and Tailwind CSS v4 when the app depends on
 * it without a PostCSS config that runs it. Next.js's own starter brings Tailwind in through
 * `turbopack.rules` in next.config, which Kiln cannot run, so Kiln runs Tailwind itself.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import tailwindcss from '@tailwindcss/vite';
import { searchForWorkspaceRoot, type Plugin, type PluginOption, type UserConfig } from 'vite';
import { cssPackageImports } from './css-package-imports.ts';
import { loadPostcssConfig, type PostcssConfig, type PostcssPlugin } from './postcss-config.ts';
import { kilnOutputFolders, skipOutputInPostcss, skipOutputInVite } from './tailwind-skip-output.ts';

const TAILWIND_POSTCSS_PLUGINS = new Set(['@tailwindcss/postcss', 'tailwindcss']);

export function appCss(options: { outDir?: string } = {}): Plugin[] {
  let root = process.cwd();
  let runTailwind = false;
  const folders = (): string[] => kilnOutputFolders(options.outDir, root);
  // Tailwind's plugins are added up front and switched on per environment once the app is
  // known: Vite fixes the plugin list before any config hook can look at the app.
  const tailwind = skipOutputInVite(tailwindcss(), () => root, folders).map((plugin): Plugin => ({ ...plugin, applyToEnvironment: () => runTailwind }));
  const setup: Plugin = {
    name: 'kiln:app-css',
    async config(config, env): Promise<UserConfig | undefined> {
      root = path.resolve(config.root ?? process.cwd());
      // An app's own vite.config that sets PostCSS up keeps it as written.
      const postcss =
        config.css?.postcss === undefined
          ? await loadPostcssConfig(root, searchForWorkspaceRoot(root), {
              env: env.mode === 'production' ? 'production' : 'development',
              // Tailwind's PostCSS plugin reads classes from the working folder by default, which
              // under Next.js is the app and under `kiln build <dir>` need not be.
              defaultOptions: { '@tailwindcss/postcss': { base: root } },
            })
          : null;
      runTailwind = dependsOnTailwind4(root) && !(postcss && runsTailwind(postcss)) && !hasTailwindVite(config.plugins, new Set(tailwind));
      if (!postcss) return undefined;
      // Inline, Vite takes the plugins as given and does not search for a config of its own.
      return { css: { postcss: { plugins: withOutputSkipped(postcss, root, folders()) } } };
    },
  };
  return [setup, cssPackageImports(), ...tailwind];
}

/**
 * Whether the app's package.json names `tailwindcss` and what is installed (or, before an
 * install, what is asked for) is version 4: v3 has no way in but a PostCSS config.
 */
export function dependsOnTailwind4(root: string): boolean {
  const pkg = readJson(path.join(root, 'package.json')) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> } | null;
  const wanted = pkg?.dependencies?.tailwindcss ?? pkg?.devDependencies?.tailwindcss;
  if (typeof wanted !== 'string') return false;
  let installed: string | undefined;
  try {
    const file = createRequire(path.join(root, 'package.json')).resolve('tailwindcss/package.json');
    installed = (readJson(file) as { version?: string } | null)?.version;
  } catch {
    installed = undefined;
  }
  return majorOf(installed ?? wanted) === 4;
}

/** The major version a version or range starts at: `4.1.3`, `^4`, `~4.0.0`, `>=4.1` give 4. */
export function majorOf(range: string): number | null {
  const match = /^\s*(?:[\^~]|>=?|=)?\s*v?(\d+)/.exec(range);
  return match ? Number(match[1]) : null;
}

function runsTailwind(config: PostcssConfig): boolean {
  return config.plugins.some(({ name, plugin }) => TAILWIND_POSTCSS_PLUGINS.has(name ?? postcssPluginName(plugin)));
}

/** `@tailwindcss/postcss` from 4.1 on, which knows `@source not`, framed by the rules that use it. */
function withOutputSkipped(config: PostcssConfig, root: string, folders: readonly string[]): PostcssPlugin[] {
  return config.plugins.flatMap(({ name, plugin, resolved }) => {
    if (name !== '@tailwindcss/postcss' || !resolved) return [plugin];
    const [major, minor] = (packageVersion(resolved, name) ?? '').split('.').map(Number);
    if (!(major > 4 || (major === 4 && minor >= 1))) return [plugin];
    const { before, after } = skipOutputInPostcss(root, folders);
    return [before, plugin, after];
  });
}

function postcssPluginName(plugin: unknown): string {
  const name = (plugin as { postcssPlugin?: unknown } | null)?.postcssPlugin;
  return typeof name === 'string' ? name : '';
}

/** The version of the package `name` that `file` belongs to. */
function packageVersion(file: string, name: string): string | null {
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const pkg = readJson(path.join(dir, 'package.json')) as { name?: string; version?: string } | null;
    if (pkg?.name === name) return pkg.version ?? null;
  }
  return null;
}

function hasTailwindVite(plugins: PluginOption[] | undefined, own: Set<Plugin>): boolean {
  const visit = (option: PluginOption): boolean => {
    if (Array.isArray(option)) return option.some(visit);
    if (!option || typeof option !== 'object' || !('name' in option)) return false;
    return !own.has(option) && option.name.startsWith('@tailwindcss/vite');
  };
  return (plugins ?? []).some(visit);
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}
