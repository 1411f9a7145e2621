import { describe, expect, it, test } from 'vitest';
import { NextRequest, NextResponse, userAgent } from './server.ts';

test('NextResponse.json and redirect build Web responses', async () => {
  const json = NextResponse.json({ ok: true }, { status: 201, headers: { 'x-a': '1' } });
  expect(json).toBeInstanceOf(Response);
  expect(json.status).toBe(201);
  expect(json.headers.get('content-type')).toBe('application/json');
  expect(json.headers.get('x-a')).toBe('1');
  expect(await json.json()).toEqual({ ok: true });

  const moved = NextResponse.redirect(new URL('https://example.com/new'), 308);
  expect(moved.status).toBe(308);
  expect(moved.headers.get('location')).toBe('https://example.com/new');
  expect(NextResponse.redirect('/x').status).toBe(307);
});

test('response cookies become Set-Cookie headers', () => {
  const response = new NextResponse('hi');
  response.cookies.set('theme', 'dark mode', { httpOnly: true, maxAge: 60, sameSite: 'lax' });
  response.cookies.set({ name: 'seen', value: '1', path: '/blog' });
  response.cookies.delete('old');
  expect(response.headers.getSetCookie()).toEqual([
    'theme=dark%20mode; Path=/; Max-Age=60; HttpOnly; SameSite=Lax',
    'seen=1; Path=/blog',
    'old=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
  ]);
  expect(response.cookies.get('theme')?.value).toBe('dark mode');
});

test('NextRequest has nextUrl and cookies', () => {
  const request = new NextRequest('https://example.com/search?q=kiln', {
    headers: { cookie: 'a=1; b=two%20words; a=ignored', 'user-agent': 'Googlebot/2.1' },
  });
  expect(request.nextUrl.pathname).toBe('/search');
  expect(request.nextUrl.searchParams.get('q')).toBe('kiln');
  expect(request.cookies.get('a')).toEqual({ name: 'a', value: '1' });
  expect(request.cookies.get('b')?.value).toBe('two words');
  expect(request.cookies.getAll().map((c) => c.name)).toEqual(['a', 'b']);
  expect(request.cookies.has('c')).toBe(false);
  expect(userAgent(request)).toEqual({ ua: 'Googlebot/2.1', isBot: true });
  // A plain Request becomes a NextRequest with its body and method.
  const wrapped = new NextRequest(new Request('http://x/y', { method: 'POST', body: 'data' }));
  expect(wrapped.method).toBe('POST');
});

test('nextUrl.pathname is the app path, without the base path, as in Next.js', () => {
  const nextConfig = { basePath: '/docs' };
  const request = new NextRequest('https://example.com/docs/api/items?page=2', { nextConfig });
  expect(request.nextUrl.pathname).toBe('/api/items');
  expect(request.nextUrl.basePath).toBe('/docs');
  expect(request.nextUrl.href).toBe('https://example.com/docs/api/items?page=2');
  expect(request.nextUrl.searchParams.get('page')).toBe('2');
  expect(new NextRequest('https://example.com/docs', { nextConfig }).nextUrl.pathname).toBe('/');
  expect(new NextRequest('https://example.com/docs/', { nextConfig }).nextUrl.pathname).toBe('/');

  // Setting the pathname keeps the base path in the URL; a clone keeps it too.
  const url = request.nextUrl.clone();
  url.pathname = '/login';
  expect(url.href).toBe('https://example.com/docs/login?page=2');
  expect(url.pathname).toBe('/login');
  url.pathname = '/';
  expect(url.href).toBe('https://example.com/docs?page=2');
  expect(request.nextUrl.pathname).toBe('/api/items');

  // A URL outside the base path is left whole.
  const outside = new NextRequest('https://example.com/docsx/a', { nextConfig }).nextUrl;
  expect([outside.pathname, outside.basePath]).toEqual(['/docsx/a', '']);
  // Without a base path (the app's, under plain Node: none), nothing changes.
  expect(new NextRequest('https://example.com/docs/a').nextUrl.pathname).toBe('/docs/a');
});

describe('NextResponse for middleware', () => {
  it('next() carries its headers and the request headers the page should read', async () => {
    const { decodeMiddlewareAnswer } = await import('../server/middleware.ts');
    const requestHeaders = new Headers({ 'x-user': 'ada' });
    const answer = NextResponse.next({ request: { headers: requestHeaders }, headers: { 'x-from': 'middleware' } });
    answer.cookies.set('seen', '1');
    answer.cookies.set('lang', 'en');
    const outcome = decodeMiddlewareAnswer(answer);
    expect(outcome.kind).toBe('next');
    if (outcome.kind !== 'next') return;
    expect(outcome.headers).toEqual([
      ['x-from', 'middleware'],
      ['set-cookie', 'seen=1; Path=/'],
      ['set-cookie', 'lang=en; Path=/'],
    ]);
    expect(outcome.requestHeaders?.get('x-user')).toBe('ada');
  });

  it('rewrite() names the URL to serve; a redirect or any other response is the answer', async () => {
    const { decodeMiddlewareAnswer } = await import('../server/middleware.ts');
    const rewrite = decodeMiddlewareAnswer(NextResponse.rewrite(new URL('http://x/en/about')));
    expect(rewrite).toEqual({ kind: 'rewrite', url: 'http://x/en/about', headers: [], requestHeaders: null });
    const redirect = decodeMiddlewareAnswer(NextResponse.redirect(new URL('http://x/en')));
    expect(redirect.kind).toBe('respond');
    expect(decodeMiddlewareAnswer(undefined)).toEqual({ kind: 'next', headers: [], requestHeaders: null });
  });
});
