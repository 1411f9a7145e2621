/**
 * In a server environment (plugin-rsc's `rsc`, and `ssr`), Vite resolves a stylesheet's
 * `@import "tailwindcss"` as an external JavaScript package and then reads `<cwd>/tailwindcss`
 * (vitejs/vite#23096), so a server component's CSS that imports a package by name fails to build
 * while the same file works in the browser build. Such specifiers are rewritten to the file the
 * browser build resolves them to before Vite's CSS plugin (or Tailwind) reads the stylesheet.
 */
import path from 'node:path';
import type { Plugin, ResolveFn } from 'vite';

const IMPORT = /@import\s+(?:url\(\s*)?(["'])([^"'\n]+)\1/g;
/** Not relative, absolute, a URL, a subpath import (`#x`) or Sass's `~pkg`. */
const PACKAGE_SPECIFIER = /^(?![./~#]|[a-z][a-z0-9+.-]*:)/i;

export function cssPackageImports(): Plugin {
  let resolve: ResolveFn | undefined;
  return {
    name: 'kiln:css-package-imports',
    enforce: 'pre',
    applyToEnvironment: (environment) => environment.config.consumer === 'server',
    configResolved(config) {
      // The resolver Vite itself uses for `@import` in the browser build: the `style` export
      // condition and field, CSS extensions. (`createIdResolver` would need an environment
      // object Vite does not export.)
      resolve = config.createResolver({ extensions: ['.css'], mainFields: ['style'], conditions: ['style'], tryIndex: false, preferRelative: true });
    },
    transform: {
      filter: { id: /\.css(?:$|\?)/ },
      async handler(code, id) {
        if (!resolve || !code.includes('@import')) return undefined;
        const file = id.split('?')[0];
        const replacements = new Map<string, string>();
        for (const match of code.matchAll(IMPORT)) {
          const specifier = match[2];
          if (replacements.has(specifier) || !PACKAGE_SPECIFIER.test(specifier)) continue;
          const resolved = await resolve(specifier, file, false, false);
          if (resolved && path.isAbsolute(resolved)) replacements.set(specifier, resolved.split(path.sep).join('/'));
        }
        if (replacements.size === 0) return undefined;
        const rewritten = code.replace(IMPORT, (whole, quote: string, specifier: string) => {
          const target = replacements.get(specifier);
          return target ? whole.replace(`${quote}${specifier}${quote}`, `${quote}${target}${quote}`) : whole;
        });
        // Only strings inside lines change, so the lines of any existing source map still hold.
        return { code: rewritten, map: null };
      },
    },
  };
}
