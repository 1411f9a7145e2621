/**
 * `npm create kilnjs` as a user meets it: both packages packed as npm would publish them, the
 * packed scaffolder run into an empty folder, the packed framework installed into the new app,
 * then the app type-checked, built and served. Dependencies come from this repository's install
 * (symlinked), so nothing is downloaded.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runKiln, startKiln, type CliResult } from '../helpers/cli.ts';

const exec = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

let work: string;
let scaffolder: string;
let app: string;
let appKilnBin: string;

/** Runs the packed scaffolder with no terminal attached, as CI and scripts do. */
function createApp(args: string[], cwd: string): Promise<CliResult> {
  return runKiln(args, { cwd, bin: scaffolder });
}

/** Extracts an npm tarball; its files sit in a `package/` folder. */
async function unpack(tarball: string, into: string): Promise<string> {
  await mkdir(into, { recursive: true });
  await exec('tar', ['-xzf', tarball, '-C', into]);
  return path.join(into, 'package');
}

/**
 * The packed framework as `node_modules/kilnjs`, and everything it and the app depend on as
 * links to this repository's installed packages.
 */
async function install(appDir: string, kilnPackage: string): Promise<void> {
  const modules = path.join(appDir, 'node_modules');
  await mkdir(modules);
  await rename(kilnPackage, path.join(modules, 'kilnjs'));
  const own = new Set(['.bin', '.package-lock.json', '.vite', 'kilnjs', 'create-kilnjs']);
  for (const entry of await readdir(path.join(repoRoot, 'node_modules'))) {
    if (!own.has(entry)) await symlink(path.join(repoRoot, 'node_modules', entry), path.join(modules, entry), 'dir');
  }
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'kiln-create-'));
  // The compiled dist/ is what gets packed; `npm test` builds it first, so no prepare here.
  const { stdout } = await exec(
    npm,
    ['pack', '--ignore-scripts', '--json', '--pack-destination', work, '--workspaces', '--include-workspace-root'],
    { cwd: repoRoot },
  );
  const packed = JSON.parse(stdout) as Array<{ name: string; filename: string }>;
  const tarball = (name: string) => path.join(work, packed.find((p) => p.name === name)!.filename);
  scaffolder = path.join(await unpack(tarball('create-kilnjs'), path.join(work, 'create')), 'bin/create-kilnjs.js');
  const kilnPackage = await unpack(tarball('kilnjs'), path.join(work, 'kiln'));

  await mkdir(path.join(work, 'sites'));
  const created = await createApp(['my-site'], path.join(work, 'sites'));
  expect(created.stderr).toBe('');
  expect(created.code).toBe(0);
  app = path.join(work, 'sites/my-site');
  await install(app, kilnPackage);
  appKilnBin = path.join(app, 'node_modules/kilnjs/bin/kiln.js');
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('create-kilnjs', () => {
  it('writes an app depending on this Kiln release and its React, and prints the next steps', async () => {
    const pkg = JSON.parse(await readFile(path.join(app, 'package.json'), 'utf8'));
    const kiln = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8'));
    const scaffolderPkg = JSON.parse(await readFile(path.join(repoRoot, 'packages/create-kilnjs/package.json'), 'utf8'));
    expect(scaffolderPkg.version).toBe(kiln.version);
    expect(pkg.name).toBe('my-site');
    expect(pkg.scripts).toMatchObject({ dev: 'kiln dev', build: 'kiln build', start: 'kiln start' });
    expect(pkg.dependencies).toEqual({ kilnjs: kiln.version, react: kiln.dependencies.react, 'react-dom': kiln.dependencies['react-dom'] });
    expect(pkg.devDependencies).toEqual({
      '@types/react': kiln.devDependencies['@types/react'],
      '@types/react-dom': kiln.devDependencies['@types/react-dom'],
      typescript: kiln.devDependencies.typescript,
    });
    expect((await readdir(app)).sort()).toEqual(['.gitignore', 'app', 'node_modules', 'package.json', 'tsconfig.json']);
  });

  it('type-checks with the kilnjs/tsconfig preset and no next installed', async () => {
    const tsc = path.join(app, 'node_modules/typescript/bin/tsc');
    const result = await exec(process.execPath, [tsc, '-p', app]).then(
      () => ({ code: 0, out: '' }),
      (error: { code: number; stdout: string }) => ({ code: error.code, out: error.stdout }),
    );
    expect(result).toEqual({ code: 0, out: '' });
  }, 60_000);

  it('builds with the installed kiln, prerendering the generated posts, and serves them', async () => {
    const build = await runKiln(['build'], { cwd: app, bin: appKilnBin });
    expect(build.stderr).not.toMatch(/error/i);
    expect(build.code).toBe(0);
    const server = await startKiln(['start', '--port', '0'], { cwd: app, bin: appKilnBin });
    try {
      const home = await fetch(`${server.url}/`);
      expect(home.status).toBe(200);
      expect(await home.text()).toContain('Welcome to Kiln');
      const post = await fetch(`${server.url}/posts/hello-kiln`);
      expect(post.status).toBe(200);
      const html = await post.text();
      expect(html).toContain('Hello, Kiln');
      expect(html).toContain('<title>Hello, Kiln · My Kiln app</title>');
      const missing = await fetch(`${server.url}/posts/no-such-post`);
      expect(missing.status).toBe(404);
      expect(await missing.text()).toContain('Page not found');
    } finally {
      await server.stop();
    }
  }, 60_000);

  it('refuses a folder that is not empty, in one line', async () => {
    const again = await createApp(['my-site'], path.join(work, 'sites'));
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^create-kilnjs: my-site is not empty \(\d+ entries\); choose a new folder name or empty it first\.\n$/);
  });

  it('asks nothing without a terminal and names the app my-kiln-app', async () => {
    const dir = path.join(work, 'default');
    await mkdir(dir);
    const created = await createApp([], dir);
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('cd my-kiln-app\n  npm install\n  npm run dev');
    expect(JSON.parse(await readFile(path.join(dir, 'my-kiln-app/package.json'), 'utf8')).name).toBe('my-kiln-app');
  });
});
