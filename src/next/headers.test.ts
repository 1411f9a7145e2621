import { afterEach, expect, test } from 'vitest';
import { runInHandlerScope } from '../render/handler-scope.ts';
import { createRenderStore, runWithStore, setBuildFetch } from '../render/render-store.ts';
import { cookies, draftMode, headers } from './headers.ts';

const request = (): Request => new Request('http://localhost/a', { headers: { cookie: 'theme=dark; a=%20b', 'x-user': 'ana' } });

afterEach(() => setBuildFetch(undefined));

test('a page rendered for a request reads its headers and cookies, sync and awaited', async () => {
  const store = createRenderStore();
  store.request = request();
  await runWithStore(store, async () => {
    expect(headers().get('x-user')).toBe('ana');
    expect((await headers()).get('x-user')).toBe('ana');
    expect(cookies().get('theme')).toEqual({ name: 'theme', value: 'dark' });
    expect((await cookies()).get('a')?.value).toBe(' b');
    expect(cookies().getAll().map((c) => c.name)).toEqual(['theme', 'a']);
    expect([cookies().has('theme'), cookies().has('zzz'), cookies().size]).toEqual([true, false, 2]);
  });
  expect(store.dynamicApi).toBeUndefined();
});

test("a page's headers and cookies are read-only, with a message that says where writing works", async () => {
  const store = createRenderStore();
  store.request = request();
  await runWithStore(store, async () => {
    expect(() => cookies().set('theme', 'light')).toThrow(/cookies\(\)\.set\(\) works only in a route handler/);
    expect(() => cookies().delete('theme')).toThrow(/cookies\(\)\.delete\(\) works only in a route handler/);
    expect(() => headers().set('x-user', 'bo')).toThrow("headers().set() was called, but headers() are the request's and cannot be changed.");
  });
});

test('while the build prerenders, they read empty and mark the render dynamic, naming the first API', async () => {
  setBuildFetch(fetch);
  const store = createRenderStore();
  await runWithStore(store, async () => {
    expect((await cookies()).get('theme')).toBeUndefined();
    expect([...headers().keys()]).toEqual([]);
  });
  expect(store.dynamicApi).toBe('cookies()');
});

test("under dynamic = 'force-static' they read empty and the render stays static, even with a request", async () => {
  setBuildFetch(fetch);
  const store = createRenderStore();
  store.dynamic = 'force-static';
  store.request = request();
  await runWithStore(store, async () => {
    expect(cookies().size).toBe(0);
    expect(headers().get('x-user')).toBeNull();
  });
  expect(store.dynamicApi).toBeUndefined();
});

test("under dynamic = 'error' they throw, naming the API", async () => {
  const store = createRenderStore();
  store.dynamic = 'error';
  await runWithStore(store, async () => {
    expect(() => headers()).toThrow(/headers\(\) reads the request, but this route says export const dynamic = 'error'/);
  });
});

test('outside a request they throw', () => {
  expect(() => cookies()).toThrow(/cookies\(\) was called outside a request/);
});

test('in a route handler, set and delete become Set-Cookie headers, and later reads see them', async () => {
  const response = await runInHandlerScope(request(), async () => {
    const store = await cookies();
    store.set('visited', 'yes', { httpOnly: true, maxAge: 60 });
    cookies().delete('theme');
    expect(cookies().get('visited')?.value).toBe('yes');
    expect(cookies().get('theme')).toBeUndefined();
    expect(cookies().getAll().map((c) => c.name)).toEqual(['a', 'visited']);
    expect(headers().get('x-user')).toBe('ana');
    // An immutable response (Response.redirect) is copied to add the cookies.
    return Response.redirect('http://localhost/b', 307);
  });
  expect([response.status, response.headers.get('location')]).toEqual([307, 'http://localhost/b']);
  expect(response.headers.getSetCookie()).toEqual([
    'visited=yes; Path=/; Max-Age=60; HttpOnly',
    'theme=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
  ]);
});

test('draftMode() is never enabled', async () => {
  expect(draftMode().isEnabled).toBe(false);
  expect((await draftMode()).isEnabled).toBe(false);
});
