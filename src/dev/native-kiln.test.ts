import { readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDeclaredNative, nativeKiln } from './native-kiln.ts';
import { viteFreeChecker } from './test-vite-free.ts';

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

describe('the Vite-free check', () => {
  const free = (file: string) => viteFreeChecker()(path.join(dist, file));

  it('passes a module when it and its imports use only relative imports and Node built-ins', () => {
    expect(free('pure.js')).toBe(true);
    expect(free('lib/b.js')).toBe(true);
    expect(free('dynamic-literal.js')).toBe(true);
  });

  it('fails modules that need Vite, a bare package or an unknown dynamic import', () => {
    for (const file of ['env.js', 'hot.js', 'bare.js', 'jsx.js', 'client.js', 'uses-env.js', 'dynamic.js', 'missing.js']) {
      expect(free(file), file).toBe(false);
    }
  });

  it('errs on the side of Vite when a string looks like an import', () => {
    // A quoted `from 'y'` reads as a bare import: it costs speed, never correctness.
    expect(free('message.js')).toBe(false);
  });
});

describe('nativeKiln', () => {
  const declared = ['pure.ts', 'lib/'];
  const resolve = (file: string) => nativeKiln(src, dist, declared).resolve(path.join(src, file));
  const url = (file: string) => pathToFileURL(path.join(dist, file)).href;

  it('loads a declared module, or one in a declared folder, from the compiled tree', () => {
    expect(resolve('pure.ts')).toBe(url('pure.js'));
    expect(resolve('lib/b.ts')).toBe(url('lib/b.js'));
  });

  it('leaves undeclared modules to Vite', () => {
    expect(resolve('dynamic-literal.ts')).toBeNull();
    expect(resolve('env.ts')).toBeNull();
  });

  it('answers null outside the source tree, for a missing compiled file, and when running from source', () => {
    expect(nativeKiln(src, dist, declared).resolve(path.join(root, 'elsewhere/pure.ts'))).toBeNull();
    expect(nativeKiln(src, dist, ['missing.ts']).resolve(path.join(src, 'missing.ts'))).toBeNull();
    expect(nativeKiln(src, null, declared).resolve(path.join(src, 'pure.ts'))).toBeNull();
  });
});

describe('the declared list', () => {
  it('holds only modules whose compiled code, and everything it imports, needs nothing from Vite', () => {
    const srcDir = fileURLToPath(new URL('../', import.meta.url));
    const distDir = path.join(srcDir, '..', 'dist');
    const free = viteFreeChecker();
    const modules = readdirSync(srcDir, { recursive: true, encoding: 'utf8' })
      .map((f) => f.split(path.sep).join('/'))
      .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$|(^|\/)test-[^/]*$|\.d\.ts$/.test(f) && isDeclaredNative(f));
    expect(modules.length).toBeGreaterThan(20);
    const failing = modules.filter((f) => !free(path.join(distDir, f.replace(/\.tsx?$/, '.js'))));
    expect(failing).toEqual([]);
  });
});
