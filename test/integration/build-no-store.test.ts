/**
 * A page that fetches with `cache: 'no-store'` while it is
 * prerendered makes its route dynamic. The build writes none of its pages, says λ for it, lists
 * it as dynamic with no paths in the manifest and warns by name; `kiln start` then renders it per
 * request, reaching the data source every time.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build, type BuildOptions } from '../../src/build/index.ts';
import type { Manifest } from '../../src/output/manifest.ts';
import { startServer } from '../../src/server/index.ts';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/no-store');
const BUILD_TIMEOUT = 180_000;

let parent: string;
let hits = 0;
let api: Server;
beforeAll(async () => {
  parent = await mkdtemp(path.join(tmpdir(), 'kiln-no-store-'));
  api = createServer((_req, res) => {
    hits++;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ hits }));
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  process.env.KILN_NO_STORE_API = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
});
afterAll(async () => {
  delete process.env.KILN_NO_STORE_API;
  await new Promise<void>((resolve) => api.close(() => resolve()));
  await rm(parent, { recursive: true, force: true });
});

const WARNING =
  "app/live/[id]/page.tsx (route /live/[id]) fetched URL with cache: 'no-store' while prerendering /live/";

describe('a no-store fetch during prerendering', () => {
  test.each([
    ['the main thread', { inProcess: true }],
    ['two render workers', { inProcess: false, concurrency: 2 }],
  ] as Array<[string, Partial<BuildOptions>]>)(
    'rendered in %s, the route becomes dynamic and kiln start renders it per request',
    async (name, mode) => {
      const outDir = path.join(parent, mode.inProcess ? 'main' : 'workers');
      const result = await build({ root: FIXTURE, outDir, log: () => {}, ...mode });

      const kinds = Object.fromEntries(result.routes.map((r) => [r.pattern, [r.kind, r.pages]]));
      expect(kinds).toEqual({ '/': ['static', 1], '/live/[id]': ['dynamic', 0] });
      expect(result.pages).toBe(1);
      expect(existsSync(path.join(outDir, 'pages/@index.html'))).toBe(true);
      expect(existsSync(path.join(outDir, 'pages/live/1.html'))).toBe(false);
      expect(existsSync(path.join(outDir, 'pages/live/2.html'))).toBe(false);

      const manifest = JSON.parse(await readFile(path.join(outDir, 'manifest.json'), 'utf8')) as Manifest;
      const live = manifest.routes.find((r) => r.pattern === '/live/[id]')!;
      expect([live.kind, live.paths]).toEqual(['dynamic', []]);

      // One warning for the route, whichever of its pages reported first.
      const url = `${process.env.KILN_NO_STORE_API}/live`;
      const warnings = result.warnings.filter((w) => w.code === 'BUILD_PAGE_DYNAMIC_FETCH');
      expect(warnings).toHaveLength(1);
      expect(warnings[0].message.replace(url, 'URL')).toMatch(
        new RegExp(`^${escape(WARNING)}[12], so the route is rendered per request instead of prerendered \\(λ in the route table\\)\\.`),
      );

      const server = await startServer({ outDir, port: 0, host: '127.0.0.1', isr: { cache: { redisUrl: '' }, log: () => {} } });
      try {
        const before = hits;
        for (let i = 1; i <= 2; i++) {
          const response = await fetch(`${server.url}/live/1`);
          const html = await response.text();
          expect([response.status, response.headers.get('cache-control')], name).toEqual([200, 'no-store']);
          expect(/<p id="live">([\s\S]*?)<\/p>/.exec(html)?.[1].replace(/<!-- -->/g, '')).toBe(`live 1 hits=${before + i}`);
        }
        expect(hits).toBe(before + 2);
      } finally {
        await server.close();
      }
    },
    BUILD_TIMEOUT,
  );
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
