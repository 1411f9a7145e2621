/**
 * The app as the dev server sees it: Kiln's rsc entry imported through Vite's module runner in
 * the React Server Components environment. Importing it on every request costs a cache lookup;
 * after an edit, HMR has re-evaluated it, so the route tree and modules are always current.
 */
import type { SourceMapPayload } from 'node:module';
import { isRunnableDevEnvironment, type ViteDevServer } from 'vite';
import { entries } from '../vite/paths.ts';
import type { RscEntry } from '../render/types.ts';
import { inlineSourceMap } from './stack.ts';

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
}

export function createDevApp(vite: ViteDevServer): DevApp {
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
  };
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
