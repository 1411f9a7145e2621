/**
 * The build writes into a fresh folder beside the output and swaps it in only when everything
 * succeeded, so a failed build leaves the previous output untouched and a server reading the old
 * output never sees a half-written one.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { kilnError } from '../errors.ts';

/**
 * Refuses an output folder whose replacement would delete the project or its sources: one that
 * is, or contains, the project, app or public folder, or lies inside the app or public folder.
 */
export function assertSafeOutDir(outDir: string, root: string, appDir: string): void {
  const within = (child: string, parent: string): boolean => {
    const rel = path.relative(parent, child);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  };
  const sources: Array<[string, string]> = [
    ['the app folder', path.join(root, appDir)],
    ['the public folder', path.join(root, 'public')],
  ];
  for (const [name, dir] of [['the project folder', root] as [string, string], ...sources]) {
    if (within(dir, outDir)) throw kilnError('BUILD_OUT_DIR_UNSAFE', { outDir, conflict: `${name} ${dir}` });
  }
  for (const [name, dir] of sources) {
    if (within(outDir, dir)) throw kilnError('BUILD_OUT_DIR_UNSAFE', { outDir, conflict: `${name} ${dir}` });
  }
}

/** A new empty folder beside `outDir`, on the same file system so the swap is a rename. */
export async function createStagingDir(outDir: string): Promise<string> {
  const staging = path.join(path.dirname(outDir), `.${path.basename(outDir)}.kiln-${randomBytes(4).toString('hex')}`);
  await mkdir(staging, { recursive: true });
  return staging;
}

/** Replaces `outDir` with `staging`: rename the old output away, rename the new one in, delete the old. */
export async function swapIn(staging: string, outDir: string): Promise<void> {
  const old = existsSync(outDir) ? `${staging}.old` : null;
  if (old) await rename(outDir, old);
  try {
    await rename(staging, outDir);
  } catch (error) {
    if (old) await rename(old, outDir);
    throw error;
  }
  if (old) await rm(old, { recursive: true, force: true });
}

export async function discard(staging: string): Promise<void> {
  await rm(staging, { recursive: true, force: true });
}
