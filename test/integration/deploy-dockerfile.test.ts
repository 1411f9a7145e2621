/**
 * examples/Dockerfile, as the README's "Deploying" section gives it, run against a copy of
 * examples/store. Without a Docker daemon its steps run as a script (see dockerfile-script.ts):
 * the stages' COPY and RUN steps, then the final stage's CMD with its ENV, its HEALTHCHECK
 * against it, and a SIGTERM that must reach `kiln start` and end it with status 0. Where a Docker
 * daemon answers, the image is also built and run.
 */
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.ts';
import { parseDockerfile, runDockerfileSteps, type FinalStage, type Stage } from './dockerfile-script.ts';

const dockerfile = path.join(repoRoot, 'examples/Dockerfile');
const exec = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
/** A docker command on PATH is not enough: the image is built only where a daemon answers. */
const dockerDaemon = spawnSync('docker', ['info'], { stdio: 'ignore', timeout: 10_000 }).status === 0;

let work: string;
let stages: Stage[];
let final: FinalStage;

/** The environment a container starts from: nothing of the test runner's own NODE_ENV. */
function containerEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const { NODE_ENV: _ignored, ...env } = process.env;
  return { ...env, CI: '1', NO_COLOR: '1', ...extra };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function run(command: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0], command.slice(1), { cwd, env, stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', resolve);
  });
}

/**
 * A copy of examples/store as an app being deployed has it. The example lives inside this
 * repository, so it has no package.json of its own and reaches the tsconfig preset by its path;
 * an app has both as `npm create kilnjs` writes them. `kilnjs` is the dependency's version spec.
 */
