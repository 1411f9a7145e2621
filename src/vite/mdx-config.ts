/**
 * What `@next/mdx` leaves in the config object it returns. `createMDX(options)(nextConfig)` puts
 * its compiler options in two places: inside a `webpack` function (a closure Kiln cannot read)
 * and, when the config is loaded for Turbopack, as a `turbopack.rules` entry whose loader carries
 * them as plain data (`experimental.turbo.rules` before Next 15.3). Kiln reads the data.
 */

export interface NextMdxConfig {
  /**
   * The `options` given to `createMDX` (remarkPlugins, rehypePlugins, …) as next.config holds
   * them: plugins as package names, `[name, options]` pairs, or the plugins themselves. Null when
   * they sit only inside the `webpack` function.
   */
  options: Record<string, unknown> | null;
  /** `createMDX({ extension })`: which files compile as MDX; null for the default (`.mdx`). */
  extension: RegExp | null;
}

export interface NextMdxReading {
  /** Null when the config was not wrapped by @next/mdx. */
  mdx: NextMdxConfig | null;
  /** Top-level keys that hold nothing but what @next/mdx added, so they are not "ignored" keys. */
  ownedKeys: string[];
}

/** The alias @next/mdx registers for the `mdx-components` file, in both bundlers' settings. */
const IMPORT_SOURCE_ALIAS = 'next-mdx-import-source-file';
/**
 * The loader files @next/mdx points its rules at: its own wrappers of the JS and Rust compilers,
 * or, in earlier versions (15.0), @mdx-js/loader itself.
 */
const LOADER_FILE = /[\\/](?:(?:@next[\\/]mdx|next-mdx)[\\/]mdx-(?:js|rs)-loader(?:\.js)?|@mdx-js[\\/]loader[\\/].*)$/;

export function readNextMdx(config: Record<string, unknown>): NextMdxReading {
  const turbopack = asRecord(config.turbopack);
  const experimental = asRecord(config.experimental);
  const rules = asRecord(turbopack?.rules) ?? asRecord(asRecord(experimental?.turbo)?.rules);
  const found = rules ? findMdxRule(rules) : null;
  const wrapsWebpack = typeof config.webpack === 'function' && String(config.webpack).includes(IMPORT_SOURCE_ALIAS);

  const ownedKeys: string[] = [];
  // @next/mdx's own webpack function says nothing about the app; one the app wrote is chained
  // inside it and cannot be told apart, as Kiln runs neither.
  if (wrapsWebpack) ownedKeys.push('webpack');
  if (turbopack && found && holdsOnlyMdx(turbopack, found.key)) ownedKeys.push('turbopack');

  if (found) return { mdx: { options: found.options, extension: found.extension }, ownedKeys };
  if (wrapsWebpack) return { mdx: { options: null, extension: null }, ownedKeys };
  return { mdx: null, ownedKeys };
}

interface FoundRule {
  key: string;
  options: Record<string, unknown>;
  extension: RegExp | null;
}

function findMdxRule(rules: Record<string, unknown>): FoundRule | null {
  for (const [key, value] of Object.entries(rules)) {
    for (const rule of Array.isArray(value) ? value : [value]) {
      const record = asRecord(rule);
      const loaders = record?.loaders;
      if (!Array.isArray(loaders)) continue;
      for (const loader of loaders) {
        const entry = asRecord(loader);
        if (typeof entry?.loader !== 'string' || !LOADER_FILE.test(entry.loader)) continue;
        const condition = asRecord(record?.condition);
        return {
          key,
          options: asRecord(entry.options) ?? {},
          extension: condition?.path instanceof RegExp ? condition.path : null,
        };
      }
    }
  }
  return null;
}

function holdsOnlyMdx(turbopack: Record<string, unknown>, ruleKey: string): boolean {
  const rules = asRecord(turbopack.rules) ?? {};
  const alias = asRecord(turbopack.resolveAlias) ?? {};
  const otherKeys = Object.keys(turbopack).filter((k) => k !== 'rules' && k !== 'resolveAlias');
  const ruleList = rules[ruleKey];
  const onlyRule = Object.keys(rules).length === 1 && (!Array.isArray(ruleList) || ruleList.length === 1);
  const onlyAlias = Object.keys(alias).every((k) => k === IMPORT_SOURCE_ALIAS);
  return otherKeys.length === 0 && onlyRule && onlyAlias;
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}
