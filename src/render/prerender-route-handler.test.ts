import { describe, expect, it } from 'vitest';
import { prerenderRouteHandler } from './prerender-route-handler.ts';
import { decodeResponseFile, encodeResponseFile } from './response-file.ts';

const decoder = new TextDecoder();

function entry(answer: (request: Request) => Response) {
  const seen: string[] = [];
  return {
    seen,
    handler: async (request: Request) => {
      seen.push(`${request.method} ${request.url} cookie=${request.headers.get('cookie')}`);
      return answer(request);
    },
  };
}

describe('prerenderRouteHandler', () => {
  it('writes the GET response of a generated path to pages/<path>.response', async () => {
    const e = entry(
      () =>
        new Response('<rss>c++</rss>', {
          headers: { 'content-type': 'application/rss+xml', 'set-cookie': 'a=b', 'cache-control': 'no-store', 'x-feed': '1' },
        }),
    );
    const out = await prerenderRouteHandler(e, '/tags/c%2B%2B/feed.xml');
    expect(e.seen).toEqual(['GET http://localhost/tags/c%2B%2B/feed.xml cookie=null']);
    expect(out.status).toBe(200);
    expect(out.files.map((f) => f.path)).toEqual(['pages/tags/c%2B%2B/feed.xml.response']);
    const stored = decodeResponseFile(out.files[0].data)!;
    // Per-visitor and per-transfer headers are not stored; the server sets cache-control itself.
    expect([stored.status, stored.headers, decoder.decode(stored.body)]).toEqual([
      200,
      { 'content-type': 'application/rss+xml', 'x-feed': '1' },
      '<rss>c++</rss>',
    ]);
  });

  it("calls the handler at its public URL, under the bundle's base path; the file name has none", async () => {
    const e = { ...entry(() => new Response('x')), urlConfig: { basePath: '/docs', trailingSlash: false } };
    const out = await prerenderRouteHandler(e, '/feed.xml');
    expect(e.seen).toEqual(['GET http://localhost/docs/feed.xml cookie=null']);
    expect(out.files.map((f) => f.path)).toEqual(['pages/feed.xml.response']);
  });

  it('writes nothing for a status other than 200 or a redirect', async () => {
    const out = await prerenderRouteHandler(entry(() => new Response('gone', { status: 404 })), '/feeds/x');
    expect(out).toEqual({ status: 404, files: [] });
  });

  it('writes a redirect with its Location, as it is the same for every visitor', async () => {
    const out = await prerenderRouteHandler(entry(() => new Response(null, { status: 308, headers: { location: '/feeds/y' } })), '/feeds/x');
    expect(out.status).toBe(308);
    const stored = decodeResponseFile(out.files[0].data)!;
    expect([stored.status, stored.headers.location, stored.body.byteLength]).toEqual([308, '/feeds/y', 0]);
  });

  it('puts the root path at pages/@index.response', async () => {
    const out = await prerenderRouteHandler(entry(() => new Response('root')), '/');
    expect(out.files.map((f) => f.path)).toEqual(['pages/@index.response']);
  });

  it('refuses a path that would leave pages/', async () => {
    for (const bad of ['/a/../b', '/a//b', '/./x']) {
      await expect(prerenderRouteHandler(entry(() => new Response('x')), bad)).rejects.toThrow(
        `refusing to write a prerendered response for ${JSON.stringify(bad)}: it would leave pages/`,
      );
    }
  });
});

describe('response files', () => {
  it('round-trip binary bodies, and refuse what is not one', () => {
    const body = Uint8Array.from({ length: 256 }, (_, i) => i);
    const bytes = encodeResponseFile({ status: 200, headers: { 'content-type': 'image/png' }, body });
    expect(decodeResponseFile(bytes)).toEqual({ status: 200, headers: { 'content-type': 'image/png' }, body });
    expect(decodeResponseFile(new TextEncoder().encode('no header line'))).toBeNull();
    expect(decodeResponseFile(new TextEncoder().encode('{"status":"x"}\nbody'))).toBeNull();
  });
});
