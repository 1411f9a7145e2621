/**
 * A real `redis-server` for tests: started on a free loopback port with persistence off,
 * stopped (and restartable on the same port) by the test. Not part of the server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import path from 'node:path';

/** The redis-server binary on PATH (Debian puts it in /usr/bin), or null. */
export function findRedisServer(): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).concat(['/usr/bin', '/usr/local/bin'])) {
    const file = path.join(dir, 'redis-server');
    if (dir && existsSync(file)) return file;
  }
  return null;
}

export const REDIS_SKIP_MESSAGE =
  'redis-server is not installed: the Redis tests are skipped (install Debian\'s redis-server package, as .ci/run does, to run them).';

export interface TestRedis {
  url: string;
  port: number;
  /** Kills the server (SIGKILL: an outage, not a shutdown). */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty. */
  restart(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

async function accepting(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`redis-server did not accept connections on port ${port}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function startRedis(binary: string): Promise<TestRedis> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const launch = async (): Promise<void> => {
    const proc = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    child = proc;
    const exited = new Promise<never>((_, reject) =>
      proc.once('exit', (code) => reject(new Error(`redis-server exited with ${code} before accepting connections`))),
    );
    exited.catch(() => {});
    await Promise.race([accepting(port, 5000), exited]);
  };
  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      const proc = child;
      child = null;
      if (!proc || proc.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        proc.once('exit', () => resolve());
        proc.kill('SIGKILL');
      });
    },
    restart: launch,
  };
}
