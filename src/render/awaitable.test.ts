import { expect, test } from 'vitest';
import { awaitable } from './awaitable.ts';

class Box {
  readonly #items = new Map([['a', '1']]);
  get(name: string): string | undefined {
    return this.#items.get(name);
  }
  get size(): number {
    return this.#items.size;
  }
  *[Symbol.iterator](): IterableIterator<[string, string]> {
    yield* this.#items;
  }
}

test('works called directly (13/14 style) and awaited (15 style)', async () => {
  const box = awaitable(new Box());
  expect(box.get('a')).toBe('1');
  expect(box.size).toBe(1);
  expect([...box]).toEqual([['a', '1']]);
  const awaited = await box;
  expect(awaited).toBeInstanceOf(Box);
  expect(awaited.get('a')).toBe('1');
});

test('Headers methods, private state included, are bound to the headers', async () => {
  const headers = awaitable(new Headers({ 'x-a': '1' }));
  expect(headers.get('x-a')).toBe('1');
  expect([...headers.keys()]).toEqual(['x-a']);
  expect((await headers).has('x-a')).toBe(true);
});