async function writeApp(app: string, kilnjs: string): Promise<void> {
  await cp(path.join(repoRoot, 'examples/store'), app, {
    recursive: true,
    filter: (src) => !/[/\\](node_modules|dist|out|\.kiln)$/.test(src),
  });
  await writeFile(path.join(app, 'tsconfig.json'), '{ "extends": "kilnjs/tsconfig" }\n');
  const kiln = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8'));
  await writeFile(
    path.join(app, 'package.json'),
    `${JSON.stringify(
      {
        name: 'store',
        private: true,
        type: 'module',
        scripts: { build: 'kiln build', start: 'kiln start' },
        dependencies: { kilnjs, react: kiln.dependencies.react, 'react-dom': kiln.dependencies['react-dom'] },
      },
      null,
      2,
    )}\n`,
  );
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'kiln-dockerfile-'));
  const app = path.join(work, 'context');
  await writeApp(app, JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')).version);
  stages = parseDockerfile(await readFile(dockerfile, 'utf8'));
  final = await runDockerfileSteps(stages, { context: app, work, repoRoot, baseEnv: containerEnv({}) });
}, 60_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('examples/Dockerfile', () => {
  it('builds in one stage and runs from a slim one holding only dist/, package.json and node_modules', async () => {
    expect(stages.map((s) => s.name)).toEqual(['deps', 'build', 'runtime']);
    expect(stages.every((s) => /^node:20\b/.test(s.image))).toBe(true);
    const build = stages[1].instructions.map((i) => `${i.keyword} ${i.args}`);
    expect(build).toContain('RUN npx kiln build');
    expect(existsSync(path.join(final.workdir, 'dist/manifest.json'))).toBe(true);
    expect((await readdir(final.workdir)).sort()).toEqual(['dist', 'node_modules', 'package.json']);
  });

  it('runs as a non-root user that owns dist/ (pages rendered on demand are cached there)', () => {
    expect(final.user).toBeTruthy();
    expect(final.user).not.toMatch(/^(root|0)(:|$)/);
    expect(final.chowns['/app/dist']?.split(':')[0]).toBe(final.user);
  });

  it('sets NODE_ENV and PORT, exposes that port and starts kiln start on all interfaces in exec form', () => {
    expect(final.env).toEqual({ NODE_ENV: 'production', PORT: '3000' });
    expect(final.exposed).toEqual([final.env.PORT]);
    // Not `npx kiln`: npx starts it through a shell that does not pass SIGTERM on.
    expect(final.cmd).toEqual(['/app/node_modules/.bin/kiln', 'start', '--host', '0.0.0.0']);
    expect(final.healthcheck?.command[0]).toBe('node');
  });

  it('serves the app: its HEALTHCHECK passes, and SIGTERM drains kiln start, which exits 0', async () => {
    // PORT is the Dockerfile's; the test picks a free one instead, since other tests and servers
    // share this machine. The HEALTHCHECK reads PORT, so it follows.
    const port = await freePort();
    const env = containerEnv({ ...final.env, PORT: String(port) });
    // Its own process group, so a failing run leaves no server behind whatever it started.
    const server: ChildProcess = spawn(final.command(final.cmd[0]), final.cmd.slice(1), {
      cwd: final.workdir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    server.stdout!.setEncoding('utf8').on('data', (d: string) => (output += d));
    server.stderr!.setEncoding('utf8').on('data', (d: string) => (output += d));
    // 'exit', not 'close': a process left running by a wrapper would hold the pipes open.
    const exited = new Promise<number | null>((resolve) => server.on('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))));
    try {
      // As Docker does during --start-period: retry the check until it passes.
      let health: number | null = null;
      for (const deadline = Date.now() + 15_000; Date.now() < deadline; ) {
        const [check, ...args] = final.healthcheck!.command;
        health = await run([final.command(check), ...args], final.workdir, env);
        if (health === 0 || server.exitCode !== null) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(health, output).toBe(0);

      const home = await fetch(`http://127.0.0.1:${port}/`);
      expect(home.status).toBe(200);
      expect(await home.text()).toContain('<h1>');
      const missing = await fetch(`http://127.0.0.1:${port}/no-such-shelf`);
      expect([missing.status, (await missing.text()).includes('Nothing on this shelf')]).toEqual([404, true]);

      server.kill('SIGTERM');
      // kiln start cuts what is left after 10 s, so it ends well within 15 s.
      const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('still running'), 15_000))]);
      expect(code, output).toBe(0);
      // kiln start itself drained and stopped.
      expect(output).toContain('SIGTERM received: finishing in-flight requests');
      await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
    } finally {
      try {
        process.kill(-server.pid!, 'SIGKILL');
      } catch {
        // The group has already ended.
      }
    }
  }, 40_000);
});

describe.runIf(dockerDaemon)('examples/Dockerfile built by Docker', () => {
  it('builds the image, passes its health check in the container, and exits 0 on docker stop', async () => {
    const context = path.join(work, 'docker-context');
    await mkdir(context);
    // kilnjs is not in the registry yet, so the image installs it as npm would publish it: packed
    // from this repository (whose dist/ `npm test` has just compiled), with a lockfile resolved
    // against that tarball. The tarball must then be in the image before each `npm ci` reads
    // the lockfile naming it; that one added COPY is the only change to the Dockerfile.
    const packed = await exec(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', context], { cwd: repoRoot });
    const tarball = (JSON.parse(packed.stdout) as Array<{ filename: string }>)[0].filename;
    await writeApp(context, `file:${tarball}`);
    await exec(npm, ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: context });
    const text = (await readFile(dockerfile, 'utf8')).replace(/^RUN npm ci\b/gm, `COPY ${tarball} ./\nRUN npm ci`);
    expect(text.split(`COPY ${tarball} ./`).length - 1).toBe(2);
    await writeFile(path.join(context, 'Dockerfile'), text);
    await writeFile(path.join(context, '.dockerignore'), 'node_modules\ndist\nout\n.kiln\n');

    const tag = `kiln-deploy-test-${process.pid}`;
    await exec('docker', ['build', '-t', tag, context], { maxBuffer: 64 * 1024 * 1024 });
    const id = (await exec('docker', ['run', '-d', '--init', tag])).stdout.trim();
    try {
      // Docker runs its first check only after --interval; the same command run in the
      // container now, retried as during --start-period, says the same thing sooner.
      const check = final.healthcheck!.command;
      let healthy = false;
      for (const deadline = Date.now() + 60_000; !healthy && Date.now() < deadline; ) {
        healthy = await exec('docker', ['exec', id, ...check]).then(
          () => true,
          () => false,
        );
        if (!healthy) await new Promise((r) => setTimeout(r, 500));
      }
      expect(healthy).toBe(true);
      expect((await exec('docker', ['exec', id, 'id', '-un'])).stdout.trim()).toBe(final.user);

      // SIGTERM, then SIGKILL after 10 s: a server that drains exits 0 well before.
      await exec('docker', ['stop', id]);
      const state = (await exec('docker', ['inspect', '--format', '{{.State.ExitCode}}', id])).stdout.trim();
      const logs = await exec('docker', ['logs', id]);
      expect(state, logs.stdout + logs.stderr).toBe('0');
      expect(logs.stdout).toContain('SIGTERM received: finishing in-flight requests');
    } finally {
      await exec('docker', ['rm', '-f', id]).catch(() => {});
      await exec('docker', ['rmi', '-f', tag]).catch(() => {});
    }
  }, 600_000);
});
