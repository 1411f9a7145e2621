import { statSync } from 'node:fs';
import { kilnError } from '../errors.ts';
import { findAppDir } from '../vite/paths.ts';

/** The folder a command was given exists and is a folder; a catalog error otherwise. */
export function checkProjectFolder(command: string, root: string): void {
  const stats = statSync(root, { throwIfNoEntry: false });
  if (!stats) throw kilnError('PROJECT_DIR_MISSING', { root, command, reason: 'missing' });
  if (!stats.isDirectory()) throw kilnError('PROJECT_DIR_MISSING', { root, command, reason: 'file' });
}

/** `app` or `src/app` under the project folder, or the catalog error naming the command run. */
export function requireAppFolder(command: string, root: string): string {
  const appDir = findAppDir(root);
  if (!appDir) throw kilnError('BUILD_NO_APP_DIR', { root, command });
  return appDir;
}
