/**
 * The build output contract end to end: the `manifest.json` that `build()` writes is read back
 * by the server's parser (src/output/parse-manifest.ts), and every route, its config, the
 * prerendered redirects, next.config's request rules and the URL layout arrive as the build
 * meant them. A field one side renames or drops fails here, not in production.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { build, type BuildResult } from '../../src/build/index.ts';
import { MANIFEST_FILE, type Manifest, type ManifestRoute } from '../../src/output/manifest.ts';
import { parseManifest } from '../../src/output/parse-manifest.ts';

const root = path.resolve(import.meta.dirname, '../fixtures/output-contract');

let parent: string;
let outDir: string;
let result: BuildResult;
let text: string;

beforeAll(async () => {
  parent = await mkdtemp(path.join(tmpdir(), 'kiln-output-contract-'));
  outDir = path.join(parent, 'dist');
  result = await build({ root, outDir, inProcess: true, log: () => {} });
  text = await readFile(path.join(outDir, MANIFEST_FILE), 'utf8');
});

afterAll(async () => {
  if (parent) await rm(parent, { recursive: true, force: true });
});

test('the server parses the manifest the build wrote and gets every route back', () => {
  const written = JSON.parse(text) as Manifest;
  const read = parseManifest(text, MANIFEST_FILE);

  expect(read.version).toBe(1);
  expect(read.appDir).toBe(result.appDir);
  expect(read.buildId).toBe(result.buildId);
  expect({ basePath: read.basePath, trailingSlash: read.trailingSlash }).toEqual({ basePath: '/docs', trailingSlash: true });
  expect(read.rules).toEqual(written.rules);
  expect(read.rules.redirects).toEqual([{ source: '/legacy/:slug', destination: '/posts/:slug', permanent: true }]);
  expect(read.middleware).toBeNull();

  // Every route the build reports, in the build's order, with the config the server routes by.
  expect(read.routes.map((r) => r.pattern)).toEqual(result.routes.map((r) => r.pattern));
  expect(read.routes.map((r) => r.pattern).sort()).toEqual([
    '/',
    '/feeds/[name]/feed.xml',
    '/live/[id]',
    '/old/[slug]',
    '/partial/[lang]/[slug]',
    '/posts/[slug]',
  ]);
  const expected = written.routes.map((w): ManifestRoute => {
    const route: ManifestRoute = {
      pattern: w.pattern,
      file: w.file,
      type: w.type,
      kind: w.kind,
      dynamicParams: w.dynamicParams,
      revalidate: w.revalidate,
    };
    if (w.open) route.open = w.open;
    if (w.generated) route.generated = new Set(w.generated);
    return route;
  });
  expect(read.routes).toEqual(expected);
  for (const stats of result.routes) {
    const route = read.routes.find((r) => r.pattern === stats.pattern)!;
    expect({ file: route.file, type: route.type, kind: route.kind, dynamicParams: route.dynamicParams, revalidate: route.revalidate }).toEqual({
      file: stats.file,
      type: stats.type,
      kind: stats.kind,
      dynamicParams: stats.dynamicParams,
      revalidate: stats.revalidate,
    });
  }

  // The fixture covers each kind of route the server tells apart.
  const byPattern = new Map(read.routes.map((r) => [r.pattern, r]));
  expect(byPattern.get('/')).toMatchObject({ type: 'page', kind: 'static' });
  expect(byPattern.get('/posts/[slug]')).toMatchObject({ kind: 'generated', revalidate: 60 });
  expect(byPattern.get('/live/[id]')).toMatchObject({ kind: 'dynamic' });
  expect(byPattern.get('/feeds/[name]/feed.xml')).toMatchObject({ type: 'handler', kind: 'generated' });
  const partial = byPattern.get('/partial/[lang]/[slug]')!;
  expect(partial).toMatchObject({ dynamicParams: false, open: ['slug'] });
  expect(partial.generated?.size).toBe(2);

  // Prerendered redirects, by canonical path, Location under the base path.
  expect([...read.redirects]).toEqual(Object.entries(written.redirects));
  expect(read.redirects.get('/old/moved')).toEqual({ status: 308, location: '/docs/posts/first/' });
});
