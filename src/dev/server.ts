/**
 * `kiln dev`: one Node HTTP server carrying Vite's dev middlewares (sources, HMR websocket,
 * public files) and, behind them, Kiln's dev handler. The server listens as soon as Vite is
 * configured and announces itself once the server entries are loaded, so the first page is fast.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { createServer as createViteServer, type ViteDevServer } from 'vite';
import { kilnError } from '../errors.ts';
import type { ParamsWarning } from '../params/types.ts';
import type { Route } from '../routing/types.ts';
import { toResponse } from '../server/handler.ts';
import { toNodeListener } from '../server/node.ts';
import { parseTarget, rawTargetProblem, splitUrl } from '../server/paths.ts';
import { badRequest } from '../server/replies.ts';
import { kiln } from '../vite/plugin.ts';
import { loadNextConfig, type KilnNextConfig } from '../vite/next-config.ts';
import { appViteConfigFile } from '../vite/app-config-file.ts';
import { findAppDir } from '../vite/paths.ts';
import { createDevApp } from './app-entry.ts';
import type { DevErrorInfo } from './error-info.ts';
import { createDevHandler } from './handler.ts';
import { createDevParamsCache, type RouteParamsState } from './params-cache.ts';
import { deferClientEnvironment } from './defer-client.ts';
import { nativeModules } from './native-modules.ts';
import { kilnDevPlugin } from './plugin.ts';
import { cleanStack } from '../user-stack.ts';

/** What the dev server tells its user; every method optional (silent by default). */
export interface DevEvents {
  /** A request failed: also shown in the browser. */
  error?(info: DevErrorInfo): void;
  warning?(warning: ParamsWarning): void;
  /** A route's generateStaticParams chain ran (on its first visit, or the first after an edit). */
  generated?(route: Route, state: RouteParamsState, ms: number): void;
  /** Edits made these routes' generateStaticParams results stale. */
  invalidated?(patterns: string[]): void;
}

export interface DevServerOptions {
  root: string;
  /** Default 3000; 0 picks a free port. */
  port?: number;
  host?: string;
  events?: DevEvents;
}

export interface RunningDevServer {
  url: string;
  port: number;
  server: Server;
  vite: ViteDevServer;
  /** next.config as read once at start (an edit needs a restart). */
  next: KilnNextConfig;
  close(): Promise<void>;
}

/** How long after ready the browser's side starts when no page has been asked for. */
const CLIENT_START_DELAY_MS = 500;

export async function startDevServer(options: DevServerOptions): Promise<RunningDevServer> {
  const root = path.resolve(options.root);
  const events = options.events ?? {};
  if (!findAppDir(root)) throw kilnError('BUILD_NO_APP_DIR', { root, command: 'dev' });

  const params = createDevParamsCache({
    onWarning: (w) => events.warning?.(w),
    onGenerated: (route, state, ms) => events.generated?.(route, state, ms),
  });
  const server = createServer();
  // The browser's side starts once the first page is out (or a moment after ready, if no page
  // is asked for): until then it would only compete with that page for the CPU.
  // A server closed before then never starts it (Vite would log the interrupted pre-bundling).
  let closed = false;
  let clientStarted = false;
  let resolveClientStart!: () => void;
  const clientStart = new Promise<void>((resolve) => (resolveClientStart = resolve));
  const startClient = (): void => {
    if (closed || clientStarted) return;
    clientStarted = true;
    resolveClientStart();
  };
  const next = await loadNextConfig(root, 'phase-development-server');
  const vite = await createViteServer({
    root,
    configFile: appViteConfigFile(root),
    appType: 'custom',
    clearScreen: false,
    logLevel: 'warn',
    // The app's own dependency cache: an app without a package.json would otherwise share the
    // one of whatever folder above it has one, with every other app there.
    cacheDir: path.join(root, '.kiln', 'vite'),
    server: {
      middlewareMode: true,
      // The HMR websocket shares the page's port.
      hmr: { server },
      // A build writing thousands of files next to the app is not an edit.
      watch: { ignored: [path.join(root, 'dist', '**'), path.join(root, 'out', '**')] },
    },
    plugins: [
      kiln({ rsc: { serverHandler: false }, next }),
      nativeModules(),
      deferClientEnvironment(clientStart),
      // Fast Refresh for "use client" modules; plugin-rsc adds its preamble when it is present.
      react(),
      kilnDevPlugin({
        onModulesChanged(files) {
          const dropped = params.invalidate(files);
          if (dropped.length > 0) events.invalidated?.(dropped);
        },
        onAppFolderChanged() {
          params.clear();
        },
        onAnyChange(file) {
          vite.environments.client.hot.send({ type: 'custom', event: 'kiln:update', data: { file } });
        },
      }),
    ],
  });

  const app = createDevApp(vite);
  const handler = createDevHandler({
    root,
    // Redirects, rewrites and headers as the build records them; an edited next.config needs a restart.
    rules: next.rules,
    entry: app.entry,
    params,
    reset: app.reset,
    cleanStack: (stack) => cleanStack(stack, root, app.sourceMap, app.importerOf),
    onError: (info) => events.error?.(info),
  });
  const listener = toNodeListener(handler);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    // The production server's checks on the raw target (which URL parsing would hide), before
    // Vite's middlewares see a path that no valid URL of the site contains.
    const problem = targetProblem(req.url ?? '/');
    if (problem !== null) {
      const response = toResponse(badRequest(req.method === 'HEAD', problem));
      toNodeListener(async () => response)(req, res);
      return;
    }
    // Under a `basePath`, Vite's base middleware takes the base off `req.url` before passing a
    // request on; Kiln's handler takes public URLs (a route handler sees the real one).
    const target = req.url;
    vite.middlewares(req, res, (error?: unknown) => {
      if (error) {
        res.statusCode = 500;
        res.setHeader('content-type', 'text/plain; charset=utf-8');
        res.end(`${error instanceof Error ? error.message : String(error)}\n`);
        return;
      }
      req.url = target;
      if (!clientStarted) res.once('close', startClient);
      listener(req, res);
    });
  });

  try {
    await listen(server, options.port ?? 3000, options.host);
  } catch (error) {
    await vite.close();
    throw error;
  }
  // Ready means a page can be served at once: the server entries load before the URL is given
  // (a request arriving meanwhile waits for them), the browser's entry after (it is asked for
  // only once the browser has the HTML).
  await app.warmServer();
  setTimeout(startClient, CLIENT_START_DELAY_MS).unref();
  // Once started, the browser's entry is compiled before the browser asks for it.
  void clientStart.then(() => app.warmClient());
  const port = (server.address() as AddressInfo).port;
  const host = options.host;
  const shownHost = host === undefined || host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;

  let closing: Promise<void> | null = null;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    server,
    vite,
    next,
    close() {
      closed = true;
      closing ??= (async () => {
        await vite.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })();
      return closing;
    },
  };
}

function targetProblem(target: string): string | null {
  const raw = rawTargetProblem(target);
  if (raw !== null) return raw;
  const parsed = parseTarget(splitUrl(target).pathname);
  return parsed.kind === 'bad' ? parsed.reason : null;
}

function listen(server: Server, port: number, host: string | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
