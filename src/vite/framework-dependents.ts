/**
 * The app's dependencies that the server bundles must include rather than leave to Node:
 *
 * - `next`: packages whose code imports `next/*`: `geist` (`next/font/local`), UI kits
 *   (`next/link`, `next/image`). Left external, Node would load them with the real `next`
 *   package, or none; bundled, they get Kiln's modules through the same aliases as the app's own
 *   files.
 * - `react`: component packages. Bundled, their `"use client"` modules become client references
 *   and their `react` imports get Kiln's React; left to Node, they would load the app's own React
 *   (maybe 18) next to Kiln's. plugin-rsc looks for these too, but from the process's working
 *   folder, which is not the app's when `kiln build some/app` runs elsewhere.
 *
 * A package is counted when it names `next` (or `react`, `react-dom`) among its dependencies or
 * peer dependencies, which is how such packages declare it; the walk follows dependencies from
 * the app's package.json down, so a kit that uses another kit is found too. Only package.json
 * files are read.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface Manifest {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** Next.js itself and its own tooling: never imported by app code as a library. */
const NEXT_ITSELF = /^(next|@next\/.*|eslint-config-next)$/;
/** React's own packages, which Kiln resolves to its own copy anyway. */
const REACT_ITSELF = /^(react|react-dom|scheduler|@types\/.*)$/;

export interface FrameworkDependents {
  next: string[];
  react: string[];
}

export function frameworkDependents(root: string): FrameworkDependents {
  const app = readManifest(path.join(root, 'package.json'));
  if (!app) return { next: [], react: [] };
  const next = new Set<string>();
  const react = new Set<string>();
  const seen = new Set<string>();
  const queue: Array<{ name: string; from: string }> = [];
  const enqueue = (manifest: Manifest, from: string) => {
    for (const name of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies, ...manifest.peerDependencies })) {
      if (!NEXT_ITSELF.test(name)) queue.push({ name, from });
    }
  };
  enqueue({ ...app, dependencies: { ...app.devDependencies, ...app.dependencies } }, root);
  while (queue.length > 0) {
    const { name, from } = queue.pop()!;
    const dir = packageDir(name, from);
    if (dir === null || seen.has(dir)) continue;
    seen.add(dir);
    const manifest = readManifest(path.join(dir, 'package.json'));
    if (!manifest) continue;
    if (names(manifest, 'next')) next.add(name);
    if (!REACT_ITSELF.test(name) && (names(manifest, 'react') || names(manifest, 'react-dom'))) react.add(name);
    enqueue({ dependencies: manifest.dependencies, optionalDependencies: manifest.optionalDependencies }, dir);
  }
  return { next: [...next].sort(), react: [...react].sort() };
}

function names(manifest: Manifest, pkg: string): boolean {
  return Boolean(manifest.dependencies?.[pkg] ?? manifest.peerDependencies?.[pkg] ?? manifest.optionalDependencies?.[pkg]);
}

/** Node's lookup of a package folder: `node_modules/<name>` in `from` and each folder above. */
function packageDir(name: string, from: string): string | null {
  let dir = from;
  for (;;) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

function readManifest(file: string): Manifest | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  } catch {
    return null;
  }
}
