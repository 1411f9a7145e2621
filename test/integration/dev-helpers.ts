/** Shared by the `kiln dev` tests: a fixture copy installed like an app, and polling for edits. */
import { mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { copyFixture, repoRoot } from '../helpers/cli.ts';

/**
 * A private copy of a fixture whose node_modules holds kilnjs, react and react-dom, as installing
 * kilnjs in an app does. Vite's dev server pre-bundles dependencies by resolving them from the app
 * folder, which a bare copy in the temp folder cannot do.
 */
export async function installedFixture(name: string): Promise<string> {
  const app = await copyFixture(name);
  const modules = path.join(app, 'node_modules');
  await mkdir(modules);
  await symlink(repoRoot, path.join(modules, 'kilnjs'), 'dir');
  for (const dep of ['react', 'react-dom']) {
    await symlink(path.join(repoRoot, 'node_modules', dep), path.join(modules, dep), 'dir');
  }
  return app;
}

/** Polls until `check` returns a value: the dev server sees edits through a file watcher. */
export async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
