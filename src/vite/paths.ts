/**
 * Where Kiln's own shipped sources are. The entries and `next/*` shims are `.ts(x)` files under
 * `src/` in the package, used as source whether Kiln runs from `src/` (tests) or `dist/`.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The package's `src/` folder: `src/vite/` and `dist/vite/` both sit two levels below the root. */
export const kilnSrcDir = fileURLToPath(new URL('../../src/', import.meta.url));

/** Kiln's package.json: an existing file to resolve Kiln's own dependencies from. */
export const kilnPackageJson = path.join(kilnSrcDir, '..', 'package.json');

export const entries = {
  rsc: path.join(kilnSrcDir, 'entries/rsc.tsx'),
  ssr: path.join(kilnSrcDir, 'entries/ssr.tsx'),
  client: path.join(kilnSrcDir, 'entries/browser.tsx'),
};

/**
 * `next/*` (and `kilnjs/*`) specifiers → Kiln's shim files; only shims that exist are aliased.
 * Each also answers to its `.js` spelling (`next/link.js`), as Node's ESM resolution made common.
 */
const SHIMS: Record<string, string[]> = {
  'next/navigation': ['next/navigation.ts'],
  'kilnjs/navigation': ['next/navigation.ts'],
  'next/link': ['next/link.tsx', 'next/link.ts'],
  'kilnjs/link': ['next/link.tsx', 'next/link.ts'],
  'next/cache': ['next/cache.ts'],
  'kilnjs/cache': ['next/cache.ts'],
  'next/image': ['next/image.tsx', 'next/image.ts'],
  'next/head': ['next/head.tsx', 'next/head.ts'],
  'next/server': ['next/server.ts'],
  'next/font/google': ['next/font/google.ts'],
  'next/font/local': ['next/font/local.ts'],
  'next/dynamic': ['next/dynamic.tsx'],
  'next/headers': ['next/headers.ts'],
  'next/script': ['next/script.tsx'],
  'next/og': ['next/og.ts'],
};

export interface ShimAlias {
  find: RegExp;
  replacement: string;
}

export function shimAliases(): ShimAlias[] {
  const aliases: ShimAlias[] = [];
  for (const [specifier, candidates] of Object.entries(SHIMS)) {
    const file = candidates.map((c) => path.join(kilnSrcDir, c)).find((f) => existsSync(f));
    if (file) aliases.push({ find: new RegExp(`^${specifier.replace(/[/]/g, '\\/')}(?:\\.js)?$`), replacement: file });
  }
  return aliases;
}

/** The shim file behind a `next/*` or `kilnjs/*` specifier (`.js` spelling included), or null. */
export function shimFile(specifier: string): string | null {
  const candidates = SHIMS[specifier.replace(/\.js$/, '')];
  if (!candidates) return null;
  return candidates.map((c) => path.join(kilnSrcDir, c)).find((f) => existsSync(f)) ?? null;
}

/** The `next/*` modules Kiln provides, for messages: `next/link, next/navigation, …`. */
export function providedNextModules(): string[] {
  return Object.keys(SHIMS)
    .filter((s) => s.startsWith('next/') && SHIMS[s].some((c) => existsSync(path.join(kilnSrcDir, c))))
    .sort();
}

/** True for a specifier that names Next.js itself: `next`, `next/…`. */
export function isNextSpecifier(id: string): boolean {
  return id === 'next' || id.startsWith('next/');
}

/** `app` or `src/app` under `root`, as Next.js looks for them; null when neither exists. */
export function findAppDir(root: string): string | null {
  for (const candidate of ['app', 'src/app']) {
    if (existsSync(path.join(root, candidate))) return candidate;
  }
  return null;
}

/** A module id as the user knows it: project-relative when inside the project. */
export function projectPath(root: string, file: string): string {
  const clean = file.split('?')[0];
  const relative = path.relative(root, clean);
  return relative.startsWith('..') || path.isAbsolute(relative) ? clean : relative.split(path.sep).join('/');
}
