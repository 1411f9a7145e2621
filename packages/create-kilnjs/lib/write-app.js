/** Writes a new app: the template's files, then a package.json naming this Kiln release. */
import { cpSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { KILN_VERSION, REACT_VERSION, TYPES_REACT_VERSION, TYPESCRIPT_VERSION } from './versions.js';

const TEMPLATE_DIR = fileURLToPath(new URL('../template/', import.meta.url));

/**
 * @param {string} dir an empty or missing folder
 * @param {string} name the app's package name
 */
export function writeApp(dir, name) {
  cpSync(TEMPLATE_DIR, dir, { recursive: true });
  // npm leaves a file named .gitignore out of a published package, so the template holds it
  // under another name.
  renameSync(path.join(dir, '_gitignore'), path.join(dir, '.gitignore'));
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(appPackageJson(name), null, 2)}\n`);
}

/** @param {string} name */
export function appPackageJson(name) {
  return {
    name,
    version: '0.1.0',
    private: true,
    type: 'module',
    scripts: {
      dev: 'kiln dev',
      build: 'kiln build',
      start: 'kiln start',
      typecheck: 'tsc',
    },
    dependencies: {
      kilnjs: KILN_VERSION,
      react: REACT_VERSION,
      'react-dom': REACT_VERSION,
    },
    devDependencies: {
      '@types/react': TYPES_REACT_VERSION,
      '@types/react-dom': TYPES_REACT_VERSION,
      typescript: TYPESCRIPT_VERSION,
    },
  };
}
