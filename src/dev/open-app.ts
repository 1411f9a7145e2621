/**
 * Opens an app's source through Vite's dev server, in plugin-rsc's React Server Components
 * environment: the same module graph the build bundles, so TSX, `server-only` and tsconfig
 * paths behave the same. Used by `kiln routes` (and anything else that needs the app's route
 * modules without building it).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { withClientSegmentConfig } from '../params/index.ts';
import { createServer, type ViteDevServer } from 'vite';
import { kiln } from '../vite/plugin.ts';
import { appViteConfigFile } from '../vite/app-config-file.ts';
import { nativeModules } from './native-modules.ts';
import { entries, findAppDir } from '../vite/paths.ts';
import { kilnError } from '../errors.ts';
import type { RscEntry } from '../render/types.ts';

export interface OpenApp extends RscEntry {
  server: ViteDevServer;
  close(): Promise<void>;
}

interface RunnableEnvironment {
  runner: { import(url: string): Promise<Record<string, unknown>> };
}

export async function openApp(root: string): Promise<OpenApp> {
  if (!findAppDir(root)) throw kilnError('BUILD_NO_APP_DIR', { root });
  const server = await createServer({
    root,
    configFile: appViteConfigFile(root),
    logLevel: 'silent',
    appType: 'custom',
    clearScreen: false,
    server: { middlewareMode: true, hmr: false, watch: null },
    // Its own dependency cache, so concurrent Kiln processes on different apps never race over
    // one pre-bundle; and no discovery, so a first run never re-optimizes mid-way (the modules
    // load in Node, where dependencies are external anyway).
    cacheDir: path.join(root, '.kiln', 'vite'),
    environments: { rsc: { optimizeDeps: { noDiscovery: true } } },
    plugins: [kiln({ rsc: { serverHandler: false } }), nativeModules()],
  });
  try {
    const rsc = server.environments.rsc as unknown as RunnableEnvironment;
    const mod = await rsc.runner.import(entries.rsc);
    const entry = mod.kiln as RscEntry;
    // A "use client" page's segment config is only in its source, and counts as a server module's.
    const load = withClientSegmentConfig(entry.load, (file) => readFile(path.join(root, file), 'utf8'));
    return { ...entry, load, server, close: () => server.close() };
  } catch (error) {
    await server.close();
    throw error;
  }
}
