/**
 * The check behind native-kiln.ts's declared list: a compiled module, and everything it imports,
 * uses only relative imports and Node built-ins and nothing Vite provides (`import.meta.env`,
 * `import.meta.hot`, directives, bare imports such as JSX's React runtime).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const IMPORT = /\bfrom\s*["']([^"']+)["']|\bimport\s*["']([^"']+)["']|\bimport\s*\(\s*([^)]*)\)/g;
const NEEDS_VITE = /\bimport\.meta\.(?!url\b)|^\s*["']use (client|server)["']/m;

/** A checker that remembers its verdicts; true when the compiled module can load in Node alone. */
export function viteFreeChecker(): (compiled: string) => boolean {
  const verdicts = new Map<string, boolean>();
  const check = (compiled: string, visiting: Set<string>): boolean => {
    const known = verdicts.get(compiled);
    if (known !== undefined) return known;
    // A cycle is decided by the rest of the walk: assume yes while inside it.
    if (visiting.has(compiled)) return true;
    visiting.add(compiled);
    let ok = existsSync(compiled);
    if (ok) {
      const code = readFileSync(compiled, 'utf8');
      ok = !NEEDS_VITE.test(code);
      for (const m of code.matchAll(IMPORT)) {
        if (!ok) break;
        const specifier = m[1] ?? m[2] ?? /^\s*["']([^"']+)["']\s*$/.exec(m[3]!)?.[1];
        if (specifier === undefined) ok = false; // import(expression): unknown target
        else if (specifier.startsWith('node:')) continue;
        else if (specifier.startsWith('./') || specifier.startsWith('../')) ok = check(path.resolve(path.dirname(compiled), specifier), visiting);
        else ok = false;
      }
    }
    visiting.delete(compiled);
    verdicts.set(compiled, ok);
    return ok;
  };
  return (compiled) => check(compiled, new Set());
}
