import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { href } from './href.ts';
import { createMatcher } from './match.ts';
import { buildRouteTree } from './tree.ts';
import type { Params, Route } from './types.ts';

// No route here can shadow another for any values (no static sibling of a dynamic folder), so
// every href must come back to its own route.
const tree = buildRouteTree([
  'page.tsx',
  'blog/[slug]/page.tsx',
  'blog/[slug]/comments/[commentId]/page.tsx',
  'shop/[category]/[product]/page.tsx',
  'docs/[...path]/page.tsx',
  'files/[[...path]]/page.tsx',
  '(marketing)/promo/[code]/page.tsx',
  'u/[user]/page.tsx',
  'u/[user]/[...rest]/page.tsx',
  'api/[id]/route.ts',
  'a b/%5Fx/[[...tail]]/page.tsx',
]);
const match = createMatcher(tree);

const tricky = ['%', '/', ' ', '+', '#', '?', '.', '&', '=', '~', '\\', '😀', 'é', '✓', '%2F', '%25', 'a', 'Z', '0'];
/** Values the params layer accepts: non-empty, not `.` or `..`, no NUL. */
const value = fc
  .oneof(
    fc.string({ unit: fc.constantFrom(...tricky), minLength: 1, maxLength: 8 }),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 }),
  )
  .filter((v) => v !== '.' && v !== '..' && !v.includes('\0'));

function paramsFor(route: Route): fc.Arbitrary<Params> {
  const entries: Record<string, fc.Arbitrary<string | string[] | undefined>> = {};
  for (const def of route.params) {
    if (def.kind === 'dynamic') entries[def.name] = value;
    else if (def.kind === 'catchAll') entries[def.name] = fc.array(value, { minLength: 1, maxLength: 4 });
    // Absent stays absent; [] is also a valid way to say "no parts".
    else entries[def.name] = fc.option(fc.array(value, { maxLength: 4 }), { nil: undefined });
  }
  const required = route.params.filter((d) => d.kind !== 'optionalCatchAll').map((d) => d.name);
  return fc.record(entries, { requiredKeys: required }).map((record) => {
    const params: Params = {};
    for (const [k, v] of Object.entries(record)) if (v !== undefined) params[k] = v;
    return params;
  });
}

/** What match gives back: an empty optional catch-all is absent. */
function expectedParams(route: Route, params: Params): Params {
  const out: Params = {};
  for (const def of route.params) {
    const v = params[def.name];
    if (v === undefined || (Array.isArray(v) && v.length === 0)) continue;
    out[def.name] = v;
  }
  return out;
}

describe('match(href(route, params)) round-trips', () => {
  it('returns the same route and the same params', () => {
    const routeAndParams = fc
      .constantFrom(...tree.routes)
      .chain((route) => paramsFor(route).map((params) => [route, params] as const));
    fc.assert(
      fc.property(routeAndParams, ([route, params]) => {
        const url = href(route, params);
        // Only characters encodeURIComponent leaves alone, plus the separators it added.
        expect(url).toMatch(/^\/[A-Za-z0-9\-_.!~*'()%/]*$/);
        const result = match(url);
        expect(result.kind).toBe('found');
        if (result.kind !== 'found') return;
        expect(result.route).toBe(route);
        expect(result.params).toEqual(expectedParams(route, params));
      }),
      { numRuns: 2000 },
    );
  });

  it('also after a trailing slash is added', () => {
    fc.assert(
      fc.property(paramsFor(tree.routes.find((r) => r.pattern === '/docs/[...path]')!), (params) => {
        const route = tree.routes.find((r) => r.pattern === '/docs/[...path]')!;
        const result = match(`${href(route, params)}/`);
        expect(result.kind === 'found' && result.params).toEqual(params);
      }),
    );
  });
});
