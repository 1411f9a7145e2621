/**
 * Whether the bundle can be reused: a digest of everything Vite's output depends on. The files
 * the last bundle was made from (the app's modules, Kiln's entries, dependencies), every file of
 * the app and public folders (a new route or public file is not among the last bundle's inputs),
 * the project's config and lock files, Kiln's version, the mode and the environment variables a
 * bundle may inline. Files under node_modules are compared by size and modification time, as
 * package managers replace them whole; everything else by content.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { listFiles } from '../list-files.ts';

/** Files at the project's top that configure the bundle. */
const CONFIG_FILE = /^((next|kiln|vite|postcss|tailwind)\.config\.[cm]?[jt]s|tsconfig\.json|jsconfig\.json|package\.json|package-lock\.json|npm-shrinkwrap\.json|pnpm-lock\.yaml|yarn\.lock|bun\.lockb?|\.env(\..+)?)$/;
/** Environment variables a bundle may inline. */
const INLINED_ENV = /^(VITE_|NEXT_PUBLIC_)/;

export interface FingerprintContext {
  root: string;
  appDir: string;
  mode: string;
  kilnVersion: string;
}

/** The digest of the project's config: part of every page's fingerprint too. */
export async function configDigest(context: FingerprintContext): Promise<string> {
  const hash = createHash('sha256').update(`${context.kilnVersion}\0${context.mode}\0`);
  for (const [name, value] of Object.entries(process.env).filter(([n]) => INLINED_ENV.test(n)).sort()) hash.update(`${name}=${value}\0`);
  const top = (await readdir(context.root, { withFileTypes: true })).filter((e) => e.isFile() && CONFIG_FILE.test(e.name)).map((e) => e.name).sort();
  for (const name of top) hash.update(name).update('\0').update(await readFile(path.join(context.root, name))).update('\0');
  return hash.digest('hex').slice(0, 32);
}

/** Every file of a folder, by content, in name order ('' when the folder is missing). */
async function folderDigest(dir: string): Promise<string> {
  const hash = createHash('sha256');
  for (const file of await listFiles(dir)) hash.update(file).update('\0').update(await readFile(path.join(dir, file))).update('\0');
  return hash.digest('hex');
}

async function fileStamp(root: string, file: string): Promise<string> {
  const absolute = path.resolve(root, file);
  try {
    if (absolute.includes(`${path.sep}node_modules${path.sep}`)) {
      const s = await stat(absolute);
      return `${s.size}:${s.mtimeMs}`;
    }
    return createHash('sha256').update(await readFile(absolute)).digest('hex');
  } catch {
    return 'missing';
  }
}

export async function bundleFingerprint(context: FingerprintContext, config: string, inputs: readonly string[]): Promise<string> {
  const hash = createHash('sha256').update(config).update('\0');
  hash.update(await folderDigest(path.join(context.root, context.appDir))).update('\0');
  hash.update(await folderDigest(path.join(context.root, 'public'))).update('\0');
  const stamps = await Promise.all(inputs.map((file) => fileStamp(context.root, file)));
  inputs.forEach((file, i) => hash.update(file).update('\0').update(stamps[i]).update('\0'));
  return hash.digest('hex').slice(0, 32);
}
