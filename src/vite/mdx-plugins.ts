/**
 * @next/mdx's remark, rehype and recma plugin lists as the MDX compiler takes them. Next.js 16
 * with Turbopack requires the options to be serialisable, so apps name their plugins as strings
 * (`'remark-gfm'`, or `['rehype-slug', { prefix: 'h-' }]`); each name is imported from the app's
 * own install, where its `npm install` put it, as Next.js does. A plugin given as a function
 * (possible with webpack) is taken as it is.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { kilnError } from '../errors.ts';

export const MDX_PLUGIN_LISTS = ['remarkPlugins', 'rehypePlugins', 'recmaPlugins'] as const;

/**
 * `options` with every named plugin in its lists replaced by the plugin itself. `file` is the
 * next.config file the options come from, named in errors.
 */
export async function resolveMdxPlugins(
  options: Readonly<Record<string, unknown>>,
  root: string,
  file: string,
): Promise<Record<string, unknown>> {
  const require = createRequire(path.join(root, 'package.json'));
  const resolved: Record<string, unknown> = { ...options };
  for (const list of MDX_PLUGIN_LISTS) {
    const value = options[list];
    if (value === undefined || value === null) continue;
    if (!Array.isArray(value)) {
      throw kilnError('NEXT_CONFIG_INVALID', {
        file,
        key: `createMDX's options.${list}`,
        value,
        expected: "a list of plugins, such as ['remark-gfm']",
      });
    }
    resolved[list] = await Promise.all(
      value.map(async (entry: unknown) => {
        if (typeof entry === 'string') return importPlugin(require, entry, { root, list, file });
        if (Array.isArray(entry) && typeof entry[0] === 'string') {
          return [await importPlugin(require, entry[0], { root, list, file }), ...entry.slice(1)];
        }
        return entry;
      }),
    );
  }
  return resolved;
}

interface Origin {
  root: string;
  list: string;
  file: string;
}

async function importPlugin(require: NodeJS.Require, name: string, { root, list, file }: Origin): Promise<unknown> {
  let location: string;
  try {
    location = require.resolve(name);
  } catch (error) {
    throw kilnError('MDX_PLUGIN_NOT_FOUND', { file, list, plugin: name, from: root }, { cause: error });
  }
  try {
    const mod = (await import(pathToFileURL(location).href)) as { default?: unknown };
    return mod.default ?? mod;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw kilnError('MDX_PLUGIN_FAILED', { file, list, plugin: name, reason }, { cause: error });
  }
}
