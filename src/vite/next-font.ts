/**
 * `next/font/google` and `next/font/local`, compiled away as Next.js does: each
 * `const inter = Inter({ … })` at the top of a module becomes the literal font object
 * (`className`, `style`, `variable`), and the module imports a generated CSS file beside it with
 * the classes and, for local fonts, the `@font-face` rules. Font files are resolved relative to
 * the module, so Vite fingerprints and serves them like any other asset.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseAst, type Plugin } from 'vite';
import { kilnError } from '../errors.ts';
import { describeGoogleFont, describeLocalFont, googleFamilyName, googleFontStack, type FontOptions, type LocalFontFile } from '../next/font/describe.ts';
import { literalValue, NotLiteral, type Literal } from '../next/font/literal.ts';
import { sourceLang } from '../next/source-lang.ts';

interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

const FONT_SOURCE = /^next\/font\/(google|local)(?:\.js)?$/;
const CSS_NAME = /__kiln_font_[0-9a-f]{8}\.css$/;
/** Generated CSS by file name, shared by every environment and build in this process. */
const generated = new Map<string, { file: string; css: string }>();

export interface NextFontPluginOptions {
  root: () => string;
  warn: (message: string) => void;
}

export function nextFontPlugin(options: NextFontPluginOptions): Plugin {
  const warned = new Set<string>();
  return {
    name: 'kiln:next-font',
    enforce: 'pre',
    resolveId(source) {
      const name = CSS_NAME.exec(source.split('?')[0]);
      const entry = name && generated.get(name[0]);
      if (!entry) return undefined;
      const query = source.includes('?') ? source.slice(source.indexOf('?')) : '';
      return entry.file + query;
    },
    load(id) {
      const name = CSS_NAME.exec(id.split('?')[0]);
      return name ? generated.get(name[0])?.css : undefined;
    },
    transform(code, id) {
      if (!code.includes('next/font/') || id.startsWith('\0')) return undefined;
      const file = id.split('?')[0];
      const lang = sourceLang(file);
      if (!lang) return undefined;
      const result = compileFonts(code, file, lang, options.root(), (family, relative, stack) => {
        const key = `${relative}\0${family}`;
        if (warned.has(key)) return;
        warned.add(key);
        options.warn(kilnError('NEXT_FONT_GOOGLE_OFFLINE', { file: relative, family: JSON.stringify(family), stack }).message);
      });
      if (!result) return undefined;
      generated.set(path.basename(result.cssFile), { file: result.cssFile, css: result.css });
      return { code: result.code, map: null };
    },
  };
}

export interface CompiledFonts {
  code: string;
  css: string;
  /** Absolute path the generated CSS is known by: beside the module, so url()s resolve from there. */
  cssFile: string;
}

