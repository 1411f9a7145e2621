/** A mistyped command or option: one line naming what the user probably meant, and exit code 1. */
import { describe, expect, it } from 'vitest';
import { runKiln } from '../helpers/cli.ts';

describe('mistyped commands and options', () => {
  it('suggests the nearest command', async () => {
    const result = await runKiln(['biuld', 'my-app']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('error kiln: unknown command "biuld"; did you mean "kiln build"?');
    expect(result.stdout).toBe('');
  });

  it('lists the commands when nothing is close', async () => {
    const result = await runKiln(['deploy']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error kiln: unknown command "deploy".');
    expect(result.stderr).toContain('build [dir]');
  });

  it.each([
    [['start', '--prot', '3000'], 'error kiln start: unknown option --prot; did you mean --port? Run "kiln start --help" for details.'],
    [['dev', '-p', '3000'], 'error kiln dev: unknown option -p; did you mean --port? Run "kiln dev --help" for details.'],
    [['build', '--concurency', '2'], 'error kiln build: unknown option --concurency; did you mean --concurrency? Run "kiln build --help" for details.'],
    [['merge', 'shards/1', '--outt', 'dist'], 'error kiln merge: unknown option --outt; did you mean --out? Run "kiln merge --help" for details.'],
    [
      ['build', '--port', '3000'],
      'error kiln build: unknown option --port; its options are --out, --concurrency, --verbose, --export, --force, --shard. Run "kiln build --help" for details.',
    ],
  ])('kiln %j names the option meant, not Node\'s advice on positionals', async (args, line) => {
    const result = await runKiln(args);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(line);
    expect(result.stderr).not.toMatch(/positional/);
  });
});
