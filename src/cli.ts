/** The `kiln` command: parses the command name and hands the rest to its module. No logic here. */
import { printError } from './commands/report-error.ts';
import type { Command } from './commands/command.ts';
import { nearest } from './commands/nearest.ts';
import { paint } from './commands/paint.ts';

const commands: Record<string, () => Promise<{ command: Command }>> = {
  routes: () => import('./commands/routes.ts'),
  build: () => import('./commands/build.ts'),
  start: () => import('./commands/start.ts'),
  merge: () => import('./commands/merge.ts'),
  dev: () => import('./commands/dev.ts'),
};

const usage = `Usage: kiln <command> [dir] [options]

Commands:
  dev [dir]      serve the app from source with live reload
  build [dir]    bundle the app and prerender every generated page
  merge <dir>... join the outputs of a sharded build (build --shard i/n)
  start [dir]    serve a build
  routes [dir]   list routes, generateStaticParams calls and the paths they produce

Run "kiln <command> --help" for the options of one command.`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage);
    return name ? 0 : 1;
  }
  if (name === '--version' || name === '-v') {
    const { version } = await import('./version.ts');
    console.log(version);
    return 0;
  }
  const load = commands[name];
  if (!load) {
    const meant = nearest(name, name.startsWith('-') ? ['--help', '--version'] : Object.keys(commands));
    if (meant) console.error(`${paint.red('error')} kiln: unknown command "${name}"; did you mean "kiln ${meant}"?`);
    else console.error(`${paint.red('error')} kiln: unknown command "${name}".\n\n${usage}`);
    return 1;
  }
  const { command } = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.usage);
    return 0;
  }
  return command.run(rest);
}

const debug = process.argv.includes('--debug');
main(process.argv.slice(2)).then(
  (code) => {
    // Long-lived commands (dev, start) keep the event loop alive themselves.
    if (code !== undefined && code !== 0) process.exitCode = code;
  },
  (error: unknown) => {
    printError(error, { debug });
    process.exitCode = 1;
  },
);
