/** Shared by the CSS tests: a fixture copy installed like an app that uses Tailwind. */
import { mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot } from '../helpers/cli.ts';
import { installedFixture } from './dev-helpers.ts';

/**
 * A fixture copy whose node_modules also holds `packages` (`tailwindcss`, `@tailwindcss/postcss`),
 * as the app's own install would: a bare copy in the temp folder resolves none of them.
 */
export async function appWith(name: string, packages: string[]): Promise<string> {
  const app = await installedFixture(name);
  for (const name of packages) {
    const link = path.join(app, 'node_modules', name);
    await mkdir(path.dirname(link), { recursive: true });
    await symlink(path.join(repoRoot, 'node_modules', name), link, 'dir');
  }
  return app;
}
