import { Fragment, isValidElement, type ReactNode } from 'react';
import { describe, expect, test } from 'vitest';
import type { RouteModule } from '../params/types.ts';
import { buildRouteTree, createMatcher } from '../routing/index.ts';
import { compose } from './compose.tsx';
import { Layer } from './layer.tsx';

const files = ['layout.tsx', 'posts/layout.tsx', 'posts/[slug]/layout.tsx', 'posts/[slug]/page.tsx', '(site)/docs/[...path]/page.tsx'];
const tree = buildRouteTree(files, 'app');
const match = createMatcher(tree);
const component = () => null;
const load = async (): Promise<RouteModule> => ({ default: component });

/**
 * The composed tree from the root down, one line per keyed fragment (`key:…`) or app file, so a
 * test sees exactly which subtree each key covers.
 */
function outline(node: ReactNode, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => outline(n, out));
  else if (isValidElement(node)) {
    const props = node.props as { file?: string; props?: { children?: ReactNode }; children?: ReactNode };
    if (node.type === Fragment && node.key !== null) out.push(`key:${node.key}`);
    if (node.type === Layer) {
      out.push(props.file!);
      outline(props.props?.children, out);
    } else outline(props.children, out);
  }
  return out;
}

async function composed(pathname: string): Promise<string[]> {
  const found = match(pathname);
  if (found.kind !== 'found') throw new Error(`no route for ${pathname}`);
  const { element } = await compose({ route: found.route, levels: found.route.levels, leaf: { file: found.route.file, kind: 'page' }, params: found.params, load });
  return outline(element);
}

describe('compose keys each level by its segment value', () => {
  test('a dynamic level carries its value, so a new value remounts its layout and page but not the layouts above', async () => {
    const first = await composed('/posts/first');
    expect(first).toEqual([
      'app/layout.tsx',
      'key:posts',
      'app/posts/layout.tsx',
      'key:[slug]="first"',
      'app/posts/[slug]/layout.tsx',
      'app/posts/[slug]/page.tsx',
    ]);
    const second = await composed('/posts/second');
    expect(second).toEqual(first.map((line) => line.replace('"first"', '"second"')));
  });

  test('catch-all values and group folders have keys of their own', async () => {
    expect(await composed('/docs/a/b')).toEqual(['app/layout.tsx', 'key:(site)', 'key:docs', 'key:[...path]=["a","b"]', 'app/(site)/docs/[...path]/page.tsx']);
  });
});
