import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { classifyFile } from '../routing/index.ts';

/**
 * Whether an app folder holds at least one page or route handler that routing would see: one
 * outside `_private` folders (and outside any node_modules). Stops at the first one found.
 */
export async function hasRouteFiles(appDir: string): Promise<boolean> {
  const pending = [appDir];
  for (let dir = pending.pop(); dir !== undefined; dir = pending.pop()) {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('_') && entry.name !== 'node_modules') pending.push(path.join(dir, entry.name));
      } else {
        const kind = classifyFile(entry.name);
        if (kind === 'page' || kind === 'route') return true;
      }
    }
  }
  return false;
}
