/**
 * An error thrown inside an installed package under `kiln dev`: the terminal and the browser name
 * the package, where in it, and the app file that imported it, though every frame of the stack
 * is outside the app.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { copyFixture, startKiln } from '../helpers/cli.ts';

it('names the package and the app file that imported it', async () => {
  const app = await copyFixture('next-real-app');
  await mkdir(path.join(app, 'node_modules/browser-only'), { recursive: true });
  await writeFile(path.join(app, 'node_modules/browser-only/package.json'), '{ "name": "browser-only", "version": "1.0.0", "main": "index.js" }\n');
  await writeFile(path.join(app, 'node_modules/browser-only/index.js'), "'use strict';\nexports.href = window.location.href;\n");
  await mkdir(path.join(app, 'app/where'), { recursive: true });
  await writeFile(path.join(app, 'app/where/page.js'), "import { href } from 'browser-only';\n\nexport default function Where() {\n  return <p>{href}</p>;\n}\n");
  const server = await startKiln(['dev', app, '--port', '0', '--host', '127.0.0.1'], { timeoutMs: 60_000 });
  try {
    const res = await fetch(`${server.url}/where`);
    expect(res.status).toBe(500);
    const where = 'thrown in package "browser-only" (node_modules/browser-only/index.js:2:16), imported by app/where/page.js';
    const html = await res.text();
    expect(html).toContain(where.replaceAll('"', '&quot;'));
    await expect.poll(() => server.output()).toContain(where);
    expect(server.output()).toContain('failed: window is not defined.');
  } finally {
    await server.stop();
  }
});
