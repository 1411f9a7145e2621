/**
 * The app's dependencies whose code imports `next/*`: `geist` (`next/font/local`), UI kits
 * (`next/link`, `next/image`). Left external, Node would load them with the real `next` package,
 * or none; bundled, they get Kiln's modules through the same aliases as the app's own files.
 *
 * A package is counted when it names `next` among its dependencies or peer dependencies, which is
 * how such packages declare it; the walk follows dependencies from the app's package.json down,
 * so a kit that uses another kit is found too. Only package.json files are read.
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

export function nextDependents(root: string): string[] {
  const app = readManifest(path.join(root, 'package.json'));
  if (!app) return [];
  const found = new Set<string>();
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
    if (namesNext(manifest)) found.add(name);
    enqueue({ dependencies: manifest.dependencies, optionalDependencies: manifest.optionalDependencies }, dir);
  }
  return [...found].sort();
}

function namesNext(manifest: Manifest): boolean {
  return Boolean(manifest.dependencies?.next ?? manifest.peerDependencies?.next ?? manifest.optionalDependencies?.next);
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
