import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PAGE_EXTENSIONS } from '../routing/index.ts';
import { scanRouteFiles } from './route-files.ts';

async function appWith(files: string[]): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kiln-route-files-'));
  for (const file of files) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), '');
  }
  return dir;
}

const found = async (files: string[], extensions = DEFAULT_PAGE_EXTENSIONS): Promise<boolean> =>
  (await scanRouteFiles(await appWith(files), extensions)).found;

describe('scanRouteFiles', () => {
  it('finds a page or a route handler at any depth', async () => {
    expect(await found(['page.tsx'])).toBe(true);
    expect(await found(['layout.tsx', 'blog/[slug]/page.jsx'])).toBe(true);
    expect(await found(['api/hello/route.ts'])).toBe(true);
  });

  it('ignores layouts alone, other files, private folders and a missing folder', async () => {
    expect(await found([])).toBe(false);
    expect(await found(['layout.tsx', 'index.tsx', 'page.test.tsx', 'page.mdx'])).toBe(false);
    expect(await found(['_drafts/page.tsx'])).toBe(false);
    expect((await scanRouteFiles(path.join(tmpdir(), 'kiln-no-such-folder'), DEFAULT_PAGE_EXTENSIONS)).found).toBe(false);
  });

  it('follows pageExtensions', async () => {
    expect(await found(['page.mdx'], ['tsx', 'mdx'])).toBe(true);
    expect(await found(['page.tsx'], ['mdx'])).toBe(false);
  });

  it('names an MDX page that pageExtensions leaves out, unless a listed page stands beside it', async () => {
    const app = await appWith(['layout.tsx', 'page.tsx', 'docs/intro/page.mdx', '_drafts/page.mdx']);
    expect((await scanRouteFiles(app, DEFAULT_PAGE_EXTENSIONS)).unlisted).toEqual({ file: 'docs/intro/page.mdx', kind: 'page', extension: 'mdx' });
    expect((await scanRouteFiles(app, ['tsx', 'mdx'])).unlisted).toBeNull();
    const paired = await appWith(['page.tsx', 'page.mdx', 'notes.mdx']);
    expect((await scanRouteFiles(paired, DEFAULT_PAGE_EXTENSIONS)).unlisted).toBeNull();
  });
});
