/**
 * The dev server's own Vite plugin: turns file events into what `kiln dev` must forget. An edit
 * drops the generateStaticParams results of the routes whose files (transitively) import the
 * changed module in the React Server Components environment. Adding or removing a route file
 * re-evaluates `virtual:kiln/app` (an `import.meta.glob`), and the rsc entry rebuilds the route
 * tree from it.
 */
import path from 'node:path';
import type { EnvironmentModuleNode, HotUpdateOptions, Plugin } from 'vite';
import { findAppDir } from '../vite/paths.ts';
import { RESOLVED_VIRTUAL_APP } from '../vite/virtual-app.ts';

export interface DevPluginHooks {
  /** Project-relative files (`/`-separated) whose module, or a module they import, changed. */
  onModulesChanged(files: string[]): void;
  /** A file appeared in or vanished from the app folder: any route may have changed. */
  onAppFolderChanged(file: string): void;
  /** Every watched change, after the hooks above (for the browser's error page). */
  onAnyChange(file: string): void;
}

export function kilnDevPlugin(hooks: DevPluginHooks): Plugin {
  let root = '';
  let appPrefix = '';
  let lastChange = '';
  return {
    name: 'kiln:dev',
    apply: 'serve',
    configResolved(config) {
      root = config.root;
      appPrefix = path.join(root, findAppDir(root) ?? 'app') + path.sep;
    },
    hotUpdate: {
      order: 'pre',
      handler(ctx: HotUpdateOptions) {
        // One notification per change, whichever environment sees it first.
        const id = `${ctx.type}:${ctx.file}:${ctx.timestamp}`;
        if (id !== lastChange) {
          lastChange = id;
          notify(ctx);
        }
        // Vite updates a glob's importer when a matching file appears, but when one goes it only
        // updates the modules that imported that file: a route file never visited would stay in
        // the glob, and the route tree would keep it (or keep failing over it) until a restart.
        if (ctx.type !== 'delete' || !ctx.file.startsWith(appPrefix)) return;
        const app = this.environment.moduleGraph.getModuleById(RESOLVED_VIRTUAL_APP);
        if (!app || ctx.modules.includes(app)) return;
        this.environment.moduleGraph.invalidateModule(app);
        return [...ctx.modules, app];
      },
    },
  };

  function notify(ctx: HotUpdateOptions): void {
    if (ctx.type !== 'update' && ctx.file.startsWith(appPrefix)) hooks.onAppFolderChanged(relative(ctx.file));
    const rsc = ctx.server.environments.rsc;
    const modules = rsc?.moduleGraph.getModulesByFile(ctx.file);
    if (modules && modules.size > 0) hooks.onModulesChanged(importingFiles(modules, root));
    hooks.onAnyChange(relative(ctx.file));
  }

  function relative(file: string): string {
    return path.relative(root, file).split(path.sep).join('/');
  }
}

/** The files of `modules` and of every module importing them, transitively, inside `root`. */
export function importingFiles(modules: Iterable<EnvironmentModuleNode>, root: string): string[] {
  const seen = new Set<EnvironmentModuleNode>();
  const files = new Set<string>();
  const stack = [...modules];
  while (stack.length > 0) {
    const mod = stack.pop()!;
    if (seen.has(mod)) continue;
    seen.add(mod);
    if (mod.file) {
      const rel = path.relative(root, mod.file);
      if (!rel.startsWith('..') && !path.isAbsolute(rel)) files.add(rel.split(path.sep).join('/'));
    }
    for (const importer of mod.importers) stack.push(importer);
  }
  return [...files];
}
