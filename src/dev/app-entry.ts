/**
 * The app as the dev server sees it: Kiln's rsc entry imported through Vite's module runner in
 * the React Server Components environment. Importing it on every request costs a cache lookup;
 * after an edit, HMR has re-evaluated it, so the route tree and modules are always current.
 */
import type { SourceMapPayload } from 'node:module';
import path from 'node:path';
import { isRunnableDevEnvironment, type ViteDevServer } from 'vite';
import type { EvaluatedModuleNode, EvaluatedModules } from 'vite/module-runner';
import { entries } from '../vite/paths.ts';
import type { RscEntry } from '../render/types.ts';
import { inlineSourceMap } from '../user-stack.ts';

export interface DevApp {
  entry(): Promise<RscEntry>;
  /**
   * Loads the server entries ahead of the first request, so the first page does not pay for it.
   * Never rejects: a broken app shows its error on the first request instead.
   */
  warmServer(): Promise<void>;
  /** Compiles the browser entry ahead of the browser asking for it. Never rejects. */
  warmClient(): Promise<void>;
  /** Forgets every evaluated server module (after Vite re-optimized a dependency). */
  reset(): void;
  /** The source map of the server code evaluated for `file` (a module id or a file path). */
  sourceMap(file: string): SourceMapPayload | null;
  /** The app file (project-relative) whose imports loaded the package that holds `file`. */
  importerOf(file: string): string | null;
}

export function createDevApp(vite: ViteDevServer): DevApp {
  const root = vite.config.root;
  const rsc = vite.environments.rsc;
  const ssr = vite.environments.ssr;
  if (!rsc || !isRunnableDevEnvironment(rsc) || !ssr || !isRunnableDevEnvironment(ssr)) {
    throw new Error('kiln dev: the rsc and ssr environments must run in this process');
  }
  const entry = async (): Promise<RscEntry> => ((await rsc.runner.import(entries.rsc)) as { kiln: RscEntry }).kiln;
  return {
    entry,
    async warmServer() {
      try {
        await Promise.all([entry(), ssr.runner.import(entries.ssr)]);
      } catch {
        // Shown by the first request instead.
      }
    },
    async warmClient() {
      await vite.environments.client?.warmupRequest('virtual:vite-rsc/entry-browser').catch(() => {});
    },
    reset() {
      rsc.runner.clearCache();
      ssr.runner.clearCache();
    },
    sourceMap(file) {
      for (const { runner } of [rsc, ssr]) {
        const modules = runner.evaluatedModules;
        const mod = modules.getModuleById(file) ?? modules.getModulesByFile(file)?.values().next().value;
        const meta = mod?.meta;
        if (meta && 'code' in meta && typeof meta.code === 'string') return inlineSourceMap(meta.code);
      }
      return null;
    },
    importerOf(file) {
      const pkg = packageOf(file);
      if (pkg === null) return null;
      for (const { runner } of [rsc, ssr]) {
        const found = appImporter(runner.evaluatedModules, pkg, root);
        if (found !== null) return found;
      }
      return null;
    },
  };
}

interface PackageRef {
  name: string;
  /** The package's folder, ending in a separator. */
  dir: string;
}

function packageOf(file: string): PackageRef | null {
  const parts = file.split(/[/\\]/);
  const at = parts.lastIndexOf('node_modules');
  if (at === -1 || at + 1 >= parts.length) return null;
  const width = parts[at + 1].startsWith('@') ? 2 : 1;
  return { name: parts.slice(at + 1, at + 1 + width).join('/'), dir: `${parts.slice(0, at + 1 + width).join('/')}/` };
}

/**
 * Climbs the runner's import graph from the package's modules (loaded through Vite, or handed to
 * Node by name or by path) to the first module of the app itself.
 */
function appImporter(modules: EvaluatedModules, pkg: PackageRef, root: string): string | null {
  const isPackageModule = (node: EvaluatedModuleNode) =>
    [node.id, node.url, node.file].some((ref) => {
      const plain = ref.replace(/^file:\/\//, '').replace(/^\/@fs/, '');
      return plain.startsWith(pkg.dir) || plain === pkg.name || plain.startsWith(`${pkg.name}/`);
    });
  const queue = [...modules.idToModuleMap.values()].filter(isPackageModule);
  const seen = new Set(queue);
  while (queue.length > 0) {
    const node = queue.shift()!;
    const rel = path.relative(root, node.file);
    if (!isPackageModule(node) && path.isAbsolute(node.file) && !rel.startsWith('..') && !/(^|[/\\])node_modules[/\\]/.test(rel)) {
      return rel.split(path.sep).join('/');
    }
    for (const id of node.importers) {
      const importer = modules.getModuleById(id);
      if (importer && !seen.has(importer)) {
        seen.add(importer);
        queue.push(importer);
      }
    }
  }
  return null;
}

/**
 * Vite re-bundled a dependency it discovered while serving, and the runner still held the old
 * bundle. Retrying after `reset()` is what a browser does with a reload.
 */
export function isOutdatedDependency(error: unknown): boolean {
  for (let e = error, depth = 0; typeof e === 'object' && e !== null && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (code === 'ERR_OUTDATED_OPTIMIZED_DEP') return true;
    if (typeof message === 'string' && message.includes('There is a new version of the pre-bundle')) return true;
  }
  return false;
}
