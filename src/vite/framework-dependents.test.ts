import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { frameworkDependents } from './framework-dependents.ts';

async function tree(files: Record<string, unknown>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'kiln-next-dependents-'));
  for (const [file, manifest] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), JSON.stringify(manifest));
  }
  return root;
}

describe('frameworkDependents', () => {
  it('finds packages that name next as a dependency or peer, directly or through another package', async () => {
    const root = await tree({
      'package.json': { dependencies: { next: '15', geist: '1', kit: '1', plain: '1' }, devDependencies: { 'eslint-config-next': '15' } },
      'node_modules/next/package.json': { dependencies: { '@next/env': '15' } },
      'node_modules/@next/env/package.json': {},
      'node_modules/eslint-config-next/package.json': { peerDependencies: { next: '*' } },
      'node_modules/geist/package.json': { peerDependencies: { next: '>=13' } },
      'node_modules/kit/package.json': { dependencies: { 'kit-core': '1' } },
      'node_modules/kit/node_modules/kit-core/package.json': { dependencies: { next: '*' } },
      'node_modules/plain/package.json': { dependencies: { 'left-pad': '1' } },
      'node_modules/left-pad/package.json': {},
    });
    expect(frameworkDependents(root).next).toEqual(['geist', 'kit-core']);
  });

  it('finds component packages that name react or react-dom, not React itself', async () => {
    const root = await tree({
      'package.json': { dependencies: { react: '18', 'react-dom': '18', widget: '2', markdown: '9', tool: '1' } },
      'node_modules/react/package.json': {},
      'node_modules/react-dom/package.json': { dependencies: { scheduler: '1' }, peerDependencies: { react: '18' } },
      'node_modules/scheduler/package.json': {},
      'node_modules/widget/package.json': { peerDependencies: { react: '>=16' } },
      'node_modules/markdown/package.json': { peerDependencies: { 'react-dom': '>=18' }, dependencies: { tool: '1' } },
      'node_modules/tool/package.json': {},
    });
    expect(frameworkDependents(root)).toEqual({ next: [], react: ['markdown', 'widget'] });
  });

  it('is empty for an app without a package.json or with dependencies not installed', async () => {
    expect(frameworkDependents(await tree({}))).toEqual({ next: [], react: [] });
    expect(frameworkDependents(await tree({ 'package.json': { dependencies: { missing: '1' } } }))).toEqual({ next: [], react: [] });
  });
});
