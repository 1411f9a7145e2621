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
  test('the nearest layout template wins; a page template is ignored', () => {
    const layouts: Metadata[] = [{ title: { default: 'Shop', template: '%s | Shop' } }, { title: { template: '%s · Catalog' } }];
    expect(resolve(layouts, { title: 'Item 1' }).title).toBe('Item 1 · Catalog');
    const viaPage = mergeMetadata(resolve(layouts, { title: { template: 'ignored %s' } }), { title: 'x' }, false);
    expect(viaPage.title).toBe('x · Catalog');
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
  test('relative URLs resolve against metadataBase; absolute ones are kept', () => {
    expect(resolveUrl('/og.png', 'https://example.com/shop/')).toBe('https://example.com/og.png');
    expect(resolveUrl('https://cdn.test/a.png', 'https://example.com')).toBe('https://cdn.test/a.png');
    expect(resolveUrl('/og.png', null)).toBe('/og.png');
  });
});
