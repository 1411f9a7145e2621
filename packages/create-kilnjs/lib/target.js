/** Where the app goes, and the package name it gets from that folder. */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const DEFAULT_FOLDER = 'my-kiln-app';

/**
 * Why `dir` cannot take a new app, or null when it can: a missing or empty folder is fine;
 * anything else would mix the app with files the user did not ask to overwrite.
 * @param {string} dir
 * @returns {string | null}
 */
export function unusableReason(dir) {
  let stats;
  try {
    stats = statSync(dir);
  } catch {
    return null;
  }
  if (!stats.isDirectory()) return 'is a file';
  const entries = readdirSync(dir);
  return entries.length === 0 ? null : `is not empty (${entries.length} ${entries.length === 1 ? 'entry' : 'entries'})`;
}

/**
 * A valid npm package name from a folder name: lower case, URL-safe characters only.
 * @param {string} dir
 * @returns {string}
 */
export function packageNameFor(dir) {
  const name = path
    .basename(path.resolve(dir))
    .toLowerCase()
    .replace(/[^a-z0-9._~-]+/g, '-')
    .replace(/^[._-]+|-+$/g, '');
  return name || DEFAULT_FOLDER;
}
