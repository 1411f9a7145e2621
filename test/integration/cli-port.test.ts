/** `kiln start` and `kiln dev` on a port another server holds: one line naming the port, exit code 1. */
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, runKiln } from '../helpers/cli.ts';
import { installedFixture } from './dev-helpers.ts';

describe('a busy port', () => {
  let holder: Server;
  let port: number;

  beforeAll(async () => {
    holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    port = (holder.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => holder.close(resolve));
  });

  it('kiln start names the port and --port, without a stack', async () => {
    const app = await copyFixture('basic');
    expect((await runKiln(['build', app])).code).toBe(0);
    const result = await runKiln(['start', app, '--port', String(port), '--host', '127.0.0.1']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      `error Port ${port} is already in use on 127.0.0.1, so kiln start cannot listen on it. ` +
        `Hint: Stop the other server, or choose another port: kiln start --port ${port + 1} (--port 0 picks a free one).`,
    );
  });

  it('kiln dev names the port and --port, without a stack', async () => {
    const app = await installedFixture('dev-app');
    const result = await runKiln(['dev', app, '--port', String(port), '--host', '127.0.0.1']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      `error Port ${port} is already in use on 127.0.0.1, so kiln dev cannot listen on it. ` +
        `Hint: Stop the other server, or choose another port: kiln dev --port ${port + 1} (--port 0 picks a free one).`,
    );
    expect(result.stdout).not.toContain('http://');
  });
});
