import { describe, expect, test } from 'vitest';
import type { Route } from '../routing/types.ts';
import { paramsProp, paramsUpTo, settledParamsProp } from './params-prop.ts';

describe('paramsProp', () => {
  test('reads synchronously and awaits to the same values', async () => {
    const params = paramsProp({ category: 'a', slug: ['x', 'y'] });
    expect(params.category).toBe('a');
    expect(params.slug).toEqual(['x', 'y']);
    expect(await params).toEqual({ category: 'a', slug: ['x', 'y'] });
    const { category } = params;
    expect(category).toBe('a');
  });
  test('is a copy: changing it does not change the source', async () => {
    const source = { id: '1' };
    const params = paramsProp(source);
    (params as { id: string }).id = '2';
    expect(source.id).toBe('1');
    expect(await params).toEqual({ id: '1' });
  });
});

describe('settledParamsProp', () => {
  test("reads synchronously, awaits, and is marked settled the way React's use() reads a thenable at once", async () => {
    const params = settledParamsProp({ slug: 'a b' });
    expect(params.slug).toBe('a b');
    expect(await params).toEqual({ slug: 'a b' });
    expect(params).toMatchObject({ status: 'fulfilled', value: { slug: 'a b' } });
  });
});

describe('paramsUpTo', () => {
  const route = {
    params: [
      { name: 'category', kind: 'dynamic', level: 2 },
      { name: 'product', kind: 'dynamic', level: 3 },
    ],
  } as unknown as Route;
  test('a layout sees its own and its ancestors params only', () => {
    const all = { category: 'a', product: '1' };
    expect(paramsUpTo(route, 1, all)).toEqual({});
    expect(paramsUpTo(route, 2, all)).toEqual({ category: 'a' });
    expect(paramsUpTo(route, 3, all)).toEqual({ category: 'a', product: '1' });
  });
});
