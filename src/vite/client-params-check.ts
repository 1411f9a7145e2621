/**
 * A `"use client"` page or layout that exports generateStaticParams is a build error.
 * plugin-rsc turns such a module into a client reference on the server, so without this check
 * its generateStaticParams would silently never run. Directives are gone once a module is
 * loaded, so the check reads the source as Vite first sees it.
 */
import path from 'node:path';
import type { Plugin } from 'vite';
import { assertNotClientModule } from '../params/index.ts';
import { classifyFile } from '../routing/index.ts';
import { findAppDir } from './paths.ts';

export function clientParamsCheck(): Plugin {
  let root = '';
  let appRoot: string | null = null;
  return {
    name: 'kiln:client-params-check',
    enforce: 'pre',
    configResolved(config) {
      root = config.root;
      const appDir = findAppDir(root);
      appRoot = appDir ? path.join(root, appDir) + path.sep : null;
    },
    transform(code, id) {
      if (!appRoot) return null;
      const file = id.split('?')[0];
      if (!file.startsWith(appRoot)) return null;
      const kind = classifyFile(file);
      if (kind !== 'page' && kind !== 'layout' && kind !== 'route') return null;
      assertNotClientModule(path.relative(root, file).split(path.sep).join('/'), code);
      return null;
    },
  };
}
