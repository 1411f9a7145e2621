import { describe, expect, test } from 'vitest';
import { notFound, permanentRedirect, redirect } from '../next/navigation.ts';
import { NextRequest } from '../next/server.ts';
import type { RouteModule } from '../params/types.ts';
import { buildRouteTree, createMatcher } from '../routing/index.ts';
import { callRouteHandler } from './route-handler.ts';

const tree = buildRouteTree(['api/[id]/route.ts'], 'app');
const match = createMatcher(tree);

async function call(mod: RouteModule, request: Request): Promise<Response> {
  const found = match(new URL(request.url).pathname);
  if (found.kind !== 'found') throw new Error('no match');
  return callRouteHandler(found.route, found.params, request, async () => mod);
}

describe('callRouteHandler', () => {
  test('the handler gets a NextRequest with nextUrl and cookies, and awaitable params', async () => {
    let seen: unknown[] = [];
    const mod: RouteModule = {
      async GET(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
        seen = [
          req instanceof NextRequest,
          req.nextUrl.pathname,
          req.nextUrl.searchParams.get('q'),
          req.cookies.get('theme')?.value,
          req.cookies.has('missing'),
          req.headers.get('x-test'),
          (await params).id,
        ];
        return new Response('ok');
      },
    };
    const response = await call(mod, new Request('http://localhost/api/7?q=hello', { headers: { cookie: 'theme=dark%20mode; a=1', 'x-test': 'yes' } }));
    expect(await response.text()).toBe('ok');
    expect(seen).toEqual([true, '/api/7', 'hello', 'dark mode', false, 'yes', '7']);
  });

  test('the request body reaches the handler', async () => {
    const mod: RouteModule = {
      async POST(req: NextRequest) {
        return Response.json({ got: await req.json(), method: req.method, url: req.nextUrl.href });
      },
    };
    const response = await call(mod, new Request('http://localhost/api/1', { method: 'POST', body: JSON.stringify({ a: 1 }), headers: { 'content-type': 'application/json' } }));
    expect(await response.json()).toEqual({ got: { a: 1 }, method: 'POST', url: 'http://localhost/api/1' });
  });

  test('a NextRequest passed in is handed over as it is', async () => {
    const request = new NextRequest('http://localhost/api/2');
    let same = false;
    await call({ GET: (req: Request) => ((same = req === request), new Response('')) }, request);
    expect(same).toBe(true);
  });

  test('HEAD falls back to GET; a missing method answers 405 with Allow', async () => {
    const mod: RouteModule = { GET: () => new Response('x'), POST: () => new Response('y') };
    expect((await call(mod, new Request('http://localhost/api/3', { method: 'HEAD' }))).status).toBe(200);
    const refused = await call(mod, new Request('http://localhost/api/3', { method: 'DELETE' }));
    expect([refused.status, refused.headers.get('allow')]).toEqual([405, 'GET, HEAD, POST']);
  });

  test('redirect(), permanentRedirect() and notFound() thrown by a handler answer 307, 308 and an empty 404', async () => {
    const mod = (thrower: () => never): RouteModule => ({ GET: () => thrower() });
    const moved = await call(mod(() => redirect('/target?x=1')), new Request('http://localhost/api/4'));
    expect([moved.status, moved.headers.get('location'), await moved.text()]).toEqual([307, '/target?x=1', '']);
    const forever = await call(mod(() => permanentRedirect('https://example.com/a;b')), new Request('http://localhost/api/4'));
    expect([forever.status, forever.headers.get('location')]).toEqual([308, 'https://example.com/a;b']);
    const gone = await call({ async GET() { await Promise.resolve(); notFound(); } }, new Request('http://localhost/api/4'));
    expect([gone.status, await gone.text()]).toEqual([404, '']);
    await expect(call(mod(() => { throw new Error('boom'); }), new Request('http://localhost/api/4'))).rejects.toThrow('boom');
  });

  test('a handler that returns no Response is a catalog error naming the file, route, method and value', async () => {
    await expect(call({ POST: () => ({ ok: true }) }, new Request('http://localhost/api/4', { method: 'POST' }))).rejects.toThrow(
      'app/api/[id]/route.ts (route /api/[id]): POST returned { ok: true } (object); expected a Response. ' +
        'Hint: Return a Response from POST, e.g. return Response.json(data) or return new Response(text).',
    );
  });

  test('a route without dynamic segments gives its handler no params', async () => {
    const own = buildRouteTree(['health/route.ts'], 'app');
    const found = createMatcher(own)('/health');
    if (found.kind !== 'found') throw new Error('no match');
    let context: unknown;
    await callRouteHandler(found.route, found.params, new Request('http://localhost/health'), async () => ({
      GET: (_req: Request, ctx: unknown) => ((context = ctx), new Response('ok')),
    }));
    expect(context).toEqual({ params: undefined });
  });
});
