import { expect, test } from 'vitest';
import { isNotFoundError, isRedirectError, notFound, permanentRedirect, redirect, redirectInfo, RedirectType, ReadonlyURLSearchParams } from './navigation.ts';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('did not throw');
}

test('redirect() and permanentRedirect() throw errors with the digest Next.js writes', () => {
  const temporary = thrown(() => redirect('/login?next=/a;b'));
  expect((temporary as { digest: string }).digest).toBe('NEXT_REDIRECT;replace;/login?next=/a;b;307;');
  expect(redirectInfo(temporary)).toEqual({ url: '/login?next=/a;b', status: 307, type: RedirectType.replace });
  const permanent = thrown(() => permanentRedirect('https://example.com/', RedirectType.push));
  expect(redirectInfo(permanent)).toEqual({ url: 'https://example.com/', status: 308, type: RedirectType.push });
  expect(isRedirectError(permanent)).toBe(true);
  expect(isNotFoundError(permanent)).toBe(false);
});

test('errors are recognised by digest, whichever copy of the module made them', () => {
  expect(isRedirectError({ digest: 'NEXT_REDIRECT;push;/x;307;' })).toBe(true);
  expect(isRedirectError({ digest: 'NEXT_REDIRECT;push' })).toBe(false);
  expect(isRedirectError(new Error('NEXT_REDIRECT'))).toBe(false);
  expect(isNotFoundError(thrown(() => notFound()))).toBe(true);
  expect(isNotFoundError({ digest: 'NEXT_HTTP_ERROR_FALLBACK;404' })).toBe(true);
  expect(isNotFoundError(null)).toBe(false);
});

test('redirect() refuses an empty target', () => {
  expect(() => redirect('')).toThrow('redirect() needs a non-empty URL string; got "".');
});

test('useSearchParams() values are read-only', () => {
  const params = new ReadonlyURLSearchParams('a=1&b=2');
  expect(params.get('a')).toBe('1');
  expect([...params.keys()]).toEqual(['a', 'b']);
  expect(() => params.set()).toThrow('read-only');
  expect(() => params.append()).toThrow('read-only');
});
