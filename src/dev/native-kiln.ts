/**
 * Which of Kiln's own server modules `kiln dev` loads with Node's loader, from the compiled
 * package, instead of transforming their source through Vite on every start: the modules the
 * server entries use that need nothing Vite provides (`import.meta.env`, `import.meta.hot`,
 * globs, directives, JSX's React import) and import only each other and Node built-ins. They are
 * declared here; a test checks every one against the compiled code (test-vite-free.ts), so a
 * module that starts to need Vite fails the suite instead of failing `kiln dev`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Source paths under `src/`; one ending in `/` stands for the whole folder. */
export const NATIVE_KILN_MODULES: readonly string[] = [
  'errors.ts',
  'routing/',
  'params/',
  'output/',
  'next/middleware-headers.ts',
  'render/blame.ts',
  'render/handler-scope.ts',
  'render/inline-payload.ts',
  'render/metadata-files.ts',
  'render/metadata-routes.ts',
  'render/metadata.ts',
  'render/node-streams.ts',
  'render/params-prop.ts',
  'render/redirect-page.ts',
  'render/render-store.ts',
  'render/streams.ts',
  'render/types.ts',
];

export interface NativeKiln {
  /** The compiled module to load for a Kiln source file, or null when it must go through Vite. */
  resolve(sourceFile: string): string | null;
}

/** Whether a source path (relative to `src/`, `/`-separated) is one of the declared modules. */
export function isDeclaredNative(rel: string, declared: readonly string[] = NATIVE_KILN_MODULES): boolean {
  return declared.some((entry) => (entry.endsWith('/') ? rel.startsWith(entry) : rel === entry));
}

/**
 * `distDir`/`srcDir`: the compiled and source trees of Kiln's package. Without a compiled tree
 * next to the running code (Kiln run from source), nothing is native.
 */
export function nativeKiln(srcDir: string, distDir: string | null, declared: readonly string[] = NATIVE_KILN_MODULES): NativeKiln {
  return {
    resolve(sourceFile) {
      if (distDir === null) return null;
      const rel = path.relative(srcDir, sourceFile).split(path.sep).join('/');
      if (rel.startsWith('..') || path.isAbsolute(rel) || !/\.tsx?$/.test(rel) || /\.test\.tsx?$/.test(rel)) return null;
      if (!isDeclaredNative(rel, declared)) return null;
      const compiled = path.join(distDir, rel.replace(/\.tsx?$/, '.js'));
      return existsSync(compiled) ? pathToFileURL(compiled).href : null;
    },
  };
}

/** Kiln's compiled tree, when the running code is the compiled package (…/dist/dev/this.js). */
export function runningDistDir(): string | null {
  const here = fileURLToPath(import.meta.url);
  const dist = path.resolve(path.dirname(here), '..');
  return here.endsWith('.js') && path.basename(dist) === 'dist' ? dist : null;
}
