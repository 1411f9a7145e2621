import { describe, expect, test } from 'vitest';
import { EMPTY_METADATA, mergeMetadata, resolveUrl, type Metadata } from './metadata.ts';

/** Merges layouts then a page, as a render does. */
function resolve(layouts: Metadata[], page: Metadata) {
  let m = EMPTY_METADATA;
  for (const l of layouts) m = mergeMetadata(m, l, true);
  return mergeMetadata(m, page, false);
}

describe('mergeMetadata titles', () => {
  test("a layout's template wraps a deeper title string", () => {
    expect(resolve([{ title: { default: 'Shop', template: '%s | Shop' } }], { title: 'Anvil' }).title).toBe('Anvil | Shop');
  });
  test('the default applies when the page has no title', () => {
    expect(resolve([{ title: { default: 'Shop', template: '%s | Shop' } }], {}).title).toBe('Shop');
  });
  test('absolute skips the template', () => {
    expect(resolve([{ title: { template: '%s | Shop' } }], { title: { absolute: 'Home' } }).title).toBe('Home');
  });
  test('the nearest layout template wins; a page passes none on', () => {
    const layouts: Metadata[] = [{ title: { default: 'Shop', template: '%s | Shop' } }, { title: { template: '%s · Catalog' } }];
    expect(resolve(layouts, { title: 'Item 1' }).title).toBe('Item 1 · Catalog');
    expect(resolve(layouts, { title: { default: 'Item 2', template: 'ignored %s' } }).template).toBe(null);
  });
  test('a layout without a title keeps the template above it', () => {
    expect(resolve([{ title: { default: 'Shop', template: '%s | Shop' } }, { description: 'catalog' }], { title: 'Anvil' }).title).toBe('Anvil | Shop');
  });
  test("a layout's own title string goes through its parent's template", () => {
    expect(resolve([{ title: { template: '%s | Shop' } }, { title: 'Catalog' }], {}).title).toBe('Catalog | Shop');
  });
});

describe('mergeMetadata fields', () => {
  test('deeper segments override field by field; untouched fields are inherited', () => {
    const m = resolve([{ description: 'root', keywords: ['a'] }], { description: 'page' });
    expect(m.description).toBe('page');
    expect(m.keywords).toEqual(['a']);
  });
  test('unknown fields are not carried', () => {
    const m = resolve([], { description: 'd', bogus: 1 } as Metadata);
    expect(m).toEqual({ title: null, template: null, description: 'd' });
  });
});

describe('resolveUrl', () => {
  // Next.js's documented URL composition: the field continues metadataBase's path.
  test.each([
    ['/', 'https://acme.com', 'https://acme.com'],
    ['./', 'https://acme.com', 'https://acme.com'],
    ['payments', 'https://acme.com', 'https://acme.com/payments'],
    ['/payments', 'https://acme.com/', 'https://acme.com/payments'],
    ['./payments', 'https://acme.com', 'https://acme.com/payments'],
    ['../payments', 'https://acme.com', 'https://acme.com/payments'],
    ['/og.png', 'https://acme.com/start/from/here/', 'https://acme.com/start/from/here/og.png'],
    ['/search?q=a', new URL('https://acme.com'), 'https://acme.com/search?q=a'],
    ['https://beta.acme.com/payments', 'https://acme.com', 'https://beta.acme.com/payments'],
    ['//cdn.test/a.png', 'https://acme.com', '//cdn.test/a.png'],
    ['/og.png', null, '/og.png'],
  ] as const)('%s with base %s is %s', (value, base, expected) => {
    expect(resolveUrl(value, base)).toBe(expected);
  });
  test('a URL object is used as it is', () => {
    expect(resolveUrl(new URL('https://a.test/x'), 'https://acme.com')).toBe('https://a.test/x');
  });
});
