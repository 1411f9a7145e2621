/** Runs the `kiln` CLI as a user would (the compiled bin), for integration tests. */
import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const kilnBin = path.join(repoRoot, 'bin/kiln.js');

export function fixture(name: string): string {
  return path.join(repoRoot, 'test/fixtures', name);
}

/** A private copy of a fixture in a temp folder, so a test may build or edit it freely. */
export async function copyFixture(name: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), `kiln-${name}-`));
  await cp(fixture(name), dir, { recursive: true, filter: (src) => !/[/\\](dist|out|\.kiln)$/.test(src) });
  return dir;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `bin`: a script to run in place of this repository's `kiln` (an installed package's, or the scaffolder). */
export function runKiln(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; bin?: string } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [options.bin ?? kilnBin, ...args], {
      cwd: options.cwd ?? repoRoot,
      env: { ...process.env, CI: '1', NO_COLOR: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts a long-running command (`start`, `dev`) and resolves once it prints its URL. */
export function startKiln(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; bin?: string } = {},
): Promise<{ url: string; output: () => string; stop: () => Promise<number | null> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [options.bin ?? kilnBin, ...args], {
      cwd: options.cwd ?? repoRoot,
      env: { ...process.env, CI: '1', NO_COLOR: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`kiln ${args.join(' ')} printed no URL within ${options.timeoutMs ?? 20_000} ms:\n${output}`));
    }, options.timeoutMs ?? 20_000);
    const exited = new Promise<number | null>((done) => child.on('close', done));
    const onData = (d: string) => {
      output += d;
      const m = /(http:\/\/[^\s]+:\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        child.stdout.on('data', (more: string) => (output += more));
        resolve({
          url: m[1].replace('localhost', '127.0.0.1'),
          output: () => output,
          stop: async () => {
            child.kill('SIGTERM');
            return exited;
          },
        });
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.on('error', reject);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`kiln ${args.join(' ')} exited with ${code} before printing a URL:\n${output}`));
    });
  });
}

export type RunningKiln = Awaited<ReturnType<typeof startKiln>>;

/**
 * A private copy of a fixture, built and served by `kiln start` on a free port; `close()` stops
 * the server (which must exit 0) and removes the copy.
 */
export async function buildAndStart(name: string): Promise<{ app: string; built: CliResult; server: RunningKiln; close(): Promise<void> }> {
  const app = await copyFixture(name);
  const built = await runKiln(['build', app]);
  if (built.code !== 0) throw new Error(`kiln build ${name} exited with ${built.code}:\n${built.stdout}${built.stderr}`);
  const server = await startKiln(['start', app, '--port', '0', '--host', '127.0.0.1']);
  return {
    app,
    built,
    server,
    async close() {
      const code = await server.stop();
      await rm(app, { recursive: true, force: true });
      if (code !== 0) throw new Error(`kiln start ${name} exited with ${code}:\n${server.output()}`);
    },
  };
}
