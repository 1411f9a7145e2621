import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { isKilnError, type KilnError } from '../errors.ts';
import { loadKilnConfig } from './config.ts';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'kiln-config-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

async function failure(): Promise<KilnError> {
  try {
    await loadKilnConfig(root);
  } catch (error) {
    expect(isKilnError(error)).toBe(true);
    return error as KilnError;
  }
  throw new Error('expected loadKilnConfig to fail');
}

describe('loadKilnConfig', () => {
  test('a project without a config file gets an empty config', async () => {
    expect(await loadKilnConfig(root)).toEqual({ file: null, config: {} });
  });

  test('reads kiln.config.ts (bundled) and keeps keys of other layers', async () => {
    await writeFile(
      path.join(root, 'kiln.config.ts'),
      'const retries: number = 1;\nexport default { fetchConcurrency: 4, retries, pageTimeoutMs: 5000, output: "export" };\n',
    );
    expect(await loadKilnConfig(root)).toEqual({
      file: 'kiln.config.ts',
      config: { fetchConcurrency: 4, retries: 1, pageTimeoutMs: 5000, output: 'export' },
    });
  });

  test('reads kiln.config.mjs, calling a default export that is a function', async () => {
    await writeFile(path.join(root, 'kiln.config.mjs'), 'export default async () => ({ concurrency: 3 });\n');
    expect(await loadKilnConfig(root)).toEqual({ file: 'kiln.config.mjs', config: { concurrency: 3 } });
  });

  test('a bad value names the file, the key, the value and what was expected', async () => {
    await writeFile(path.join(root, 'kiln.config.mjs'), 'export default { fetchConcurrency: "8" };\n');
    const e = await failure();
    expect(e.code).toBe('BUILD_CONFIG_INVALID');
    expect(e.message).toBe(
      'kiln.config.mjs: fetchConcurrency is "8" (string); expected a whole number of requests per origin, at least 1. ' +
        'Hint: Fix or remove fetchConcurrency in kiln.config.mjs.',
    );
  });

  test.each([
    ['retries', -1, 'a whole number of retries, 0 or more'],
    ['pageTimeoutMs', 0, 'a whole number of milliseconds, at least 1'],
    ['concurrency', 1.5, 'a whole number of render workers, at least 1'],
  ])('%s = %s is refused', async (key, value, expected) => {
    await writeFile(path.join(root, 'kiln.config.mjs'), `export default { ${key}: ${value} };\n`);
    expect((await failure()).details).toEqual({ file: 'kiln.config.mjs', key, value, expected });
  });

  test('a config that does not export an object, or does not load, is a catalog error naming the file', async () => {
    await writeFile(path.join(root, 'kiln.config.mjs'), 'export default 42;\n');
    expect((await failure()).message).toBe(
      'kiln.config.mjs could not be loaded: its default export is number, not an object. ' +
        'Hint: kiln.config.mjs must export default an object, e.g. export default { fetchConcurrency: 8 }.',
    );
    await writeFile(path.join(root, 'kiln.config.mjs'), 'throw new Error("no config today");\n');
    expect((await failure()).details).toEqual({ file: 'kiln.config.mjs', reason: 'no config today' });
  });
});
