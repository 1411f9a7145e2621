/**
 * CommonJS files of the app under `kiln dev` (`module.exports = {…}` in `src/config.js`, imported
 * by a layout). Next.js accepts them, and so does Kiln's build (the bundler reads CommonJS), but
 * Vite's dev server serves source files as ES modules as they are, where `module`, `exports` and
 * `require` do not exist. Such a file is rewritten into an ES module here:
 *
 * - its body runs inside a function that receives `module`, `exports` and `require`, on the
 *   file's own first line, so line numbers in errors stay true;
 * - each `require('literal')` becomes an import of the same module, so it goes through Vite like
 *   any import (aliases, JSX, other CommonJS files); a computed `require(x)` throws, naming the
 *   file;
 * - `module.exports` is the default export, and the names it is given at the top level
 *   (`exports.a = …`, `module.exports = { a, b }`) are named exports too.
 *
 * Dependencies are not touched: Vite pre-bundles those.
 */
import { parseAst, type Plugin } from 'vite';

const SCRIPT = /\.c?js$/;
const MENTIONS_COMMONJS = /\b(?:module\.exports|exports\.[A-Za-z_$]|require\s*\()/;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export function appCommonJs(): Plugin {
  return {
    name: 'kiln:app-commonjs',
    apply: 'serve',
    enforce: 'pre',
    transform: {
      filter: { id: { include: SCRIPT, exclude: /[/\\]node_modules[/\\]/ } },
      handler(code, id) {
        const file = id.split('?')[0];
        if (!SCRIPT.test(file) || !MENTIONS_COMMONJS.test(code)) return null;
        const converted = commonJsToEsm(code, file);
        return converted === null ? null : { code: converted, map: null };
      },
    },
  };
}

type Node = { type: string; start: number; end: number; [key: string]: unknown };

/** The ES module for a CommonJS source, or null when the source is an ES module already. */
export function commonJsToEsm(code: string, file: string): string | null {
  let program: Node;
  try {
    program = parseAst(code, { lang: 'js' }) as unknown as Node;
  } catch {
    return null; // Not ours to report: the next step reports the syntax error with its frame.
  }
  const body = program.body as Node[];
  if (body.some((n) => /^(Import|Export)/.test(n.type))) return null;

  const requires = new Map<string, string>();
  const edits: Array<{ start: number; end: number; text: string }> = [];
  walk(program, (node) => {
    if (node.type !== 'CallExpression') return;
    const callee = node.callee as Node;
    const args = node.arguments as Node[];
    if (callee.type !== 'Identifier' || callee.name !== 'require' || args.length !== 1) return;
    const arg = args[0];
    if (arg.type !== 'Literal' || typeof arg.value !== 'string') return;
    let local = requires.get(arg.value);
    if (local === undefined) {
      local = `__kiln_required_${requires.size}`;
      requires.set(arg.value, local);
    }
    edits.push({ start: node.start, end: node.end, text: `__kiln_interop(${local})` });
  });

  let wrapped = code;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    wrapped = wrapped.slice(0, edit.start) + edit.text + wrapped.slice(edit.end);
  }
  const imports = [...requires].map(([specifier, local]) => `import * as ${local} from ${JSON.stringify(specifier)};`).join(' ');
  const names = exportedNames(body).filter((name) => name !== 'default');
  const computedRequire = `(id) => { throw new Error(${JSON.stringify(`${file} calls require() with a computed name (`)} + String(id) + ${JSON.stringify('); kiln dev can only follow require("literal").')}); }`;
  // Everything before the body stays on line 1, so the body keeps its line numbers.
  return (
    `${imports} const __kiln_module = { exports: {} }; ` +
    `(function (module, exports, require) {${wrapped}\n}).call(__kiln_module.exports, __kiln_module, __kiln_module.exports, ${computedRequire});\n` +
    `export default __kiln_module.exports;\n` +
    names.map((name) => `export const ${name} = __kiln_module.exports.${name};\n`).join('') +
    INTEROP
  );
}

/**
 * `require()` of an ES module gives its namespace; of a CommonJS module (an npm package loaded
 * by Node, or another file converted here) its `module.exports`, which such namespaces hold as
 * `default` with the named exports copied from it.
 */
const INTEROP =
  'function __kiln_interop(ns) { const d = ns.default; ' +
  "if (d === undefined || d === null || (typeof d !== 'object' && typeof d !== 'function')) return ns; " +
  "return Object.keys(ns).every((k) => k === 'default' || ns[k] === d[k]) ? d : ns; }\n";

/** Names given to `exports` / `module.exports` by top-level statements. */
function exportedNames(body: Node[]): string[] {
  const names = new Set<string>();
  for (const statement of body) {
    if (statement.type !== 'ExpressionStatement') continue;
    const expression = statement.expression as Node;
    if (expression.type !== 'AssignmentExpression') continue;
    const left = expression.left as Node;
    const right = expression.right as Node;
    if (isModuleExports(left) && right.type === 'ObjectExpression') {
      for (const property of right.properties as Node[]) {
        if (property.type !== 'Property' || property.computed) continue;
        const key = property.key as Node;
        const name = key.type === 'Identifier' ? (key.name as string) : typeof key.value === 'string' ? key.value : null;
        if (name !== null && IDENTIFIER.test(name)) names.add(name);
      }
    } else if (left.type === 'MemberExpression' && !left.computed) {
      const object = left.object as Node;
      const property = left.property as Node;
      if ((isModuleExports(object) || (object.type === 'Identifier' && object.name === 'exports')) && property.type === 'Identifier') {
        names.add(property.name as string);
      }
    }
  }
  return [...names];
}

function isModuleExports(node: Node): boolean {
  if (node.type !== 'MemberExpression' || node.computed) return false;
  const object = node.object as Node;
  const property = node.property as Node;
  return object.type === 'Identifier' && object.name === 'module' && property.type === 'Identifier' && property.name === 'exports';
}

function walk(node: unknown, visit: (node: Node) => void): void {
  if (Array.isArray(node)) {
    for (const child of node) walk(child, visit);
    return;
  }
  if (typeof node !== 'object' || node === null || typeof (node as Node).type !== 'string') return;
  visit(node as Node);
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'type' && typeof value === 'object') walk(value, visit);
  }
}
