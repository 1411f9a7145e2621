import { describe, expect, it } from 'vitest';
import { combineSegmentConfigs, readSegmentConfig, routeConfig } from './config.ts';
import { page, rejection, testApp } from './test-app.ts';

describe('readSegmentConfig: dynamicParams, revalidate, dynamic', () => {
  it('reads valid values and leaves absent options out', () => {
    expect(readSegmentConfig('app/page.tsx', {})).toEqual({});
    expect(readSegmentConfig('app/page.tsx', { dynamicParams: false, revalidate: 0, dynamic: 'error' })).toEqual({
      dynamicParams: false,
      revalidate: 0,
      dynamic: 'error',
    });
    expect(readSegmentConfig('app/page.tsx', { revalidate: 60.5 }).revalidate).toBe(60.5);
    expect(readSegmentConfig('app/page.tsx', { revalidate: false }).revalidate).toBe(false);
    expect(readSegmentConfig('app/page.tsx', { revalidate: Infinity }).revalidate).toBe(false);
  });

  it.each([
    [
      { dynamicParams: 'false' },
      'app/blog/page.tsx: export const dynamicParams = "false" is not valid; expected true or false. ' +
        'Hint: Write dynamicParams = false, without quotes.',
    ],
    [
      { dynamicParams: 0 },
      'app/blog/page.tsx: export const dynamicParams = 0 is not valid; expected true or false. ' +
        'Hint: Segment config must be a literal value; fix or remove the export.',
    ],
    [
      { revalidate: -1 },
      'app/blog/page.tsx: export const revalidate = -1 is not valid; expected a number of seconds >= 0 ' +
        '(0 renders on every request) or false (never). Hint: Segment config must be a literal value; fix or remove the export.',
    ],
    [
      { revalidate: '60' },
      'app/blog/page.tsx: export const revalidate = "60" is not valid; expected a number of seconds >= 0 ' +
        '(0 renders on every request) or false (never). Hint: Write revalidate = 60, without quotes.',
    ],
    [
      { revalidate: true },
      'app/blog/page.tsx: export const revalidate = true is not valid; expected a number of seconds >= 0 ' +
        '(0 renders on every request) or false (never). Hint: Segment config must be a literal value; fix or remove the export.',
    ],
    [
      { revalidate: NaN },
      'app/blog/page.tsx: export const revalidate = NaN is not valid; expected a number of seconds >= 0 ' +
        '(0 renders on every request) or false (never). Hint: Segment config must be a literal value; fix or remove the export.',
    ],
    [
      { dynamic: 'static' },
      'app/blog/page.tsx: export const dynamic = "static" is not valid; expected one of "auto", "force-static", ' +
        '"error", "force-dynamic". Hint: Segment config must be a literal value; fix or remove the export.',
    ],
  ])('rejects %o with an exact message', (mod, message) => {
    let error: unknown;
    try {
      readSegmentConfig('app/blog/page.tsx', mod);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'PARAMS_CONFIG_INVALID', message });
  });
});

describe('combineSegmentConfigs', () => {
  it('defaults to dynamicParams true, revalidate false, dynamic auto', () => {
    expect(combineSegmentConfigs([])).toEqual({ dynamicParams: true, revalidate: false, dynamic: 'auto' });
  });

  it('dynamicParams is false if any segment says false', () => {
    expect(combineSegmentConfigs([{ dynamicParams: false }, { dynamicParams: true }]).dynamicParams).toBe(false);
    expect(combineSegmentConfigs([{ dynamicParams: true }, { dynamicParams: false }]).dynamicParams).toBe(false);
    expect(combineSegmentConfigs([{ dynamicParams: true }, {}]).dynamicParams).toBe(true);
  });

  it('revalidate is the minimum; false never overrides a number', () => {
    expect(combineSegmentConfigs([{ revalidate: 60 }, { revalidate: 10 }, { revalidate: 30 }]).revalidate).toBe(10);
    expect(combineSegmentConfigs([{ revalidate: false }, { revalidate: 30 }]).revalidate).toBe(30);
    expect(combineSegmentConfigs([{ revalidate: 30 }, { revalidate: false }]).revalidate).toBe(30);
    expect(combineSegmentConfigs([{ revalidate: 30 }, { revalidate: 0 }]).revalidate).toBe(0);
    expect(combineSegmentConfigs([{ revalidate: false }, {}]).revalidate).toBe(false);
  });

  it('dynamic: force-dynamic anywhere wins, otherwise the deepest setting', () => {
    expect(combineSegmentConfigs([{ dynamic: 'force-dynamic' }, { dynamic: 'force-static' }]).dynamic).toBe('force-dynamic');
    expect(combineSegmentConfigs([{ dynamic: 'force-static' }, { dynamic: 'force-dynamic' }]).dynamic).toBe('force-dynamic');
    expect(combineSegmentConfigs([{ dynamic: 'error' }, { dynamic: 'force-static' }]).dynamic).toBe('force-static');
    expect(combineSegmentConfigs([{ dynamic: 'force-static' }, {}]).dynamic).toBe('force-static');
    expect(combineSegmentConfigs([{ dynamic: 'force-static' }, { dynamic: 'auto' }]).dynamic).toBe('auto');
  });
});

describe('routeConfig', () => {
  it('combines every layout of the chain and the page, not ancestor pages', async () => {
    const app = testApp({
      'app/layout.tsx': { revalidate: 300 },
      'app/shop/page.tsx': page({ dynamicParams: false, revalidate: 1 }),
      'app/shop/(main)/layout.tsx': { revalidate: 60 },
      'app/shop/(main)/[id]/page.tsx': page({ dynamic: 'force-static' }),
    });
    expect(await routeConfig(app.route('/shop/[id]'), app.load)).toEqual({
      dynamicParams: true,
      revalidate: 60,
      dynamic: 'force-static',
    });
    expect(await routeConfig(app.route('/shop'), app.load)).toEqual({
      dynamicParams: false,
      revalidate: 1,
      dynamic: 'auto',
    });
  });

  it('names the file and the route of a bad value', async () => {
    const app = testApp({
      'app/blog/layout.tsx': { dynamicParams: 'no' },
      'app/blog/[slug]/page.tsx': page(),
    });
    const error = await rejection(routeConfig(app.route('/blog/[slug]'), app.load));
    expect(error.message).toBe(
      'app/blog/layout.tsx (route /blog/[slug]): export const dynamicParams = "no" is not valid; expected true or false. ' +
        'Hint: Segment config must be a literal value; fix or remove the export.',
    );
  });
});
