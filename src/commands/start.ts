import path from 'node:path';
import type { Command } from './command.ts';
import { parseCommandArgs, parsePort } from './args.ts';
import { handleShutdownSignals, startServer } from '../server/index.ts';
import { paint } from './paint.ts';

export const command: Command = {
  usage: `Usage: kiln start [dir] [--port N] [--host H] [--out dist]

Serves the build of the app in dir (default "."): prerendered pages, hashed assets and the
not-found page. It never calls generateStaticParams.

  --port N   port to listen on (default: $PORT or 3000; 0 picks a free port)
  --host H   interface to listen on (default: all)
  --out DIR  the build folder, relative to dir (default: dist)`,

  async run(args) {
    const { root, values } = parseCommandArgs('start', args, {
      port: { type: 'string' },
      host: { type: 'string' },
      out: { type: 'string' },
    });
    const outDir = path.resolve(root, values.out ?? 'dist');
    const port = parsePort('start', values.port ?? process.env.PORT, 3000);
    const running = await startServer({
      outDir,
      port,
      host: values.host,
      onError: (error) => console.error(`${paint.red('error')} ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
    });
    console.log(`${paint.green('kiln')} serving ${path.relative(process.cwd(), outDir) || '.'} at ${paint.cyan(running.url)}`);
    handleShutdownSignals(running, { log: (line) => console.log(paint.dim(line)) });
    // Resolve only when the server stops; the shutdown handler exits the process.
    await new Promise<void>((resolve) => running.server.once('close', resolve));
    return 0;
  },
};
