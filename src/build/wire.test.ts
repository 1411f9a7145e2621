import { describe, expect, test } from 'vitest';
import { isKilnError, kilnError, type KilnError } from '../errors.ts';
import { reviveError } from '../errors.ts';
import { isNetworkError } from './retry.ts';
import { fromWireError, fromWireResponse, toWireError, toWireRequest, toWireResponse } from './wire.ts';

/** What a message between threads does to data. */
const acrossThreads = <T>(value: T): T => structuredClone(value);

describe('errors between threads', () => {
  test('a catalog error from a worker comes back as a KilnError of this catalog, with its cause', () => {
    const cause = new Error('kaboom');
    const original = kilnError(
      'RENDER_FAILED',
      { file: 'app/boom/page.tsx', route: '/boom', path: '/boom', reason: 'kaboom', componentStack: '\n    at Boom (app/boom/page.tsx)', phase: 'flight' },
      { cause },
    );
    const revived = reviveError(fromWireError(acrossThreads(toWireError(original)))) as KilnError;
    expect(isKilnError(revived)).toBe(true);
    expect(revived.code).toBe('RENDER_FAILED');
    expect(revived.message).toBe(original.message);
    expect(revived.details).toEqual(original.details);
    expect((revived.cause as Error).message).toBe('kaboom');
    expect(revived.stack).toBe(original.stack);
  });

  test('errors inside details survive as errors; values that cannot be cloned become text', () => {
    // `extra` is no field of the code: details are plain data, and a caller may add more.
    const details = {
      file: 'app/x/page.tsx',
      route: '/x',
      parentParams: {},
      phase: 'call' as const,
      index: 0,
      cause: new RangeError('out of range'),
      extra: () => 1,
    };
    const original = kilnError('PARAMS_GSP_FAILED', details);
    const revived = reviveError(fromWireError(acrossThreads(toWireError(original)))) as KilnError;
    expect(revived.message).toBe(original.message);
    expect(revived.details.cause).toBeInstanceOf(RangeError);
    expect(typeof revived.details.extra).toBe('string');
  });

  test('a network failure stays recognisable as one', () => {
    const error = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }) });
    const back = fromWireError(acrossThreads(toWireError(error)));
    expect(back).toBeInstanceOf(TypeError);
    expect(back.message).toBe('fetch failed');
    expect((back.cause as { code?: string }).code).toBe('ECONNREFUSED');
    expect(isNetworkError(back)).toBe(true);
  });
});

describe('requests and responses between threads', () => {
  test('a request keeps method, url, sorted headers, body, cache mode and revalidate', async () => {
    const wire = acrossThreads(
      await toWireRequest('http://api.test/a?b=1', {
        method: 'POST',
        headers: { 'X-B': '2', accept: 'text/plain' },
        body: 'payload',
        cache: 'no-store',
        next: { revalidate: 0 },
      } as RequestInit),
    );
    expect({ ...wire, body: new TextDecoder().decode(wire.body!) }).toEqual({
      url: 'http://api.test/a?b=1',
      method: 'POST',
      headers: [
        ['accept', 'text/plain'],
        ['content-type', 'text/plain;charset=UTF-8'],
        ['x-b', '2'],
      ],
      body: 'payload',
      cache: 'no-store',
      redirect: 'follow',
      revalidate: 0,
    });
  });

  test('a response keeps status, headers, url and body', async () => {
    const response = new Response('{"ok":true}', { status: 201, statusText: 'Made', headers: { 'content-type': 'application/json' } });
    const back = fromWireResponse(acrossThreads(await toWireResponse(response)));
    expect([back.status, back.statusText, back.headers.get('content-type'), await back.json()]).toEqual([
      201,
      'Made',
      'application/json',
      { ok: true },
    ]);
  });
});
