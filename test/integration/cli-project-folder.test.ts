/**
 * The folder given to a command: one that does not exist, one without app/, and an app/ with no
 * page, each with its own message naming the folder and the command that was run.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runKiln, startKiln } from '../helpers/cli.ts';
import { until } from './dev-helpers.ts';

async function tempFolder(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'kiln-folder-'));
}

describe('the project folder', () => {
  it.each(['build', 'dev', 'start', 'routes'])('kiln %s on a folder that does not exist says so', async (command) => {
    const missing = path.join(await tempFolder(), 'my-site');
    const result = await runKiln([command, missing]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      `error ${missing} does not exist. Hint: Pass the folder that holds app/ (kiln ${command} path/to/my-site), ` +
        `or run kiln ${command} inside it.`,
    );
  });

  it.each(['build', 'dev', 'routes'])('kiln %s on a folder without app/ names the command run', async (command) => {
    const root = await tempFolder();
    const result = await runKiln([command, root]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      `error No app folder in ${root}: expected ${root}/app or ${root}/src/app. Hint: Create app/page.tsx ` +
        `(and app/layout.tsx), or pass the folder that holds app/ to kiln ${command}.`,
    );
  });

  it('kiln build refuses an app/ without pages, naming it, and writes nothing', async () => {
    const root = await tempFolder();
    await mkdir(path.join(root, 'app'));
    const result = await runKiln(['build', root]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`error ${root}/app has no page or route handler, so there is nothing to build.`);
    expect(result.stderr).toContain('Hint: Add app/page.tsx');
    expect(existsSync(path.join(root, 'dist'))).toBe(false);
  });

  it('kiln dev serves an app/ without pages with a warning naming it', async () => {
    const root = await tempFolder();
    await mkdir(path.join(root, 'app'));
    const server = await startKiln(['dev', root, '--port', '0', '--host', '127.0.0.1']);
    try {
      const line = await until('the warning', async () => server.output().split('\n').find((l) => l.startsWith('warning')));
      expect(line).toBe(
        `warning ${root}/app has no page or route handler yet, so every URL answers 404 until one is added. ` +
          'Hint: Add app/page.tsx; kiln dev serves it without a restart.',
      );
    } finally {
      await server.stop();
    }
  });
});
