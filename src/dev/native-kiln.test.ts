import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nativeKiln } from './native-kiln.ts';

let root: string;
let src: string;
let dist: string;

const files: Record<string, string> = {
  'pure.js': `import { a } from './lib/a.js';\nimport { readFile } from 'node:fs';\nexport const x = a;`,
  'lib/a.js': `export { b } from './b.js';\nexport const a = 1;`,
  'lib/b.js': `import { a } from './a.js';\nexport const b = a + import.meta.url.length;`,
  'env.js': `export const base = import.meta.env.BASE_URL;`,
  'hot.js': `import.meta.hot?.accept();`,
  'bare.js': `import React from 'react';\nexport const r = React;`,
  'jsx.js': `import { jsx as _jsx } from "react/jsx-runtime";\nexport const el = _jsx("p", {});`,
  'client.js': `"use client";\nexport const c = 1;`,
  'uses-env.js': `import { base } from './env.js';\nexport const y = base;`,
  'dynamic.js': `export const load = (name) => import(name);`,
  'dynamic-literal.js': `export const load = () => import('./pure.js');`,
  'message.js': `export const text = "write 'use client' at the top; import x from 'y' is fine in a message";`,
};

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'kiln-native-'));
  src = path.join(root, 'src');
  dist = path.join(root, 'dist');
  for (const [file, code] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dist, file)), { recursive: true });
    await writeFile(path.join(dist, file), code);
  }
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('nativeKiln', () => {
  const resolve = (file: string) => nativeKiln(src, dist).resolve(path.join(src, file));
  const url = (file: string) => pathToFileURL(path.join(dist, file)).href;

  it('loads a module natively when it and its imports use only relative imports and Node built-ins', () => {
    expect(resolve('pure.ts')).toBe(url('pure.js'));
    expect(resolve('lib/b.ts')).toBe(url('lib/b.js'));
    expect(resolve('dynamic-literal.ts')).toBe(url('dynamic-literal.js'));
  });

  it('keeps modules that need Vite, a bare package or an unknown dynamic import in Vite', () => {
    for (const file of ['env.ts', 'hot.ts', 'bare.ts', 'jsx.tsx', 'client.ts', 'uses-env.ts', 'dynamic.ts']) {
      expect(resolve(file), file).toBeNull();
    }
  });

  it('errs on the side of Vite when a string looks like an import', () => {
    // A quoted `from 'y'` reads as a bare import: it costs speed, never correctness.
    expect(resolve('message.ts')).toBeNull();
  });

  it('answers null outside the source tree, for a missing compiled file, and when running from source', () => {
    expect(nativeKiln(src, dist).resolve(path.join(root, 'elsewhere/pure.ts'))).toBeNull();
    expect(resolve('missing.ts')).toBeNull();
    expect(nativeKiln(src, null).resolve(path.join(src, 'pure.ts'))).toBeNull();
  });
});
