/**
 * Which of Kiln's own server modules `kiln dev` may load with Node's loader, from the compiled
 * package, instead of transforming their source through Vite on every start. A module qualifies
 * when it and everything it imports use only relative imports and Node built-ins, and nothing
 * Vite provides (`import.meta.env`, `import.meta.hot`, globs, directives, JSX's React import).
 * The check reads the compiled files, so it follows the code as it is, not a list to keep up.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const IMPORT = /\bfrom\s*["']([^"']+)["']|\bimport\s*["']([^"']+)["']|\bimport\s*\(\s*([^)]*)\)/g;
const NEEDS_VITE = /\bimport\.meta\.(?!url\b)|^\s*["']use (client|server)["']/m;

export interface NativeKiln {
  /** The compiled module to load for a Kiln source file, or null when it must go through Vite. */
  resolve(sourceFile: string): string | null;
}

/**
 * `distDir`/`srcDir`: the compiled and source trees of Kiln's package. Without a compiled tree
 * next to the running code (Kiln run from source), nothing is native.
 */
export function nativeKiln(srcDir: string, distDir: string | null): NativeKiln {
  const verdicts = new Map<string, boolean>();

  const isNative = (compiled: string, visiting: Set<string>): boolean => {
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
        else if (specifier.startsWith('./') || specifier.startsWith('../')) ok = isNative(path.resolve(path.dirname(compiled), specifier), visiting);
        else ok = false;
      }
    }
    visiting.delete(compiled);
    verdicts.set(compiled, ok);
    return ok;
  };

  return {
    resolve(sourceFile) {
      if (distDir === null) return null;
      const rel = path.relative(srcDir, sourceFile);
      if (rel.startsWith('..') || path.isAbsolute(rel) || !/\.tsx?$/.test(rel)) return null;
      const compiled = path.join(distDir, rel.replace(/\.tsx?$/, '.js'));
      return isNative(compiled, new Set()) ? pathToFileURL(compiled).href : null;
    },
  };
}

/** Kiln's compiled tree, when the running code is the compiled package (…/dist/dev/this.js). */
export function runningDistDir(): string | null {
  const here = fileURLToPath(import.meta.url);
  const dist = path.resolve(path.dirname(here), '..');
  return here.endsWith('.js') && path.basename(dist) === 'dist' ? dist : null;
}
