/**
 * The README's "Deploying" section, static host: `kiln build --export` of examples/store, its
 * `out/` served by a plain static server following the rules the README gives a host (decode
 * the path; try the file, then `.html`, then `/index.html`; otherwise `404.html` with status
 * 404), the same rules as its nginx `try_files` example.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runKiln } from '../helpers/cli.ts';
import { serveStatic, type StaticServer } from './next-static-server.ts';

let app: string;
let site: StaticServer;

beforeAll(async () => {
  app = await mkdtemp(path.join(tmpdir(), 'kiln-deploy-static-'));
  await cp(path.join(repoRoot, 'examples/store'), app, {
    recursive: true,
    filter: (src) => !/[/\\](node_modules|dist|out|\.kiln)$/.test(src),
  });
  // The example reaches Kiln's tsconfig preset by a path relative to this repository, which the
  // copy is not in.
  await writeFile(path.join(app, 'tsconfig.json'), `${JSON.stringify({ extends: path.join(repoRoot, 'types/tsconfig.json') })}\n`);
  const built = await runKiln(['build', app, '--export']);
  expect(built.code, built.stdout + built.stderr).toBe(0);
  site = await serveStatic(path.join(app, 'out'));
}, 60_000);

afterAll(async () => {
  await site?.close();
  if (app) await rm(app, { recursive: true, force: true });
});

async function get(url: string): Promise<{ status: number; type: string | null; text: string }> {
  const response = await fetch(`${site.url}${url}`);
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

describe('kiln build --export on a static host', () => {
  it('serves the home page from index.html', async () => {
    const home = await get('/');
    expect([home.status, home.type]).toEqual([200, 'text/html; charset=utf-8']);
    expect(home.text).toContain('<!DOCTYPE html>');
  });

  it('serves a generated page at its URL without .html, and one whose file name is the decoded path', async () => {
    const item = await get('/shop/clay/porcelain-5kg');
    expect(item.status).toBe(200);
    expect(item.text).toMatch(/porcelain/i);
    expect(await readFile(path.join(app, 'out/shop/clay/porcelain-5kg.html'), 'utf8')).toBe(item.text);
    const tag = await get('/tags/cone%206');
    expect(tag.status).toBe(200);
    expect(await readFile(path.join(app, 'out/tags/cone 6.html'), 'utf8')).toBe(tag.text);
  });

  it('serves the hashed assets the pages link to', async () => {
    const home = await get('/');
    const assets = [...home.text.matchAll(/(?:src|href)="(\/_kiln\/assets\/[^"]+)"/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) {
      const answer = await get(asset);
      expect(answer.status, asset).toBe(200);
      expect(answer.text.length, asset).toBeGreaterThan(0);
    }
  });

  it('answers an unknown path with 404.html and status 404', async () => {
    const missing = await get('/no-such-shelf');
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('Nothing on this shelf');
    expect(missing.text).toBe(await readFile(path.join(app, 'out/404.html'), 'utf8'));
  });
});
