import { describe, expect, it } from 'vitest';
import { isKilnError } from '../errors.ts';
import { parseSegment } from './segments.ts';
import type { Segment } from './types.ts';

describe('parseSegment', () => {
  it.each<[string, Segment]>([
    ['blog', { raw: 'blog', kind: 'static', value: 'blog' }],
    ['about-us', { raw: 'about-us', kind: 'static', value: 'about-us' }],
    ['a(b)', { raw: 'a(b)', kind: 'static', value: 'a(b)' }],
    ['%5Fabout', { raw: '%5Fabout', kind: 'static', value: '_about' }],
    ['50%', { raw: '50%', kind: 'static', value: '50%' }],
    ['[slug]', { raw: '[slug]', kind: 'dynamic', param: 'slug' }],
    ['[product-id]', { raw: '[product-id]', kind: 'dynamic', param: 'product-id' }],
    ['[ñame]', { raw: '[ñame]', kind: 'dynamic', param: 'ñame' }],
    ['[...slug]', { raw: '[...slug]', kind: 'catchAll', param: 'slug' }],
    ['[[...slug]]', { raw: '[[...slug]]', kind: 'optionalCatchAll', param: 'slug' }],
    ['(marketing)', { raw: '(marketing)', kind: 'group' }],
    ['_components', { raw: '_components', kind: 'private' }],
    ['_[x]', { raw: '_[x]', kind: 'private' }],
  ])('%s', (name, expected) => {
    expect(parseSegment(name)).toEqual(expected);
  });

  const rest =
    '. Expected a plain name, [param], [...param], [[...param]], (group) or _private. ' +
    'Hint: Rename the folder; a param name uses letters, digits, "_", "$" or "-", e.g. [slug].';
  it.each<[string, string]>([
    ['[]', 'the param name is empty'],
    ['[...]', 'the param name is empty'],
    ['[[...]]', 'the param name is empty'],
    ['[..x]', 'the param name "..x" has characters other than letters, digits, _, $ and -'],
    ['[a.b]', 'the param name "a.b" has characters other than letters, digits, _, $ and -'],
    ['[a b]', 'the param name "a b" has characters other than letters, digits, _, $ and -'],
    ['[a', 'a param must end with "]"'],
    ['[a]b', 'a param must end with "]"'],
    ['[[x]]', 'only catch-alls can be optional: write [[...name]]'],
    ['[[...x]', 'an optional catch-all must end with "]]"'],
    ['[__proto__]', 'the param name "__proto__" is reserved'],
    ['a]', 'brackets must wrap the whole name'],
    ['x[y]', 'brackets must wrap the whole name'],
    ['()', 'the group name is empty'],
    ['(a', 'a group name must end with ")"'],
    ['(a)b', 'a group name must end with ")"'],
    ['(a[b])', 'a group name cannot contain brackets or parentheses'],
  ])('rejects %s', (name, reason) => {
    expect(() => parseSegment(name, `app/shop/${name}`)).toThrow(
      `Folder app/shop/${name} has an invalid name ${JSON.stringify(name)}: ${reason}${rest}`,
    );
  });

  it('names the folder itself when no dir is given', () => {
    expect(() => parseSegment('[]')).toThrow('Folder [] has an invalid name "[]": the param name is empty.');
  });

  it('throws catalog errors with the code ROUTE_SEGMENT_INVALID', () => {
    try {
      parseSegment('[..x]', 'app/[..x]');
      expect.unreachable();
    } catch (e) {
      expect(isKilnError(e) && e.code).toBe('ROUTE_SEGMENT_INVALID');
      expect(isKilnError(e) && e.details).toMatchObject({ file: 'app/[..x]', segment: '[..x]' });
    }
  });

  it.each<[string, string]>([
    ['@modal', 'a parallel-route slot (@folder)'],
    ['(.)photo', 'an intercepting route ((.)folder)'],
    ['(..)photo', 'an intercepting route ((.)folder)'],
    ['(...)photo', 'an intercepting route ((.)folder)'],
    ['(..)(..)photo', 'an intercepting route ((.)folder)'],
  ])('reports %s as unsupported', (name, feature) => {
    expect(() => parseSegment(name, `app/${name}`)).toThrow(
      `Folder app/${name} (${JSON.stringify(name)}) is ${feature}, which Kiln does not support. ` +
        'Hint: Move its files into ordinary folders, or prefix the folder with "_" to keep it out of routing.',
    );
  });
});
