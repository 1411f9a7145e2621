import path from 'node:path';

const LANGS: Record<string, 'js' | 'jsx' | 'ts' | 'tsx'> = {
  '.js': 'jsx',
  '.jsx': 'jsx',
  '.mjs': 'js',
  '.cjs': 'js',
  '.ts': 'ts',
  '.mts': 'ts',
  '.cts': 'ts',
  '.tsx': 'tsx',
};

/**
 * The parser language for a source file, for the plugins that read an app's imports before
 * Vite transforms them; `.js` is parsed as JSX because Next.js apps put JSX in `.js` files.
 * Undefined for files that are not script sources.
 */
export function sourceLang(file: string): 'js' | 'jsx' | 'ts' | 'tsx' | undefined {
  return LANGS[path.extname(file)];
}
