/**
 * What a build's bundle was made from, for incremental builds (build/incremental/): each
 * environment writes the files Vite read for it, and the server environment also writes a code
 * fingerprint of every app module, over everything it imports.
 *
 * A module's fingerprint covers its code as Vite transformed it (no chunk names, which change
 * whenever any chunk does) and that of every module it reaches, statically or dynamically. The
 * `shared` fingerprint covers what the framework's entry reaches without going through the app
 * folder: code every page runs, whatever its route.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

export interface CodeGraph {
  /** The entry's own reach, outside the app folder. */
  shared: string;
  /** Project-relative app module → fingerprint of it and everything it reaches. */
  modules: Record<string, string>;
}

/** Beside the output's folders, read and removed by the build. */
export const bundleInputsFile = (env: string): string => `.kiln-inputs-${env}.json`;
export const CODE_GRAPH_FILE = '.kiln-code-graph.json';

interface ModuleView {
  code: string | null;
  importedIds: readonly string[];
  dynamicallyImportedIds: readonly string[];
  isEntry: boolean;
}

export function bundleRecord(options: { root: string; appDir: string; outDir: string }): Plugin {
  const appPrefix = path.join(options.root, options.appDir) + path.sep;
  const relative = (id: string): string => (path.isAbsolute(id) ? path.relative(options.root, id).split(path.sep).join('/') : id);
  return {
    name: 'kiln:bundle-record',
    apply: 'build',
    generateBundle() {
      const env = this.environment.name;
      // plugin-rsc's scan passes write nothing; their record is replaced by the real pass's.
      const files = new Set<string>();
      for (const id of this.getModuleIds()) {
        const file = id.split('?')[0];
        if (path.isAbsolute(file)) files.add(relative(file));
      }
      const inputs = [...files].sort();
      writeFileSync(path.join(options.outDir, bundleInputsFile(env)), JSON.stringify(inputs));
      if (env !== 'rsc') return;

      const views = new Map<string, ModuleView>();
      for (const id of this.getModuleIds()) {
        const info = this.getModuleInfo(id);
        if (info) views.set(id, info);
      }
      const own = new Map<string, string>();
      const hashOf = (id: string): string => {
        let h = own.get(id);
        if (h === undefined) {
          h = createHash('sha256')
            .update(views.get(id)?.code ?? '')
            .digest('hex');
          own.set(id, h);
        }
        return h;
      };
      const reach = (start: readonly string[], stop: (id: string) => boolean): string => {
        const seen = new Set<string>();
        const stack = [...start];
        while (stack.length > 0) {
          const id = stack.pop()!;
          if (seen.has(id) || stop(id)) continue;
          seen.add(id);
          const view = views.get(id);
          if (view) stack.push(...view.importedIds, ...view.dynamicallyImportedIds);
        }
        const hash = createHash('sha256');
        for (const id of [...seen].sort()) hash.update(relative(id)).update('\0').update(hashOf(id)).update('\0');
        return hash.digest('hex').slice(0, 32);
      };
      const inApp = (id: string): boolean => id.startsWith(appPrefix);
      const entries = [...views].filter(([, v]) => v.isEntry).map(([id]) => id);
      const graph: CodeGraph = { shared: reach(entries, inApp), modules: {} };
      for (const id of [...views.keys()].filter(inApp).sort()) graph.modules[relative(id)] = reach([id], () => false);
      writeFileSync(path.join(options.outDir, CODE_GRAPH_FILE), JSON.stringify(graph));
    },
  };
}
