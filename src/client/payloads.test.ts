import { describe, expect, test } from 'vitest';
import type { Payload } from '../render/types.ts';
import { createPayloadLoader, PayloadError, payloadRequestUrl } from './payloads.ts';

function payloadFor(url: string): Payload {
  return { root: null, pathname: url, params: {}, status: 200 };
}

function setup(respond: (url: string) => Response | Promise<Response> = () => new Response('flight', { headers: { 'content-type': 'text/x-component' } })) {
  const fetched: string[] = [];
  let time = 1000;
  const loader = createPayloadLoader({
    basePath: '/docs',
    ttlMs: 30_000,
    now: () => time,
    fetch: async (url, init) => {
      fetched.push(url);
      expect(init.headers).toEqual({ accept: 'text/x-component' });
      return respond(url);
    },
    decode: async (response) => payloadFor(response.url || (await response.text())),
  });
  return { loader, fetched, advance: (ms: number) => (time += ms) };
}

test('payload URLs mirror the page path below the base path', () => {
  expect(payloadRequestUrl('/', '')).toBe('/_kiln/rsc.rsc');
  expect(payloadRequestUrl('/a/b/', '')).toBe('/_kiln/rsc/a/b.rsc');
  expect(payloadRequestUrl('/tags/c++', '/docs')).toBe('/docs/_kiln/rsc/tags/c++.rsc');
});

describe('prefetching', () => {
  test('a prefetched payload serves the next load without another request, until it expires', async () => {
    const { loader, fetched, advance } = setup();
    loader.prefetch('/about');
    loader.prefetch('/about');
    await loader.load('/about');
    expect(fetched).toEqual(['/docs/_kiln/rsc/about.rsc']);
    advance(29_999);
    await loader.load('/about');
    expect(fetched).toHaveLength(1);
    advance(1);
    await loader.load('/about');
    expect(fetched).toHaveLength(2);
  });

  test('a load without a prefetch fetches every time, and clear() forgets prefetches', async () => {
    const { loader, fetched } = setup();
    await loader.load('/a');
    await loader.load('/a');
    loader.prefetch('/b');
    loader.clear();
    await loader.load('/b');
    expect(fetched).toEqual(['/docs/_kiln/rsc/a.rsc', '/docs/_kiln/rsc/a.rsc', '/docs/_kiln/rsc/b.rsc', '/docs/_kiln/rsc/b.rsc']);
  });

  test('a failed prefetch is forgotten, so the click asks again', async () => {
    let fail = true;
    const { loader, fetched } = setup(() => (fail ? new Response('no', { status: 503 }) : new Response('ok')));
    loader.prefetch('/x');
    // The click while the prefetch is in flight shares its request, and its failure.
    await expect(loader.load('/x')).rejects.toThrow('status 503');
    expect(fetched).toHaveLength(1);
    fail = false;
    await expect(loader.load('/x')).resolves.toMatchObject({ status: 200 });
    expect(fetched).toHaveLength(2);
  });
});

describe('failures reject with PayloadError, for the router to answer with a document load', () => {
  test.each([
    ['a status other than 2xx', () => new Response('missing', { status: 404 }), 'status 404'],
    ['an HTML fallback page', () => new Response('<!doctype html>', { headers: { 'content-type': 'text/html; charset=utf-8' } }), 'got text/html; charset=utf-8 instead of a Flight payload'],
    [
      'a redirect',
      () => {
        const response = new Response('flight');
        Object.defineProperty(response, 'redirected', { value: true });
        Object.defineProperty(response, 'url', { value: 'http://x/_kiln/rsc/login.rsc' });
        return response;
      },
      'redirected to http://x/_kiln/rsc/login.rsc',
    ],
    [
      'a network error',
      () => {
        throw new TypeError('Failed to fetch');
      },
      'Failed to fetch',
    ],
  ])('%s', async (_name, respond, reason) => {
    const { loader } = setup(respond as () => Response);
    const error = await loader.load('/p').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PayloadError);
    expect((error as Error).message).toBe(`Could not load the page payload /docs/_kiln/rsc/p.rsc: ${reason}`);
  });
});

describe('a response already fetched', () => {
  test('is decoded without a request, with the same checks as a load', async () => {
    const { loader, fetched } = setup();
    const ok = new Response('given flight', { headers: { 'content-type': 'text/x-component' } });
    expect(await loader.fromResponse('/a', ok)).toEqual(payloadFor('given flight'));
    const html = new Response('<!doctype html>', { headers: { 'content-type': 'text/html' } });
    await expect(loader.fromResponse('/a', html)).rejects.toThrow(
      new PayloadError('/docs/_kiln/rsc/a.rsc', 'got text/html instead of a Flight payload'),
    );
    expect(fetched).toEqual([]);
  });
});
