/**
 * Keeps Tailwind from reading Kiln's own output as if it were the app's source. Tailwind 4
 * finds classes in every file under the app that git does not ignore, and a Next.js app's
 * `.gitignore` lists `.next/`, not `dist/` or `.kiln/`: the previous build's bundles and Vite's
 * pre-bundled React would add utilities such as `.hidden` and `.table` that the app never uses,
 * and make each build's CSS depend on the one before. Each Tailwind stylesheet gets
 * `@source not` rules for those folders before Tailwind compiles it.
 */
import path from 'node:path';
import type { Plugin } from 'vite';
import type { PostcssPlugin } from './postcss-config.ts';

/** Folders under the app root that Kiln writes: build and export output, their staging folders, dev caches. */
export function kilnOutputFolders(outDir?: string, root?: string): string[] {
  const folders = ['dist', 'out', '.kiln', '.*.kiln-*'];
  if (outDir && root) {
    const relative = path.relative(root, path.resolve(root, outDir));
    // A build writes into `.<out>.kiln-<hex>` beside its final folder, where the previous
    // build still is.
    const staged = /^\.(.+)\.kiln-[0-9a-f]+$/.exec(path.basename(relative));
    const final = staged ? path.join(path.dirname(relative), staged[1]) : relative;
    if (final && !final.startsWith('..') && !path.isAbsolute(final)) folders.push(final.split(path.sep).join('/'));
  }
  return [...new Set(folders)];
}

/** `@source not` rules for `folders` (relative to `root`), written for a stylesheet at `cssFile`. */
export function skipRules(root: string, cssFile: string, folders: readonly string[]): string[] {
  let up = path.relative(path.dirname(cssFile), root).split(path.sep).join('/');
  up = up === '' ? '.' : up.startsWith('.') ? up : `./${up}`;
  return folders.map((folder) => `not ${JSON.stringify(`${up}/${folder}`)}`);
}

/** Wraps `@tailwindcss/vite`'s transforms so each stylesheet reaches Tailwind with the rules appended. */
export function skipOutputInVite(plugins: Plugin[], root: () => string, folders: () => readonly string[]): Plugin[] {
  return plugins.map((plugin) => {
    const transform = plugin.transform;
    if (!transform) return plugin;
    const handler = typeof transform === 'function' ? transform : transform.handler;
    const wrapped: typeof handler = function (this: ThisParameterType<typeof handler>, code, id, ...rest) {
      const file = id.split('?')[0];
      const rules = skipRules(root(), file, folders()).map((rule) => `@source ${rule};`);
      // Appended, so the stylesheet's own lines (and its source map) stay where they were; a
      // stylesheet Tailwind leaves alone is returned untouched, without the rules.
      return handler.call(this, `${code}\n${rules.join('\n')}\n`, id, ...rest);
    };
    return { ...plugin, transform: typeof transform === 'function' ? wrapped : { ...transform, handler: wrapped } };
  });
}

interface CssRoot {
  source?: { input?: { file?: string } };
  append(node: unknown): void;
  walkAtRules(name: string, visit: (rule: object & { remove(): void }) => void): void;
}

interface Helpers {
  atRule(defaults: { name: string; params: string }): object;
}

/**
 * The same for `@tailwindcss/postcss`: one PostCSS plugin to run before it, adding the rules,
 * and one after it, removing them from any stylesheet Tailwind did not compile.
 */
export function skipOutputInPostcss(root: string, folders: readonly string[]): { before: PostcssPlugin; after: PostcssPlugin } {
  const added = new WeakSet<object>();
  const before = {
    postcssPlugin: 'kiln:tailwind-skip-output',
    Once(css: CssRoot, helpers: Helpers) {
      const file = css.source?.input?.file;
      if (!file) return;
      for (const params of skipRules(root, file, folders)) {
        const rule = helpers.atRule({ name: 'source', params });
        added.add(rule);
        css.append(rule);
      }
    },
  };
  const after = {
    postcssPlugin: 'kiln:tailwind-skip-output-cleanup',
    Once(css: CssRoot) {
      css.walkAtRules('source', (rule) => {
        if (added.has(rule)) rule.remove();
      });
    },
  };
  return { before: before as unknown as PostcssPlugin, after: after as unknown as PostcssPlugin };
}
