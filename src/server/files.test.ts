import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAll } from './file-source.ts';
import { nodeFiles } from './files.ts';

let out: string;
const BIG = 200 * 1024 + 3;

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'kiln-files-'));
  await mkdir(join(out, 'client/assets'), { recursive: true });
  await mkdir(join(out, 'client/dir.js'), { recursive: true });
  await mkdir(join(out, 'pages/tags'), { recursive: true });
  await writeFile(join(out, 'manifest.json'), '{"secret":true}');
  await writeFile(join(out, 'client/assets/a.js'), 'A');
  await writeFile(join(out, 'client/robots.txt'), 'R');
  await writeFile(join(out, 'pages/tags/c%2B%2B.html'), 'C++');
  await writeFile(join(out, 'client/big.bin'), Buffer.alloc(BIG, 7));
  await symlink(join(out, 'manifest.json'), join(out, 'client/link.json'));
});

afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('nodeFiles', () => {
  it('reads small files whole at open', async () => {
    const file = await nodeFiles(out).open('pages', 'tags/c%2B%2B.html');
    expect(file && Buffer.from(file.bytes!).toString()).toBe('C++');
    expect(file?.size).toBe(3);
    expect(file?.etag).toMatch(/^W\/"3-[0-9a-f]+"$/);
  });

  it('streams large files, and reports their size', async () => {
    const file = (await nodeFiles(out).open('client', 'big.bin'))!;
    expect([file.size, file.bytes]).toEqual([BIG, null]);
    const bytes = await readAll(file);
    expect([bytes.byteLength, bytes.every((b) => b === 7)]).toEqual([BIG, true]);
  });

  it('gives null for missing files, folders, and paths through a file', async () => {
    const files = nodeFiles(out);
    expect(await files.open('client', 'nope.js')).toBeNull();
    expect(await files.open('client', 'dir.js')).toBeNull();
    expect(await files.open('client', 'robots.txt/x')).toBeNull();
  });

  it('does not follow a symlink to a file outside', async () => {
    expect(await nodeFiles(out).open('client', 'link.json')).toBeNull();
  });

  it('refuses paths that resolve outside their root', async () => {
    const files = nodeFiles(out);
    for (const rel of ['../manifest.json', 'assets/../../manifest.json', '/etc/passwd', '../pages/tags/c%2B%2B.html', '', '.']) {
      expect([rel, await files.open('client', rel)]).toEqual([rel, null]);
    }
  });

  it('lists regular files only, recursively', async () => {
    expect((await nodeFiles(out).list('client')).sort()).toEqual(['assets/a.js', 'big.bin', 'robots.txt']);
    expect(await nodeFiles(join(out, 'missing')).list('client')).toEqual([]);
  });

  it('reads the manifest, or null when there is none', async () => {
    expect(await nodeFiles(out).readManifest()).toBe('{"secret":true}');
    expect(await nodeFiles(join(out, 'missing')).readManifest()).toBeNull();
  });
});
