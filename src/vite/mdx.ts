/**
 * MDX as Next.js apps set it up with @next/mdx. `.mdx` files, and `.md` files when the app lists
 * `md` in pageExtensions or gives createMDX an `extension` that takes them, compile to React
 * components with @mdx-js/rollup before any other plugin parses them, so plugin-rsc sees plain
 * JavaScript: a compiled file is a server component unless a client module imports it.
 *
 * Compiled code takes its components from the app's `mdx-components` file (its
 * `useMDXComponents`), the file @next/mdx requires for the App Router. The compiler is Kiln's own
 * dependency and its output imports only React's JSX runtime and that file, so the app needs no
 * @mdx-js package of its own.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import compileMdx, { type Options as MdxOptions } from '@mdx-js/rollup';
import type { Plugin, Rollup } from 'vite';
import { kilnError } from '../errors.ts';
import type { KilnNextConfig } from './next-config.ts';
import type { NextMdxConfig } from './mdx-config.ts';
import { MDX_PLUGIN_LISTS, resolveMdxPlugins } from './mdx-plugins.ts';

/** What compiled MDX imports `useMDXComponents` from; resolved to the app's file. */
export const MDX_COMPONENTS_ID = 'kiln:mdx-components';
/** Stands in for an app without an `mdx-components` file: Markdown renders as plain elements. */
const NO_COMPONENTS_ID = '\0kiln:mdx-components-none';

/** Where @next/mdx looks for the file, in its order: `src/` first, then the project root. */
const COMPONENTS_FILES = ['src/mdx-components', 'mdx-components'].flatMap((name) =>
  ['.tsx', '.ts', '.jsx', '.js'].map((ext) => `${name}${ext}`),
);

/** createMDX options the compiler takes from next.config; the rest (JSX output, the provider) is Kiln's. */
const APP_OPTIONS = ['format', ...MDX_PLUGIN_LISTS, 'remarkRehypeOptions', 'elementAttributeNameCase', 'stylePropertyNameCase', 'tableCellAlignToStyle'];

/** Queries under which a `.md`/`.mdx` import means the file itself, not a component. */
const ASSET_QUERY = /(?:^|&)(?:raw|url|inline|worker|sharedworker)(?:[&=]|$)/;

export interface MdxPluginOptions {
  root: () => string;
  /** next.config as Kiln read it, once Vite's config hooks have run. */
  next: () => KilnNextConfig;
}

export function mdx(options: MdxPluginOptions): Plugin {
  let development = false;
  let compilesMd = false;
  let transform: Promise<ReturnType<typeof compileMdx>['transform']> | undefined;

  const createTransform = async (): Promise<ReturnType<typeof compileMdx>['transform']> => {
    const next = options.next();
    const root = options.root();
    const appOptions = pick(next.mdx?.options ?? {}, APP_OPTIONS);
    const resolved = next.file ? await resolveMdxPlugins(appOptions, root, next.file) : appOptions;
    const compilerOptions: MdxOptions = {
      ...resolved,
      // MDX's own default: `.md` as plain Markdown, `.mdx` with JSX and ESM, as @mdx-js/loader does.
      format: (resolved.format as MdxOptions['format']) ?? 'detect',
      mdExtensions: compilesMd ? ['.md'] : [],
      mdxExtensions: ['.mdx'],
      providerImportSource: MDX_COMPONENTS_ID,
      jsxRuntime: 'automatic',
      jsxImportSource: 'react',
      development,
    };
    return compileMdx(compilerOptions).transform;
  };

  return {
    name: 'kiln:mdx',
    enforce: 'pre',
    configResolved(config) {
      development = config.command === 'serve';
      const next = options.next();
      compilesMd = next.pageExtensions.includes('md') || takesMarkdown(next.mdx);
      transform = undefined;
      const hidden = next.mdx !== null && next.mdx.options === null && next.file !== null ? next.file : null;
      if (hidden && !warned.has(hidden)) {
        warned.add(hidden);
        config.logger.warn(kilnError('MDX_OPTIONS_HIDDEN', { file: hidden }).message);
      }
    },
    resolveId(id) {
      if (id !== MDX_COMPONENTS_ID) return undefined;
      const root = options.root();
      const found = COMPONENTS_FILES.map((name) => path.join(root, name)).find((file) => existsSync(file));
      return found ?? NO_COMPONENTS_ID;
    },
    load(id) {
      if (id === NO_COMPONENTS_ID) return 'export function useMDXComponents(components) { return { ...components }; }\n';
      return undefined;
    },
    transform: {
      filter: { id: /\.mdx?(?:\?|$)/ },
      async handler(code, id) {
        const [file, query = ''] = id.split('?');
        if (!(file.endsWith('.mdx') || (compilesMd && file.endsWith('.md'))) || ASSET_QUERY.test(query)) return null;
        const compile = await (transform ??= createTransform());
        let result: Awaited<ReturnType<typeof compile>>;
        try {
          result = await compile(code, file);
        } catch (error) {
          // A syntax error is a VFileMessage: its line and column (from 1) become the bundler's
          // location (columns from 0), so errors name `file:line:column` as for any other module.
          const place = error as { reason?: unknown; line?: unknown; column?: unknown };
          if (typeof place.line !== 'number' || typeof place.column !== 'number') throw error;
          this.error({ message: String(place.reason ?? (error as Error).message), loc: { file, line: place.line, column: place.column - 1 }, cause: error });
        }
        // MDX writes a plain source map (its SourceMapGenerator's), never an index map.
        return result ? { code: result.code, map: (result.map ?? null) as Rollup.SourceMapInput, moduleType: 'js' } : null;
      },
    },
  };
}

/** Files told about hidden options, so a config is warned about once per process. */
const warned = new Set<string>();

/** Whether createMDX's `extension` takes `.md` files too (`/\.mdx?$/`). */
function takesMarkdown(mdx: NextMdxConfig | null): boolean {
  if (!mdx?.extension) return false;
  mdx.extension.lastIndex = 0;
  return mdx.extension.test('file.md');
}

function pick(record: Readonly<Record<string, unknown>>, keys: readonly string[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const key of keys) if (record[key] !== undefined) picked[key] = record[key];
  return picked;
}
