import path from 'node:path';
import type { Command } from './command.ts';
import { parseCommandArgs, parsePort } from './args.ts';
import { startDevServer } from '../dev/server.ts';
import type { DevErrorInfo } from '../dev/error-info.ts';
import { scanRouteFiles, unlistedPageError } from '../build/route-files.ts';
import { kilnError } from '../errors.ts';
import { listenError } from './listen-error.ts';
import { requireAppFolder } from './project-folder.ts';
import { paint } from './paint.ts';

export const command: Command = {
  usage: `Usage: kiln dev [dir] [--port N] [--host H]

Serves the app in dir (default ".") from source, rendering every page on request, with live
editing: server component edits refresh the page, client components keep their state. A route's
generateStaticParams runs when the route is first visited, and again after its files change.

  --port N   port to listen on (default: $PORT or 3000; 0 picks a free port)
  --host H   interface to listen on (default: all)`,

  async run(args) {
    const started = performance.now();
    const { root, values } = parseCommandArgs('dev', args, {
      port: { type: 'string' },
      host: { type: 'string' },
    });
    const port = parsePort('dev', values.port ?? process.env.PORT, 3000);
    const appDir = requireAppFolder('dev', root);
    const running = await startDevServer({
      root,
      port,
      host: values.host,
      events: {
        error: (info) => console.error(formatError(info)),
        warning: (w) => console.warn(`${paint.yellow('warning')} ${w.message}`),
        generated: (route, state, ms) => {
          if (state.pathnames === null) return;
          const count = `${state.pathnames.size} path${state.pathnames.size === 1 ? '' : 's'}`;
          console.log(paint.dim(`generateStaticParams ${route.pattern}: ${count} in ${Math.round(ms)} ms`));
        },
      },
    }).catch((error: unknown) => {
      throw listenError(error, { command: 'dev', port, host: values.host });
    });
    const ms = Math.round(performance.now() - started);
    console.log(`${paint.green('kiln')} dev server at ${paint.cyan(running.url)} ${paint.dim(`(ready in ${ms} ms)`)}`);
    // After the URL, off the start-up path, with the next.config the server read.
    const next = running.next;
    const scan = await scanRouteFiles(path.join(root, appDir), next.pageExtensions);
    if (scan.unlisted) console.error(`${paint.red('error')} ${unlistedPageError(scan.unlisted, appDir, next).message}`);
    if (!scan.found) {
      const warning = kilnError('DEV_NO_ROUTES', { appDir: path.join(root, appDir), appDirName: appDir });
      console.warn(`${paint.yellow('warning')} ${warning.message}`);
    }

    let stopping = false;
    const stop = (): void => {
      if (stopping) process.exit(0);
      stopping = true;
      running.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    await new Promise<void>((resolve) => running.server.once('close', resolve));
    return 0;
  },
};

function formatError(info: DevErrorInfo): string {
  const lines = [`${paint.red('error')} ${info.message}`];
  if (info.frame) lines.push(paint.dim(indent(info.frame)));
  if (info.stack) lines.push(paint.dim(indent(info.stack)));
  return lines.join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
