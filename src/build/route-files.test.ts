import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasRouteFiles } from './route-files.ts';

async function appWith(files: string[]): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kiln-route-files-'));
  for (const file of files) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), '');
  }
  return dir;
}

describe('hasRouteFiles', () => {
  it('finds a page or a route handler at any depth', async () => {
    expect(await hasRouteFiles(await appWith(['page.tsx']))).toBe(true);
    expect(await hasRouteFiles(await appWith(['layout.tsx', 'blog/[slug]/page.jsx']))).toBe(true);
    expect(await hasRouteFiles(await appWith(['api/hello/route.ts']))).toBe(true);
  });

  it('ignores layouts alone, other files, private folders and a missing folder', async () => {
    expect(await hasRouteFiles(await appWith([]))).toBe(false);
    expect(await hasRouteFiles(await appWith(['layout.tsx', 'index.tsx', 'page.test.tsx', 'page.mdx']))).toBe(false);
    expect(await hasRouteFiles(await appWith(['_drafts/page.tsx']))).toBe(false);
    expect(await hasRouteFiles(path.join(tmpdir(), 'kiln-no-such-folder'))).toBe(false);
  });
});
