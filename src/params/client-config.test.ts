import { describe, expect, it } from 'vitest';
import { isClientReference, readSourceExport, withClientSegmentConfig } from './client-config.ts';
import { routeConfig } from './config.ts';
import { page, rejection, testApp } from './test-app.ts';

/** What plugin-rsc leaves on the server for an export of a "use client" module. */
function clientReference(): () => never {
  const fn = () => {
    throw new Error('client reference called on the server');
  };
  return Object.assign(fn, { $$typeof: Symbol.for('react.client.reference') });
}

describe('readSourceExport', () => {
  it('reads literal values as Next.js does', () => {
    const source = [
      "'use client';",
      '/* export const dynamic = "error" */',
      'export const dynamicParams = false;',
      'export const revalidate: number = 3_600 // an hour',
      "export const dynamic = 'force-static' as const",
    ].join('\n');
    expect(readSourceExport('app/p.tsx', source, 'dynamicParams')).toBe(false);
    expect(readSourceExport('app/p.tsx', source, 'revalidate')).toBe(3600);
    expect(readSourceExport('app/p.tsx', source, 'dynamic')).toBe('force-static');
    expect(readSourceExport('app/p.tsx', 'export const revalidate = Infinity', 'revalidate')).toBe(Infinity);
    expect(readSourceExport('app/p.tsx', 'export default function P() {}', 'revalidate')).toBeUndefined();
  });

  it('names the file, the option and the expression that is not a literal', () => {
    expect(() => readSourceExport('app/p.tsx', 'export const revalidate = 60 * 60;', 'revalidate')).toThrow(
      'app/p.tsx is a "use client" module, so Kiln reads its export revalidate from the source, but 60 * 60 is not a literal; ' +
        'expected true, false, a number or a string. Hint: Write export const revalidate = 60 with a literal value.',
    );
  });
});

describe('withClientSegmentConfig', () => {
  const source = "'use client';\nexport const dynamicParams = false;\nexport const revalidate = 30;\n";
  const clientPage = { default: clientReference(), dynamicParams: clientReference(), revalidate: clientReference() };

  it("reads a client page's config from its source; server modules pass through", async () => {
    expect(isClientReference(clientPage.dynamicParams)).toBe(true);
    const app = testApp({ 'app/layout.tsx': page({ revalidate: 60 }), 'app/[slug]/page.tsx': clientPage });
    const read: string[] = [];
    const load = withClientSegmentConfig(app.load, async (file) => (read.push(file), source));
    expect(await routeConfig(app.route('/[slug]'), load)).toEqual({ dynamicParams: false, revalidate: 30, dynamic: 'auto' });
    // One module object gives one patched object: the dev server tells edits by identity.
    expect(await load('app/[slug]/page.tsx')).toBe(await load('app/[slug]/page.tsx'));
    expect(await load('app/layout.tsx')).toBe(await app.load('app/layout.tsx'));
    expect(read).toEqual(['app/[slug]/page.tsx']);
  });

  it('an export the source does not spell as a literal const is an error naming it', async () => {
    const app = testApp({ 'app/page.tsx': { default: clientReference(), dynamic: clientReference() } });
    const load = withClientSegmentConfig(app.load, async () => "'use client';\nconst d = 'error';\nexport { d as dynamic };\n");
    const error = await rejection(load('app/page.tsx'));
    expect([error.code, error.message]).toEqual([
      'PARAMS_CLIENT_CONFIG_UNREADABLE',
      'app/page.tsx is a "use client" module, so Kiln reads its export dynamic from the source, but it is not written as ' +
        "export const dynamic = <value>. Hint: Write export const dynamic = 'force-static' with a literal value.",
    ]);
  });
});