/** The font compilation of one module; null when it imports no font loader. Exported for tests. */
export function compileFonts(
  code: string,
  file: string,
  lang: 'js' | 'jsx' | 'ts' | 'tsx',
  root: string,
  onGoogleFont: (family: string, relative: string, stack: string) => void = () => {},
): CompiledFonts | null {
  const relative = path.relative(root, file).split(path.sep).join('/');
  const program = parseAst(code, { lang }) as unknown as { body: Node[] };
  /** Local binding → 'local' or the Google export name. */
  const loaders = new Map<string, { kind: 'google' | 'local'; name: string; module: string }>();
  const imports: Node[] = [];
  for (const statement of program.body) {
    if (statement.type !== 'ImportDeclaration') continue;
    const source = (statement.source as { value: string }).value;
    const kind = FONT_SOURCE.exec(source)?.[1] as 'google' | 'local' | undefined;
    if (!kind || statement.importKind === 'type') continue;
    imports.push(statement);
    for (const specifier of statement.specifiers as Node[]) {
      if (specifier.importKind === 'type') continue;
      const local = (specifier.local as { name: string }).name;
      if (specifier.type === 'ImportNamespaceSpecifier') {
        throw fontError(relative, `* as ${local}`, source, 'is a namespace import');
      }
      const imported = specifier.type === 'ImportDefaultSpecifier' ? 'default' : importedName(specifier);
      if (kind === 'local' && imported !== 'default') throw fontError(relative, imported, source, 'is not an export of next/font/local (its font loader is the default export)');
      if (kind === 'google' && imported === 'default') throw fontError(relative, local, source, 'is a default import, but each Google font is a named export');
      loaders.set(local, { kind, name: imported, module: source });
    }
  }
  if (imports.length === 0) return null;

  const calls: Array<{ node: Node; constName: string; loader: string }> = [];
  for (const statement of program.body) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? (statement.declaration as Node | null) : statement;
    if (!declaration || declaration.type !== 'VariableDeclaration') continue;
    for (const declarator of declaration.declarations as Node[]) {
      const init = unwrap(declarator.init as Node | null);
      if (!init || init.type !== 'CallExpression') continue;
      const callee = init.callee as Node;
      if (callee.type !== 'Identifier' || !loaders.has(callee.name as string)) continue;
      const loader = loaders.get(callee.name as string)!;
      const call = loader.kind === 'local' ? 'localFont()' : `${loader.name}()`;
      if (declaration.kind !== 'const') throw fontError(relative, call, loader.module, `is assigned with ${String(declaration.kind)}`);
      const id = declarator.id as Node;
      if (id.type !== 'Identifier') throw fontError(relative, call, loader.module, 'is assigned to a destructuring pattern');
      calls.push({ node: init, constName: id.name as string, loader: callee.name as string });
    }
  }
  // Any other use of a loader (called inside a function, passed around) cannot be compiled.
  const allowed = new Set(calls.map((c) => c.node.callee as Node));
  walk(program as unknown as Node, (node, parent, key) => {
    if (node.type !== 'Identifier' || !loaders.has(node.name as string) || allowed.has(node)) return;
    if (parent?.type === 'ImportSpecifier' || parent?.type === 'ImportDefaultSpecifier') return;
    if (key === 'key' && parent?.type === 'Property' && !parent.computed) return;
    if (key === 'property' && parent?.type === 'MemberExpression' && !parent.computed) return;
    const loader = loaders.get(node.name as string)!;
    throw fontError(relative, loader.kind === 'local' ? 'localFont' : loader.name, loader.module, 'is used other than as a top-level const initialiser');
  });

  const dir = path.dirname(file);
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const cssParts: string[] = [];
  const moduleHash = hash([relative, code]);
  const cssFile = path.join(dir, `__kiln_font_${moduleHash}.css`);
  for (const { node, constName, loader: local } of calls) {
    const loader = loaders.get(local)!;
    const call = loader.kind === 'local' ? 'localFont()' : `${loader.name}()`;
    const args = node.arguments as Node[];
    if (args.length > 1) throw fontError(relative, call, loader.module, `is called with ${args.length} arguments`);
    let options: FontOptions = {};
    if (args.length === 1) {
      try {
        const value = literalValue(args[0]);
        if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new NotLiteral(args[0]);
        options = value as FontOptions;
      } catch (error) {
        if (!(error instanceof NotLiteral)) throw error;
        throw fontError(relative, call, loader.module, `has an option that is not a literal (${error.node.type} at offset ${error.node.start})`);
      }
    }
    const id = hash([relative, constName, JSON.stringify(options)]).slice(0, 6);
    let described;
    if (loader.kind === 'google') {
      const family = googleFamilyName(loader.name);
      onGoogleFont(family, relative, googleFontStack(family, options));
      described = describeGoogleFont(family, options, id);
    } else {
      described = describeLocalFont(constName, localFiles(options, relative, dir), options, id);
    }
    cssParts.push(described.css);
    edits.push({ start: node.start, end: node.end, text: JSON.stringify(described.font) });
  }
  // The first loader import becomes the CSS import (keeping any "use client" directive first).
  imports.forEach((statement, i) => {
    edits.push({ start: statement.start, end: statement.end, text: i === 0 ? `import ${JSON.stringify(`./${path.basename(cssFile)}`)};` : '' });
  });
  edits.sort((a, b) => b.start - a.start);
  let out = code;
  for (const edit of edits) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return { code: out, css: cssParts.join(''), cssFile };
}

function localFiles(options: FontOptions, relative: string, dir: string): LocalFontFile[] {
  const src = options.src;
  const entries: Array<{ path: Literal; weight?: Literal; style?: Literal }> =
    typeof src === 'string' ? [{ path: src }] : Array.isArray(src) ? (src as Array<Record<string, Literal>>).map((s) => ({ path: s?.path, weight: s?.weight, style: s?.style })) : [];
  if (entries.length === 0 || entries.some((e) => typeof e.path !== 'string' || e.path === '')) {
    throw fontError(relative, 'localFont()', 'next/font/local', 'needs src: a path, or a list of { path, weight?, style? }');
  }
  return entries.map((entry) => {
    const target = path.resolve(dir, entry.path as string);
    if (!existsSync(target)) throw kilnError('NEXT_FONT_FILE_MISSING', { file: relative, src: entry.path, resolved: target });
    let url = path.relative(dir, target).split(path.sep).join('/');
    if (!url.startsWith('.')) url = `./${url}`;
    const out: LocalFontFile = { url };
    if (typeof entry.weight === 'string' || typeof entry.weight === 'number') out.weight = String(entry.weight);
    if (typeof entry.style === 'string') out.style = entry.style;
    return out;
  });
}

function importedName(specifier: Node): string {
  const imported = specifier.imported as Node;
  return imported.type === 'Identifier' ? (imported.name as string) : String(imported.value);
}

function unwrap(node: Node | null): Node | null {
  while (node && (node.type === 'TSAsExpression' || node.type === 'TSSatisfiesExpression' || node.type === 'ParenthesizedExpression')) {
    node = node.expression as Node;
  }
  return node;
}

function walk(node: Node, visit: (node: Node, parent: Node | null, key: string | null) => void, parent: Node | null = null, key: string | null = null): void {
  visit(node, parent, key);
  for (const [k, value] of Object.entries(node)) {
    if (Array.isArray(value)) {
      for (const child of value) if (isNode(child)) walk(child, visit, node, k);
    } else if (isNode(value)) {
      walk(value, visit, node, k);
    }
  }
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

function hash(parts: string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 8);
}

function fontError(file: string, call: string, module: string, reason: string) {
  return kilnError('NEXT_FONT_CALL_INVALID', { file, call, module, reason });
}
