/**
 * `kiln build` with its build cache, as a user runs it: what the report says, `--force`,
 * kiln.config's `alwaysRebuild`, a failed build that keeps the previous output and cache, and an
 * output folder that went away.
 */
import { createServer, type Server } from 'node:http';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { copyFixture, runKiln } from '../helpers/cli.ts';

let server: Server;
let app: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/tags') res.end(JSON.stringify(['news']));
    else if (req.url?.startsWith('/authors/')) res.end(JSON.stringify({ name: req.url.slice(9), bio: 'writes' }));
    else res.end('about the tag');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  env = { KILN_TEST_DATA_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
  app = await copyFixture('incremental');
});

afterAll(async () => {
  server?.close();
  if (app) await rm(app, { recursive: true, force: true });
});

const build = (...args: string[]) => runKiln(['build', '.', ...args], { cwd: app, env });
const manifest = async () => JSON.parse(await readFile(path.join(app, 'dist/manifest.json'), 'utf8')) as { buildId: string };

describe('kiln build with the build cache', () => {
  test('the first build renders every page; the next keeps them all and skips Vite', async () => {
    const first = await build();
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('6 pages rendered, none kept (no build cache)');
    const { buildId } = await manifest();

    const second = await build();
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('6 pages: 0 rendered (0 changed, 0 new), 0 removed, 6 kept');
    expect(second.stdout).toMatch(/bundle \d+\.\d\ds \(reused\)/);
    expect(second.stderr).not.toContain('bundling with Vite');
    expect((await manifest()).buildId).toBe(buildId);
  });

  test('a changed data file renders the page that read it', async () => {
    await writeFile(path.join(app, 'content/about.txt'), 'We write everything down.\n');
    const result = await build();
    expect(result.stdout).toContain('6 pages: 1 rendered (1 changed, 0 new), 0 removed, 5 kept');
    expect(await readFile(path.join(app, 'dist/pages/about.html'), 'utf8')).toContain('We write everything down.');
  });

  test('--force renders every page', async () => {
    const result = await build('--force');
    expect(result.stdout).toContain('6 pages rendered, none kept (--force)');
  });

  test("kiln.config's alwaysRebuild renders a route's pages every time", async () => {
    await writeFile(path.join(app, 'kiln.config.mjs'), "export default { alwaysRebuild: ['/posts/[slug]'] };\n");
    await build();
    const result = await build();
    expect(result.stdout).toContain('6 pages: 3 rendered (3 changed, 0 new), 0 removed, 3 kept');
    await rm(path.join(app, 'kiln.config.mjs'));
  });

  test('alwaysRebuild must list route patterns', async () => {
    await writeFile(path.join(app, 'kiln.config.mjs'), "export default { alwaysRebuild: 'posts' };\n");
    const result = await build();
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('kiln.config.mjs: alwaysRebuild is "posts"');
    await rm(path.join(app, 'kiln.config.mjs'));
  });

  test('a failed build leaves the output and the cache as they were', async () => {
    await build();
    const before = await manifest();
    const html = await readFile(path.join(app, 'dist/pages/about.html'), 'utf8');
    const page = path.join(app, 'app/about/page.tsx');
    const source = await readFile(page, 'utf8');
    await writeFile(page, source.replace('const text =', "throw new Error('about is broken');\n  const text ="));
    const failed = await build();
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toContain('about is broken');
    expect(await readFile(path.join(app, 'dist/pages/about.html'), 'utf8')).toBe(html);
    expect((await manifest()).buildId).toBe(before.buildId);

    await writeFile(page, source);
    const fixed = await build();
    expect(fixed.code, fixed.stderr).toBe(0);
    // The source is as it was when the cache was written: nothing to render.
    expect(fixed.stdout).toContain('6 pages: 0 rendered (0 changed, 0 new), 0 removed, 6 kept');
  });

  test('with a static export, kept pages are in out/ as well', async () => {
    await build('--export');
    const kept = await build('--export');
    expect(kept.code, kept.stderr).toBe(0);
    expect(kept.stdout).toContain('6 pages: 0 rendered (0 changed, 0 new), 0 removed, 6 kept');
    const exported = await readFile(path.join(app, 'out/about.html'), 'utf8');
    expect(exported).toContain('We write everything down.');
    expect(await readFile(path.join(app, 'out/posts/first.html'), 'utf8')).toContain('First post.');

    await writeFile(path.join(app, 'content/about.txt'), 'We write it all down.\n');
    const changed = await build('--export');
    expect(changed.stdout).toContain('6 pages: 1 rendered (1 changed, 0 new), 0 removed, 5 kept');
    expect(await readFile(path.join(app, 'out/about.html'), 'utf8')).toContain('We write it all down.');
    expect(await readFile(path.join(app, 'out/posts/first.html'), 'utf8')).toContain('First post.');
  });

  test('a previous page that cannot be kept fails the build, naming the page, its route and the folder', async () => {
    await build();
    const page = path.join(app, 'dist/pages/about.html');
    await rm(page);
    await mkdir(page);
    const result = await build();
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`Keeping /about (route /about, app/about/page.tsx) from the previous output ${path.join(app, 'dist')} failed`);
    expect(result.stderr).toContain('kiln build --force');
    const forced = await build('--force');
    expect(forced.code, forced.stderr).toBe(0);
  });

  test('without the previous output every page renders', async () => {
    await rm(path.join(app, 'dist'), { recursive: true });
    const result = await build();
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/6 pages rendered, none kept \(.*dist is missing\)/);
  });
});
