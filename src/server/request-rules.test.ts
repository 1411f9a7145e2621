import { describe, expect, it } from 'vitest';
import { NO_RULES, type RequestRules } from '../output/request-rules.ts';
import { compileRules, type RequestFacts } from './request-rules.ts';

function facts(target: string, headers: Record<string, string> = {}, basePath = ''): RequestFacts {
  const q = target.indexOf('?');
  const path = q === -1 ? target : target.slice(0, q);
  return {
    pathname: path,
    fullPathname: `${basePath}${path}`,
    search: q === -1 ? '' : target.slice(q),
    header: (name) => headers[name] ?? null,
  };
}

const rules = (partial: Partial<RequestRules> & { beforeFiles?: RequestRules['rewrites']['beforeFiles']; afterFiles?: RequestRules['rewrites']['afterFiles'] }): RequestRules => ({
  ...NO_RULES,
  ...partial,
  rewrites: { beforeFiles: partial.beforeFiles ?? [], afterFiles: partial.afterFiles ?? [], fallback: [] },
});

describe('redirects', () => {
  const compiled = compileRules(
    rules({
      redirects: [
        { source: '/old-blog/:slug', destination: '/blog/:slug', permanent: true },
        { source: '/docs/:path*', destination: '/guide/:path*', permanent: false },
        { source: '/teapot', destination: 'https://example.com/tea', statusCode: 301 },
        { source: '/beta', has: [{ type: 'cookie', key: 'beta', value: '(?<flag>yes|no)' }], destination: '/beta/:flag', permanent: false },
        { source: '/mobile', missing: [{ type: 'header', key: 'x-desktop' }], destination: '/m', permanent: false },
      ],
    }),
    '',
  );

  it('substitutes parameters, keeps the query and picks 308, 307 or the status code', () => {
    expect(compiled.redirect(facts('/old-blog/hello?ref=x'))).toEqual({ status: 308, location: '/blog/hello?ref=x' });
    expect(compiled.redirect(facts('/docs/a/b'))).toEqual({ status: 307, location: '/guide/a/b' });
    expect(compiled.redirect(facts('/docs'))).toEqual({ status: 307, location: '/guide' });
    expect(compiled.redirect(facts('/teapot'))).toEqual({ status: 301, location: 'https://example.com/tea' });
  });

  it('matches whole paths only, trailing slash included', () => {
    expect(compiled.redirect(facts('/old-blog/hello/more'))).toBeNull();
    expect(compiled.redirect(facts('/old-blog/hello/'))).toBeNull();
    expect(compiled.redirect(facts('/elsewhere'))).toBeNull();
  });

  it('tests has and missing, with named groups of a value', () => {
    expect(compiled.redirect(facts('/beta', { cookie: 'a=1; beta=yes' }))).toEqual({ status: 307, location: '/beta/yes' });
    expect(compiled.redirect(facts('/beta', { cookie: 'beta=maybe' }))).toBeNull();
    expect(compiled.redirect(facts('/mobile'))).toEqual({ status: 307, location: '/m' });
    expect(compiled.redirect(facts('/mobile', { 'x-desktop': '1' }))).toBeNull();
  });

  it('puts the base path in front of a local destination, unless the rule opts out', () => {
    const based = compileRules(
      rules({ redirects: [{ source: '/a', destination: '/b', permanent: true }, { source: '/docs/x', destination: '/y', permanent: true, basePath: false }] }),
      '/docs',
    );
    expect(based.redirect(facts('/a', {}, '/docs'))).toEqual({ status: 308, location: '/docs/b' });
    expect(based.redirect(facts('/x', {}, '/docs'))).toEqual({ status: 308, location: '/y' });
  });
});

describe('rewrites', () => {
  const compiled = compileRules(
    rules({
      beforeFiles: [{ source: '/', has: [{ type: 'query', key: 'lang', value: 'de' }], destination: '/de' }],
      afterFiles: [
        { source: '/about-us', destination: '/about' },
        { source: '/api/:path*', destination: 'https://api.example.com/:path*' },
      ],
    }),
    '',
  );

  it('sends a request to another path of the app, with the query', () => {
    expect(compiled.rewrite('beforeFiles', facts('/?lang=de'))).toEqual({ kind: 'internal', pathname: '/de', search: '?lang=de' });
    expect(compiled.rewrite('beforeFiles', facts('/?lang=fr'))).toBeNull();
    expect(compiled.rewrite('afterFiles', facts('/about-us'))).toEqual({ kind: 'internal', pathname: '/about', search: '' });
  });

  it('sends a request to another origin', () => {
    expect(compiled.rewrite('afterFiles', facts('/api/users/7?x=1'))).toEqual({ kind: 'external', url: 'https://api.example.com/users/7?x=1' });
    expect(compiled.rewrite('fallback', facts('/api/users'))).toBeNull();
  });
});

describe('headers', () => {
  it('gives every matching rule\'s headers in order, with parameters', () => {
    const compiled = compileRules(
      rules({
        headers: [
          { source: '/(.*)', headers: [{ key: 'X-Frame-Options', value: 'DENY' }] },
          { source: '/blog/:slug', headers: [{ key: 'x-slug', value: ':slug' }, { key: 'x-frame-options', value: 'SAMEORIGIN' }] },
        ],
      }),
      '',
    );
    expect(compiled.headers(facts('/blog/hi'))).toEqual([
      ['x-frame-options', 'DENY'],
      ['x-slug', 'hi'],
      ['x-frame-options', 'SAMEORIGIN'],
    ]);
    expect(compiled.headers(facts('/'))).toEqual([['x-frame-options', 'DENY']]);
  });
});

describe('middleware matchers', () => {
  it('test paths with the same patterns, has and missing as the rules, never Kiln\'s own files', async () => {
    const { compileMatcher } = await import('./middleware.ts');
    const matches = compileMatcher([{ source: '/((?!api|favicon.ico).*)' }, { source: '/api/:path*', has: [{ type: 'header', key: 'x-auth' }] }]);
    expect(matches(facts('/blog/a'))).toBe(true);
    expect(matches(facts('/favicon.ico'))).toBe(false);
    expect(matches(facts('/api/x'))).toBe(false);
    expect(matches(facts('/api/x', { 'x-auth': '1' }))).toBe(true);
    expect(matches(facts('/_kiln/assets/app.js'))).toBe(false);
  });
});
