import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, test, vi } from 'vitest';
import { createBuildDataStore } from '../build/data-store.ts';
import { setBuildDataStore } from '../render/data-cache.ts';
import { createRenderStore, runWithStore } from '../render/render-store.ts';
import { revalidateTag } from './revalidate-tag.ts';
import { unstable_cache } from './unstable-cache.ts';

afterEach(() => {
  setBuildDataStore(undefined);
  vi.useRealTimers();
});

/** A data source that counts its calls, under a key unique to the test so tests share nothing. */
function source(key: string, options?: { revalidate?: number | false; tags?: string[] }) {
  let calls = 0;
  const read = unstable_cache(async (id: string) => ({ id, call: ++calls }), [key], options);
  return { read, calls: () => calls };
}

test('memoizes by arguments across calls, handing out copies', async () => {
  const { read, calls } = source('args');
  const first = await read('a');
  first.call = 99;
  expect(await read('a')).toEqual({ id: 'a', call: 1 });
  expect(await read('b')).toEqual({ id: 'b', call: 2 });
  expect(calls()).toBe(2);
});

test('concurrent first calls run the function once; a failure is not remembered', async () => {
  let calls = 0;
  const flaky = unstable_cache(async () => {
    calls++;
    if (calls === 1) throw new Error('down');
    return calls;
  }, ['flaky']);
  const [a, b] = await Promise.allSettled([flaky(), flaky()]);
  expect([a.status, b.status, calls]).toEqual(['rejected', 'rejected', 1]);
  expect(await flaky()).toBe(2);
});

test('revalidateTag drops the entries with that tag only', async () => {
  const tagged = source('tagged', { tags: ['posts'] });
  const other = source('other', { tags: ['users'] });
  await tagged.read('x');
  await other.read('x');
  revalidateTag('posts');
  expect((await tagged.read('x')).call).toBe(2);
  expect((await other.read('x')).call).toBe(1);
});

test('revalidate ages entries out', async () => {
  vi.useFakeTimers({ now: 1_000_000 });
  const { read } = source('aged', { revalidate: 10 });
  expect((await read('x')).call).toBe(1);
  vi.setSystemTime(1_000_000 + 9_000);
  expect((await read('x')).call).toBe(1);
  vi.setSystemTime(1_000_000 + 10_000);
  expect((await read('x')).call).toBe(2);
});

test("a render records the tags of the entries it read, so its page can be marked by them", async () => {
  const { read } = source('render', { tags: ['posts', 'home'] });
  const store = createRenderStore();
  await runWithStore(store, () => read('x'));
  expect([...store.tags].sort()).toEqual(['home', 'posts']);
});

test('during a build, every thread gets the first stored result (the build store on disk)', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'kiln-data-'));
  try {
    setBuildDataStore(createBuildDataStore(dir));
    const first = source('build');
    expect(await first.read('x')).toEqual({ id: 'x', call: 1 });
    // Another thread: its own store over the same folder, its own function instance.
    setBuildDataStore(createBuildDataStore(dir));
    const second = source('build');
    expect(await second.read('x')).toEqual({ id: 'x', call: 1 });
    expect(second.calls()).toBe(0);
    // Nothing expires or is dropped within a build.
    revalidateTag('posts');
    expect(await second.read('x')).toEqual({ id: 'x', call: 1 });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('checks its options as Next.js types them', () => {
  expect(() => unstable_cache(async () => 1, [], { tags: [''] })).toThrow('unstable_cache(): options.tags[0] is "" (string); expected a non-empty string.');
  expect(() => unstable_cache(async () => 1, [], { revalidate: -1 })).toThrow('unstable_cache(): options.revalidate is -1 (number); expected a number of seconds >= 0, or false.');
  expect(() => revalidateTag('')).toThrow(`revalidateTag(): the tag is "" (string); expected a non-empty string. Hint: Call it as in Next.js, e.g. revalidateTag('posts').`);
});
