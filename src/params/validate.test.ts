import { describe, expect, it } from 'vitest';
import { generateRouteParams } from './walk.ts';
import { isPlainObject, routeParams } from './validate.ts';
import { collect, page, rejection, testApp } from './test-app.ts';

/** One route with the given gSP in its page. */
function run(dir: string, gsp: unknown) {
  const file = `app/${dir}/page.tsx`;
  const app = testApp({ [file]: page({ generateStaticParams: gsp }) });
  return collect(generateRouteParams(app.tree.routes[0], { load: app.load }));
}

async function messageOf(dir: string, gsp: unknown): Promise<string> {
  return (await rejection(run(dir, gsp))).message;
}

describe('what gSP returns must be a list (an iterable or async iterable also works)', () => {
  const expected = (got: string, hint: string) =>
    `app/shop/[id]/page.tsx: generateStaticParams() for route /shop/[id] returned ${got}; expected an array of ` +
    `params objects (an iterable or async iterable also works). Hint: ${hint}`;

  it.each([
    ['a string', () => 'abc', expected('"abc" (string)', "A string is not a list of params; return an array of objects, e.g. [{ id: 'a' }].")],
    ['a number', () => 42, expected('42 (number)', "Return an array of objects, one per page, e.g. [{ id: 'a' }].")],
    ['an object', () => ({ id: '1' }), expected('{ id: "1" } (object)', "Return an array of objects, one per page, e.g. [{ id: 'a' }].")],
    ['null', () => null, expected('null (null)', "Return an array of objects, one per page, e.g. [{ id: 'a' }].")],
    ['undefined', () => undefined, expected('undefined (undefined)', "Return the array, e.g. return [{ id: 'a' }].")],
    ['a promise of a string', async () => 'abc', expected('"abc" (string)', "A string is not a list of params; return an array of objects, e.g. [{ id: 'a' }].")],
  ])('refuses %s', async (_, gsp, message) => {
    const error = await rejection(run('shop/[id]', gsp));
    expect(error).toMatchObject({ code: 'PARAMS_RESULT_NOT_ITERABLE', message });
  });

  it('accepts an array, a Set, a sync generator and an async generator', async () => {
    const paths = async (gsp: unknown) => (await run('t/[id]', gsp)).map((e) => e.pathname);
    expect(await paths(() => [{ id: 'a' }, { id: 'b' }])).toEqual(['/t/a', '/t/b']);
    expect(await paths(() => new Set([{ id: 'a' }]))).toEqual(['/t/a']);
    expect(
      await paths(function* () {
        yield { id: 'a' };
        yield { id: 'b' };
      }),
    ).toEqual(['/t/a', '/t/b']);
    expect(
      await paths(async function* () {
        yield { id: 'a' };
        await Promise.resolve();
        yield { id: 'b' };
      }),
    ).toEqual(['/t/a', '/t/b']);
  });

  it.each([
    ['null', null, 'null', 'null'],
    ['an array', ['1'], '["1"]', 'array'],
    ['a string', '1', '"1"', 'string'],
    ['a class instance', new (class Post { id = '1'; })(), '[Post]', 'Post'],
    ['a Map', new Map([['id', '1']]), '[Map]', 'Map'],
  ])('refuses an item that is %s', async (_, item, shown, type) => {
    const error = await rejection(run('shop/[id]', () => [{ id: 'ok' }, item]));
    expect(error).toMatchObject({
      code: 'PARAMS_ITEM_NOT_OBJECT',
      message:
        `app/shop/[id]/page.tsx: generateStaticParams() for route /shop/[id] returned ${shown} at index 1; ` +
        `expected a plain object of params (got ${type}). Hint: Return objects such as { id: 'a' }.`,
    });
  });

  it('accepts an object without a prototype', async () => {
    const item = Object.assign(Object.create(null) as object, { id: 'x' });
    expect((await run('t/[id]', () => [item])).map((e) => e.pathname)).toEqual(['/t/x']);
    expect(isPlainObject(item)).toBe(true);
    expect(isPlainObject(new Date())).toBe(false);
  });
});

