import path from 'node:path';
import type { Command } from './command.ts';
import { parseCommandArgs, parseCount, parsePort } from './args.ts';
import { DEFAULT_MAX_REGENERATIONS, handleShutdownSignals, startServer } from '../server/index.ts';
import { listenError } from './listen-error.ts';
import { paint } from './paint.ts';

export const command: Command = {
  usage: `Usage: kiln start [dir] [--port N] [--host H] [--out dist] [--max-regenerations N]

Serves the build of the app in dir (default "."): prerendered pages, hashed assets and the
not-found page; renders on demand what was not prerendered (dynamicParams, routes without
generateStaticParams, route handlers), and regenerates pages whose revalidate time has passed
(ISR). It never calls generateStaticParams.

Rendered pages are kept in cache/ inside the build folder, or in Redis when KILN_REDIS_URL
is set (redis://[user:pass@]host:port[/db]), so several servers share pages and regenerate each
stale page once. If Redis is unreachable the server keeps answering from its own rendering.

  --port N                 port to listen on (default: $PORT or 3000; 0 picks a free port)
  --host H                 interface to listen on (default: all)
  --out DIR                the build folder, relative to dir (default: dist)
  --max-regenerations N    background regenerations at once (default: ${DEFAULT_MAX_REGENERATIONS})`,

  async run(args) {
    const { root, values } = parseCommandArgs('start', args, {
      port: { type: 'string' },
      host: { type: 'string' },
      out: { type: 'string' },
      'max-regenerations': { type: 'string' },
    });
    const maxRegenerations = parseCount('start', 'max-regenerations', values['max-regenerations'], DEFAULT_MAX_REGENERATIONS);
    const outDir = path.resolve(root, values.out ?? 'dist');
    const port = parsePort('start', values.port ?? process.env.PORT, 3000);
    const running = await startServer({
      outDir,
      port,
      host: values.host,
      isr: { maxRegenerations, log: (level, message) => console[level === 'warn' ? 'warn' : 'log'](`${paint.yellow('kiln')} ${message}`) },
      onError: (error) => console.error(`${paint.red('error')} ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
    }).catch((error: unknown) => {
      throw listenError(error, { command: 'start', port, host: values.host });
    });
    console.log(`${paint.green('kiln')} serving ${path.relative(process.cwd(), outDir) || '.'} at ${paint.cyan(running.url)}`);
    handleShutdownSignals(running, { log: (line) => console.log(paint.dim(line)) });
    // Resolve only when the server stops; the shutdown handler exits the process.
    await new Promise<void>((resolve) => running.server.once('close', resolve));
    return 0;
  },
};
