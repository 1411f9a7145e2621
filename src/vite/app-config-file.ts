/**
 * The app's own `vite.config.*`, which every command merges under Kiln's settings (`kiln build`,
 * `kiln dev` and `kiln routes` alike, so a plugin or alias the app adds works in all three).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

const CONFIG_FILES = ['vite.config.ts', 'vite.config.mts', 'vite.config.js', 'vite.config.mjs', 'vite.config.cts', 'vite.config.cjs'];

/** The config file's path, or `false` (Vite's "no config file") when the app has none. */
export function appViteConfigFile(root: string): string | false {
  return CONFIG_FILES.map((f) => path.join(root, f)).find((f) => existsSync(f)) ?? false;
}
