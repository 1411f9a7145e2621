import { describe, expect, it } from 'vitest';
import { isKilnError } from '../errors.ts';
import { buildRouteTree } from './tree.ts';

/** The thrown catalog error, so both the code and the whole message are asserted. */
function treeError(files: string[]): { code: string; message: string } {
  try {
    buildRouteTree(files);
  } catch (e) {
    if (!isKilnError(e)) throw e;
    return { code: e.code, message: e.message };
  }
  throw new Error(`no error for ${files.join(', ')}`);
}

const CONFLICT_TAIL =
  'Expected one param name per level, since one URL part cannot fill two params. ' +
  'Hint: Rename one folder so both use the same name,';

describe('tree errors: clashing params, catch-alls not last, duplicate URLs', () => {
  it.each<[string, string[], string]>([
    [
      'different names at the root level',
      ['layout.tsx', '[id]/page.tsx', '[slug]/x/page.tsx'],
      'app/[id]/page.tsx (route /[id]) and app/[slug]/x/page.tsx (route /[slug]/x) use different param names ' +
        `at the same URL level: [id] and [slug]. ${CONFLICT_TAIL} e.g. [slug] to [id].`,
    ],
    [
      'different names across groups',
      ['(a)/[id]/page.tsx', '(b)/[slug]/page.tsx'],
      'app/(a)/[id]/page.tsx (route /[id]) and app/(b)/[slug]/page.tsx (route /[slug]) use different param names ' +
        `at the same URL level: [id] and [slug]. ${CONFLICT_TAIL} e.g. [slug] to [id].`,
    ],
    [
      'different names at a deeper level',
      ['[a]/[id]/page.tsx', '[a]/[slug]/x/page.tsx'],
      'app/[a]/[id]/page.tsx (route /[a]/[id]) and app/[a]/[slug]/x/page.tsx (route /[a]/[slug]/x) use different ' +
        `param names at the same URL level: [id] and [slug]. ${CONFLICT_TAIL} e.g. [slug] to [id].`,
    ],
    [
      'different catch-all names',
      ['docs/[...a]/page.tsx', '(g)/docs/[...b]/page.tsx'],
      'app/(g)/docs/[...b]/page.tsx (route /docs/[...b]) and app/docs/[...a]/page.tsx (route /docs/[...a]) use ' +
        `different param names at the same URL level: [...b] and [...a]. ${CONFLICT_TAIL} e.g. [...a] to [...b].`,
    ],
  ])('ROUTE_PARAM_CONFLICT: %s', (_, files, message) => {
    expect(treeError(files)).toEqual({ code: 'ROUTE_PARAM_CONFLICT', message });
  });

  it.each<[string, string[], string]>([
    [
      'optional catch-all with a folder below',
      ['docs/[[...slug]]/page.tsx', 'docs/[[...slug]]/edit/page.tsx'],
      'app/docs/[[...slug]]/edit/page.tsx (route /docs/[[...slug]]/edit) is below the optional catch-all folder ' +
        'app/docs/[[...slug]], so [[...slug]] is not the last URL segment. Expected the optional catch-all to end ' +
        'its route. Hint: The optional catch-all takes every remaining URL part; move this route out of ' +
        'app/docs/[[...slug]].',
    ],
    [
      'catch-all with a param below',
      ['[...slug]/[id]/page.tsx'],
      'app/[...slug]/[id]/page.tsx (route /[...slug]/[id]) is below the catch-all folder app/[...slug], so ' +
        '[...slug] is not the last URL segment. Expected the catch-all to end its route. Hint: The catch-all ' +
        'takes every remaining URL part; move this route out of app/[...slug].',
    ],
  ])('ROUTE_CATCH_ALL_NOT_LAST: %s', (_, files, message) => {
    expect(treeError(files)).toEqual({ code: 'ROUTE_CATCH_ALL_NOT_LAST', message });
  });

  it('allows a group below a catch-all (it adds no URL part)', () => {
    expect(buildRouteTree(['[...slug]/(g)/page.tsx']).routes.map((r) => r.pattern)).toEqual(['/[...slug]']);
  });

  const GROUP_HINT = 'Hint: Route groups (folders in parentheses) add nothing to the URL; rename or move one of the two.';
  const OPTIONAL_HINT =
    'Hint: An optional catch-all also matches its parent URL with zero parts; remove one of the two, or use [...name].';
  it.each<[string, string[], string]>([
    [
      'two pages through groups',
      ['(a)/about/page.tsx', '(b)/about/page.tsx'],
      'app/(a)/about/page.tsx and app/(b)/about/page.tsx both resolve to the URL /about. ' +
        `Expected one page or route handler per URL. ${GROUP_HINT}`,
    ],
    [
      'a page and a route handler through groups',
      ['(a)/about/page.tsx', '(b)/about/route.ts'],
      'app/(a)/about/page.tsx and app/(b)/about/route.ts both resolve to the URL /about. ' +
        `Expected one page or route handler per URL. ${GROUP_HINT}`,
    ],
    [
      'two root pages through groups',
      ['(a)/page.tsx', '(b)/page.tsx'],
      'app/(a)/page.tsx and app/(b)/page.tsx both resolve to the URL /. ' +
        `Expected one page or route handler per URL. ${GROUP_HINT}`,
    ],
    [
      'two dynamic pages through groups',
      ['(a)/[id]/page.tsx', '(b)/[id]/page.tsx'],
      'app/(a)/[id]/page.tsx and app/(b)/[id]/page.tsx both resolve to the URL /[id]. ' +
        `Expected one page or route handler per URL. ${GROUP_HINT}`,
    ],
    [
      'a page and an optional catch-all below it',
      ['page.tsx', '[[...slug]]/page.tsx'],
      'app/page.tsx and app/[[...slug]]/page.tsx both resolve to the URL /. ' +
        `Expected one page or route handler per URL. ${OPTIONAL_HINT}`,
    ],
    [
      'an optional catch-all and a page at its parent URL through groups',
      ['(a)/blog/[[...slug]]/page.tsx', '(b)/blog/page.tsx'],
      'app/(a)/blog/[[...slug]]/page.tsx and app/(b)/blog/page.tsx both resolve to the URL /blog. ' +
        `Expected one page or route handler per URL. ${OPTIONAL_HINT}`,
    ],
  ])('ROUTE_DUPLICATE_URL: %s', (_, files, message) => {
    expect(treeError(files)).toEqual({ code: 'ROUTE_DUPLICATE_URL', message });
  });

  it.each<[string, string[], string]>([
    [
      'two dynamic folders',
      ['[id]/x/[id]/page.tsx'],
      'app/[id]/x/[id]/page.tsx (route /[id]/x/[id]) uses the param name "id" twice: in app/[id] and in ' +
        'app/[id]/x/[id]. Expected each param name once per route, since params is one object. ' +
        'Hint: Rename one of the two folders.',
    ],
    [
      'a dynamic and a catch-all',
      ['[id]/[...id]/page.tsx'],
      'app/[id]/[...id]/page.tsx (route /[id]/[...id]) uses the param name "id" twice: in app/[id] and in ' +
        'app/[id]/[...id]. Expected each param name once per route, since params is one object. ' +
        'Hint: Rename one of the two folders.',
    ],
  ])('ROUTE_PARAM_REPEATED: %s', (_, files, message) => {
    expect(treeError(files)).toEqual({ code: 'ROUTE_PARAM_REPEATED', message });
  });

  it('ROUTE_PAGE_AND_HANDLER: page.* and route.* in one folder', () => {
    expect(treeError(['api/page.tsx', 'api/route.ts'])).toEqual({
      code: 'ROUTE_PAGE_AND_HANDLER',
      message:
        'app/api/page.tsx and app/api/route.ts share a folder, so route /api has both a page and a route handler. ' +
        'Expected one or the other. Hint: Move route.* into a subfolder of its own (the page keeps the URL), ' +
        'or delete one of the two.',
    });
  });

  it('ROUTE_CATCH_ALL_MIXED: a catch-all and an optional catch-all at one level', () => {
    expect(treeError(['[...a]/page.tsx', '[[...b]]/page.tsx'])).toEqual({
      code: 'ROUTE_CATCH_ALL_MIXED',
      message:
        'app/[...a]/page.tsx (route /[...a]) and app/[[...b]]/page.tsx (route /[[...b]]) put a catch-all and an ' +
        'optional catch-all at the same URL level: [...a] and [[...b]]. Expected at most one of the two per level. ' +
        'Hint: Keep only the optional catch-all [[...name]] (it also matches zero parts) or only [...name].',
    });
  });

  it('ROUTE_SPECIAL_FILE_DUPLICATE: two page files in one folder', () => {
    expect(treeError(['blog/page.tsx', 'blog/page.js'])).toEqual({
      code: 'ROUTE_SPECIAL_FILE_DUPLICATE',
      message:
        'app/blog/page.js and app/blog/page.tsx are both the page file of folder app/blog. ' +
        'Expected one page file per folder. Hint: Delete or rename one of them.',
    });
  });

  it('reports the same error whatever the input order', () => {
    const files = ['layout.tsx', '[id]/page.tsx', '[slug]/x/page.tsx', 'about/page.tsx'];
    expect(treeError([...files].reverse())).toEqual(treeError(files));
  });
});
