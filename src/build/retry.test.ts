import { describe, expect, test } from 'vitest';
import type { RouteModule } from '../params/types.ts';
import { isNetworkError, isTransientStatus, withParamsRetries } from './retry.ts';

const networkError = (code: string) => new TypeError('fetch failed', { cause: Object.assign(new Error(`connect ${code}`), { code }) });

describe('isNetworkError', () => {
  test.each([
    ['fetch failed', networkError('ECONNREFUSED'), true],
    ['a socket error itself', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), true],
    ['an undici error code', Object.assign(new Error('Headers Timeout Error'), { code: 'UND_ERR_HEADERS_TIMEOUT' }), true],
    ['an app error wrapping fetch failed', new Error('could not load posts', { cause: networkError('ENOTFOUND') }), true],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'map')"), false],
    ['a file error', Object.assign(new Error('no such file'), { code: 'ENOENT' }), false],
    ['a string', 'fetch failed', false],
    ['nothing', undefined, false],
  ])('%s → %s', (_name, error, expected) => {
    expect(isNetworkError(error)).toBe(expected);
  });

  test('transient statuses are timeouts, rate limits and server errors', () => {
    expect([408, 429, 500, 502, 503, 504].map(isTransientStatus)).toEqual([true, true, true, true, true, true]);
    expect([200, 301, 400, 401, 404, 501].map(isTransientStatus)).toEqual([false, false, false, false, false, false]);
  });
});

describe('withParamsRetries', () => {
  const moduleWith = (gsp: unknown): RouteModule => ({ default: () => null, generateStaticParams: gsp });

  test('a generateStaticParams call that throws a network error is made again, with the params it first got', async () => {
    const seen: unknown[] = [];
    let calls = 0;
    const gsp = async ({ params }: { params: Record<string, unknown> }) => {
      seen.push({ ...params });
      params.category = 'changed by the app';
      if (++calls <= 2) throw networkError('ECONNRESET');
      return [{ id: '1' }];
    };
    const load = withParamsRetries(async () => moduleWith(gsp), { retries: 2, delayMs: 0 });
    const mod = await load('app/[category]/[id]/page.tsx');
    const result = await (mod.generateStaticParams as (p: unknown) => Promise<unknown>)({ params: { category: 'tools' } });
    expect(result).toEqual([{ id: '1' }]);
    expect(seen).toEqual([{ category: 'tools' }, { category: 'tools' }, { category: 'tools' }]);
  });

  test('gives up after the retries, and never retries other errors', async () => {
    let calls = 0;
    const down = withParamsRetries(async () => moduleWith(() => {
      calls++;
      throw networkError('ECONNREFUSED');
    }), { retries: 2, delayMs: 0 });
    const gspDown = (await down('a')).generateStaticParams as (p: unknown) => Promise<unknown>;
    await expect(gspDown({ params: {} })).rejects.toThrow('fetch failed');
    expect(calls).toBe(3);

    calls = 0;
    const buggy = withParamsRetries(async () => moduleWith(() => {
      calls++;
      throw new Error('bad data');
    }), { retries: 2, delayMs: 0 });
    await expect(((await buggy('b')).generateStaticParams as (p: unknown) => Promise<unknown>)({ params: {} })).rejects.toThrow('bad data');
    expect(calls).toBe(1);
  });

  test('modules are loaded once and left alone when they have no generateStaticParams function', async () => {
    let loads = 0;
    const plain: RouteModule = { default: () => null, generateStaticParams: 'not a function' };
    const load = withParamsRetries(async () => {
      loads++;
      return plain;
    }, { retries: 1, delayMs: 0 });
    expect(await load('x')).toBe(plain);
    expect(await load('x')).toBe(plain);
    expect(loads).toBe(1);
    const none = async () => plain;
    expect(withParamsRetries(none, { retries: 0, delayMs: 0 })).toBe(none);
  });
});
