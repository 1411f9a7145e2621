/**
 * The build writes into a fresh folder beside the output and swaps it in only when everything
 * succeeded, so a failed build leaves the previous output untouched and a server reading the old
 * output never sees a half-written one.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
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

/**
 * How the previous output, once renamed away, is deleted: before the swap returns, or by a
 * detached process that outlives this one. Deleting a large site's files takes seconds (tens of
 * thousands of files), which a command line user need not wait for.
 */
export type PreviousOutputRemoval = 'wait' | 'background';

/**
 * A new empty folder beside `outDir`, on the same file system so the swap is a rename. Previous
 * outputs left beside it by an interrupted background deletion are deleted (in the background).
 */
export async function createStagingDir(outDir: string): Promise<string> {
  const staging = await stagingPath(outDir);
  await mkdir(staging, { recursive: true });
  return staging;
}

/**
 * A fresh name beside `outDir` for a staging folder made some other way (renamed there), with
 * the same clean-up of leftovers as `createStagingDir`.
 */
export async function stagingPath(outDir: string): Promise<string> {
  const parent = path.dirname(outDir);
  const prefix = `.${path.basename(outDir)}.kiln-`;
  const staging = path.join(parent, `${prefix}${randomBytes(4).toString('hex')}`);
  await mkdir(parent, { recursive: true });
  for (const name of await readdir(parent)) {
    if (name.startsWith(prefix) && /^[0-9a-f]{8}\.old$/.test(name.slice(prefix.length))) deleteInBackground(path.join(parent, name));
  }
  return staging;
}

/** Replaces `outDir` with `staging`: rename the old output away, rename the new one in, delete the old. */
export async function swapIn(staging: string, outDir: string, removal: PreviousOutputRemoval = 'wait'): Promise<void> {
  await swapInAll([{ staging, outDir }], removal);
}

/**
 * Replaces several outputs together (the build's and its static export): every old one is renamed
 * away, then every new one in. A rename that fails puts back what was moved, so either all the new
 * outputs are in place or all the old ones still are.
 */
export async function swapInAll(swaps: ReadonlyArray<{ staging: string; outDir: string }>, removal: PreviousOutputRemoval = 'wait'): Promise<void> {
  const undo: Array<() => Promise<void>> = [];
  const olds: string[] = [];
  try {
    for (const { staging, outDir } of swaps) {
      if (!existsSync(outDir)) continue;
      const old = `${staging}.old`;
      await rename(outDir, old);
      olds.push(old);
      undo.push(() => rename(old, outDir));
    }
    for (const { staging, outDir } of swaps) {
      await rename(staging, outDir);
      undo.push(() => rename(outDir, staging));
    }
  } catch (error) {
    for (const step of undo.reverse()) await step().catch(() => {});
    throw error;
  }
  for (const old of olds) {
    if (removal === 'background') deleteInBackground(old);
    else await rm(old, { recursive: true, force: true });
  }
}

function deleteInBackground(dir: string): void {
  const script = 'require("node:fs").rmSync(process.argv[1], { recursive: true, force: true })';
  spawn(process.execPath, ['-e', script, dir], { detached: true, stdio: 'ignore' }).unref();
}

export async function discard(staging: string): Promise<void> {
  await rm(staging, { recursive: true, force: true });
}
