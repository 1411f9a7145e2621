import { describe, expect, test } from 'vitest';
import type { Route } from '../routing/types.ts';
import { createPageRunner, type OutcomeBatch, type PageTask } from './page-runner.ts';
import type { Renderer } from './renderer.ts';
import type { OutputFile, Writer } from './writer.ts';

const tick = () => new Promise((r) => setImmediate(r));
/** Lets the runner's scheduled work run (a few turns of the event loop). */
const turns = async (n = 5) => {
  for (let i = 0; i < n; i++) await tick();
};
const route = { pattern: '/p/[id]', file: 'app/p/[id]/page.tsx' } as Route;
const tasks = (n: number): PageTask[] => Array.from({ length: n }, (_, i) => [0, { id: String(i) }, `/p/${i}`]);

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A renderer whose pages finish when the test says so; `missing` pages answer 404. */
function fakeRenderer(missing = new Set<string>()) {
  const started: string[] = [];
  const renders = new Map<string, ReturnType<typeof deferred<void>>>();
  const renderer = {
    async renderOne(page: { pathname: string }) {
      started.push(page.pathname);
      const d = deferred<void>();
      renders.set(page.pathname, d);
      await d.promise;
      if (missing.has(page.pathname)) return { status: 404 as const, files: [] };
      return { status: 200 as const, files: [{ path: `pages${page.pathname}.html`, data: new TextEncoder().encode(page.pathname) }] };
    },
  } as unknown as Renderer;
  return { renderer, started, finish: (p: string) => renders.get(p)!.resolve(), fail: (p: string, e: unknown) => renders.get(p)!.reject(e) };
}

function fakeWriter() {
  const written: string[] = [];
  const writer: Writer = {
    async write(files: readonly OutputFile[]) {
      written.push(...files.map((f) => f.path));
      return files.reduce((n, f) => n + f.data.byteLength, 0);
    },
  };
  return { writer, written };
}

describe('page runner', () => {
  test('renders a few pages at a time and reports outcomes in batches', async () => {
    const r = fakeRenderer(new Set(['/p/2']));
    const w = fakeWriter();
    const batches: OutcomeBatch[] = [];
    const runner = createPageRunner({
      renderer: r.renderer,
      routes: [route],
      writer: w.writer,
      concurrency: 2,
      timeoutMs: 60_000,
      onOutcomes: (b) => batches.push(b),
      onError: (e) => {
        throw e;
      },
    });
    runner.push(tasks(4));
    await turns();
    expect(r.started).toEqual(['/p/0', '/p/1']);
    r.finish('/p/1');
    await turns();
    expect(r.started).toEqual(['/p/0', '/p/1', '/p/2']);
    for (const p of ['/p/0', '/p/2']) r.finish(p);
    await turns();
    r.finish('/p/3');
    await turns();
    await turns();
    const byPath = (a: { pathname: string }, b: { pathname: string }) => (a.pathname < b.pathname ? -1 : 1);
    const digest = expect.stringMatching(/^[0-9a-f]{32}$/);
    expect(batches.flatMap((b) => b.outcomes).sort(byPath)).toEqual([
      { route: 0, pathname: '/p/0', status: 200, bytes: 4, digest, files: ['pages/p/0.html'], inputs: [] },
      { route: 0, pathname: '/p/1', status: 200, bytes: 4, digest, files: ['pages/p/1.html'], inputs: [] },
      { route: 0, pathname: '/p/2', status: 404, bytes: 0 },
      { route: 0, pathname: '/p/3', status: 200, bytes: 4, digest, files: ['pages/p/3.html'], inputs: [] },
    ]);
    expect(w.written.sort()).toEqual(['pages/p/0.html', 'pages/p/1.html', 'pages/p/3.html']);
  });

  test('the first failure is reported with its path and nothing further starts', async () => {
    const r = fakeRenderer();
    const errors: Array<[unknown, string]> = [];
    const runner = createPageRunner({
      renderer: r.renderer,
      routes: [route],
      writer: fakeWriter().writer,
      concurrency: 2,
      timeoutMs: 60_000,
      onOutcomes: () => {},
      onError: (e, p) => errors.push([e, p]),
    });
    runner.push(tasks(10));
    await turns();
    r.fail('/p/0', new Error('disk full'));
    r.fail('/p/1', new Error('second failure'));
    await turns();
    expect(r.started).toEqual(['/p/0', '/p/1']);
    expect(errors).toHaveLength(1);
    const [error, pathname] = errors[0] as [{ code: string; message: string; cause: Error }, string];
    expect(pathname).toBe('/p/0');
    expect(error.code).toBe('BUILD_PAGE_FAILED');
    expect(error.message.startsWith('Prerendering /p/0 failed: disk full.')).toBe(true);
    expect(error.cause.message).toBe('disk full');
    runner.push(tasks(3));
    await turns();
    expect(r.started).toEqual(['/p/0', '/p/1']);
    await runner.stop();
  });

  test('a catalog error from a render is passed on as it is', async () => {
    const r = fakeRenderer();
    const errors: unknown[] = [];
    const runner = createPageRunner({
      renderer: r.renderer,
      routes: [route],
      writer: fakeWriter().writer,
      concurrency: 1,
      timeoutMs: 60_000,
      onOutcomes: () => {},
      onError: (e) => errors.push(e),
    });
    runner.push(tasks(1));
    await turns();
    const catalogError = Object.assign(new Error('Rendering /p/0 failed'), { name: 'KilnError', code: 'RENDER_FAILED' });
    r.fail('/p/0', catalogError);
    await turns();
    expect(errors).toEqual([catalogError]);
  });

  test('pages start from the event loop, so work a render leaves for it runs before the next page', async () => {
    // React leaves a macrotask per render that holds the request until it runs; a page that
    // settles in microtasks alone must not starve it (memory would grow with every page).
    let left = 0;
    const pendingAtStart: number[] = [];
    const renderer = {
      async renderOne() {
        pendingAtStart.push(left);
        left++;
        setImmediate(() => left--);
        return { status: 404 as const, files: [] };
      },
    } as unknown as Renderer;
    let outcomes = 0;
    const runner = createPageRunner({
      renderer,
      routes: [route],
      writer: fakeWriter().writer,
      concurrency: 1,
      timeoutMs: 60_000,
      onOutcomes: (b) => (outcomes += b.outcomes.length),
      onError: (e) => {
        throw e;
      },
    });
    runner.push(tasks(50));
    for (let i = 0; i < 500 && outcomes < 50; i++) await tick();
    expect(outcomes).toBe(50);
    expect(Math.max(...pendingAtStart)).toBe(0);
  });
});