describe('values are checked without coercion', () => {
  it('{ id: 1 } names id, string and number', async () => {
    expect(await messageOf('shop/[id]', () => [{ id: 1 }])).toBe(
      'app/shop/[id]/page.tsx: generateStaticParams() for route /shop/[id] returned { id: 1 } at index 0; ' +
        '"id" must be a string (got number). Hint: Return { id: String(value) }.',
    );
  });

  it.each([
    ['shop/[id]', { id: '' }, '"id" must be a non-empty string (got "").', 'An empty value would make an empty URL segment; leave this item out or give it a value.'],
    ['shop/[id]', { id: '.' }, '"id" must not be "." or ".." or contain a NUL character (got ".").', 'Such a URL part resolves to another path or cannot be requested; leave this item out.'],
    ['shop/[id]', { id: '..' }, '"id" must not be "." or ".." or contain a NUL character (got "..").', 'Such a URL part resolves to another path or cannot be requested; leave this item out.'],
    ['shop/[id]', { id: 'a\0b' }, '"id" must not be "." or ".." or contain a NUL character (got "a\\u0000b").', 'Such a URL part resolves to another path or cannot be requested; leave this item out.'],
    ['shop/[id]', { id: ['a'] }, '"id" must be a string (got array).', '[id] takes one URL part; use [...id] for several parts.'],
    ['shop/[id]', { id: null }, '"id" must be a string (got null).', "Return { id: '…' } with a string value."],
    ['docs/[...slug]', { slug: 'a/b' }, '"slug" must be a non-empty array of strings (got string).', "Return { slug: [value] } for one part, or { slug: value.split('/') } for several."],
    ['docs/[...slug]', { slug: [] }, '"slug" must be a non-empty array of strings (got []).', 'A catch-all needs at least one part; use [[...slug]] to also prerender the URL without parts, or leave this item out.'],
    ['docs/[...slug]', { slug: ['a', ''] }, '"slug"[1] must be a non-empty string (got "").', 'An empty value would make an empty URL segment; leave this item out or give it a value.'],
    ['docs/[...slug]', { slug: ['a', '..'] }, '"slug"[1] must not be "." or ".." or contain a NUL character (got "..").', 'Such a URL part resolves to another path or cannot be requested; leave this item out.'],
    ['docs/[...slug]', { slug: ['.', 'a'] }, '"slug"[0] must not be "." or ".." or contain a NUL character (got ".").', 'Such a URL part resolves to another path or cannot be requested; leave this item out.'],
    ['docs/[...slug]', { slug: ['a', 2] }, '"slug"[1] must be a string (got number).', 'Return { slug: parts.map(String) }.'],
    ['docs/[[...slug]]', { slug: null }, '"slug" must be an array of strings or undefined (got null).', "Return { slug: ['a', 'b'] } with an array of strings."],
    ['docs/[[...slug]]', { slug: 'a' }, '"slug" must be an array of strings or undefined (got string).', "Return { slug: [value] } for one part, or { slug: value.split('/') } for several."],
    ['docs/[[...slug]]', { slug: [''] }, '"slug"[0] must be a non-empty string (got "").', 'An empty value would make an empty URL segment; leave this item out or give it a value.'],
  ])('%s refuses %o', async (dir, item, problem, hint) => {
    const pattern = `/${dir}`;
    const shown = JSON.stringify(item)
      .replace(/"(\w+)":/g, '$1: ')
      .replace(/^\{/, '{ ')
      .replace(/\}$/, ' }')
      .replace(/,/g, ', ');
    expect(await messageOf(dir, () => [item])).toBe(
      `app/${dir}/page.tsx: generateStaticParams() for route ${pattern} returned ${shown} at index 0; ${problem} Hint: ${hint}`,
    );
  });

  it('an optional catch-all takes an empty array or undefined, and both mean the bare URL', async () => {
    const entries = await run('docs/[[...slug]]', () => [{ slug: [] }, {}, { slug: undefined }, { slug: ['a', 'b'] }]);
    expect(entries.map((e) => [e.pathname, e.params])).toEqual([
      ['/docs', {}],
      ['/docs/a/b', { slug: ['a', 'b'] }],
    ]);
  });

  it('values are decoded text; the pathname encodes them', async () => {
    const entries = await run('tags/[tag]', () => [{ tag: 'c++' }, { tag: 'hello world' }, { tag: '50%' }, { tag: 'ünï' }]);
    expect(entries.map((e) => e.pathname)).toEqual(['/tags/c%2B%2B', '/tags/hello%20world', '/tags/50%25', '/tags/%C3%BCn%C3%AF']);
    expect(entries[0].params).toEqual({ tag: 'c++' });
  });
});

describe('routeParams', () => {
  it('keeps only the route params, copies arrays and reports the first missing one', () => {
    const app = testApp({ 'app/[a]/[...b]/page.tsx': page() });
    const route = app.tree.routes[0];
    const parts = ['x', 'y'];
    const result = routeParams(route, { a: '1', b: parts, extra: 5 });
    expect(result).toEqual({ params: { a: '1', b: ['x', 'y'] } });
    expect('params' in result && result.params.b).not.toBe(parts);
    expect(routeParams(route, { b: ['x'] })).toEqual({ missing: route.params[0] });
    expect(routeParams(route, { a: '1' })).toEqual({ missing: route.params[1] });
  });
});
