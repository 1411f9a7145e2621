/**
 * Checks, at build time and in dev, that every name an app imports from a `next/*` shim exists
 * there. Without this a missing one (`useSelectedLayoutSegment`, say) fails deep in the bundler
 * with a message about Kiln's source file; with it, the error names the app's file, the name and
 * what the shim does provide.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAst, type Plugin } from 'vite';
import { kilnError } from '../errors.ts';
import { shimFile } from './paths.ts';
import { sourceLang } from '../next/source-lang.ts';

interface Node {
  type: string;
  [key: string]: unknown;
}

const HINTS: Record<string, string> = {
  useSelectedLayoutSegment: 'Derive the segment from usePathname() in the layout that needs it.',
  useSelectedLayoutSegments: 'Derive the segments from usePathname().split("/").',
  unstable_rethrow: 'Rethrow errors whose digest starts with NEXT_ (see isRedirectError / isNotFoundError).',
};

export function nextImportsPlugin(root: () => string): Plugin {
  const exportsOf = new Map<string, ShimExports>();
  return {
    name: 'kiln:next-imports',
    enforce: 'pre',
    transform(code, id) {
      if (id.startsWith('\0') || !/['"](?:next|kilnjs)\//.test(code)) return undefined;
      const file = id.split('?')[0];
      const lang = sourceLang(file);
      if (!lang) return undefined;
      let program: { body: Node[] };
      try {
        program = parseAst(code, { lang }) as unknown as { body: Node[] };
      } catch {
        return undefined; // The compiler reports syntax errors better.
      }
      for (const statement of program.body) {
        if (statement.type !== 'ImportDeclaration' || statement.importKind === 'type') continue;
        const module = (statement.source as { value: string }).value;
        const shim = shimFile(module);
        if (!shim) continue;
        let provided = exportsOf.get(shim);
        if (!provided) exportsOf.set(shim, (provided = exportedNames(shim)));
        for (const specifier of statement.specifiers as Node[]) {
          if (specifier.type === 'ImportNamespaceSpecifier' || specifier.importKind === 'type') continue;
          const name = specifier.type === 'ImportDefaultSpecifier' ? 'default' : importedName(specifier);
          if (provided.all.includes(name)) continue;
          const relative = path.relative(root(), file).split(path.sep).join('/');
          throw kilnError('NEXT_EXPORT_UNSUPPORTED', {
            file: relative.startsWith('..') ? file : relative,
            module,
            name: name === 'default' ? 'the default export' : name,
            provided: provided.values
              .filter((n) => !KILN_INTERNAL.has(n))
              .map((n) => (n === 'default' ? 'a default export' : n))
              .join(', '),
            hintText: HINTS[name],
          });
        }
      }
      return undefined;
    },
  };
}

/** Names the shims export for Kiln's own use; not Next.js APIs, so not offered in messages. */
const KILN_INTERNAL = new Set(['NOT_FOUND_DIGEST', 'REDIRECT_DIGEST', 'NavigationProvider', 'RouterProvider', 'useKilnRouter', 'redirectInfo']);

interface ShimExports {
  /** Every exported name, types included (an app may import a type without `type`). */
  all: string[];
  /** The run-time exports, for the message. */
  values: string[];
}

function exportedNames(shim: string): ShimExports {
  const program = parseAst(readFileSync(shim, 'utf8'), { lang: shim.endsWith('x') ? 'tsx' : 'ts' }) as unknown as { body: Node[] };
  const all = new Set<string>();
  const values = new Set<string>();
  const add = (name: string, isType: boolean): void => {
    all.add(name);
    if (!isType) values.add(name);
  };
  for (const statement of program.body) {
    if (statement.type === 'ExportDefaultDeclaration') add('default', false);
    if (statement.type !== 'ExportNamedDeclaration') continue;
    const typeOnly = statement.exportKind === 'type';
    const declaration = statement.declaration as Node | null;
    if (declaration?.type === 'VariableDeclaration') {
      for (const d of declaration.declarations as Node[]) add((d.id as Node).name as string, false);
    } else if (declaration?.id) {
      add((declaration.id as Node).name as string, typeOnly || /^TS(Interface|TypeAlias)Declaration$/.test(declaration.type));
    }
    for (const specifier of (statement.specifiers as Node[] | undefined) ?? []) {
      const exported = specifier.exported as Node;
      add(exported.type === 'Identifier' ? (exported.name as string) : String(exported.value), typeOnly || specifier.exportKind === 'type');
    }
  }
  return { all: [...all].sort(), values: [...values].sort() };
}

function importedName(specifier: Node): string {
  const imported = specifier.imported as Node;
  return imported.type === 'Identifier' ? (imported.name as string) : String(imported.value);
}
