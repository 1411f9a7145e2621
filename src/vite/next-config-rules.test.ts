import { describe, expect, it } from 'vitest';
import { readRequestRules } from './next-config-rules.ts';

describe('readRequestRules', () => {
  it('reads redirects, rewrites in both forms and headers, keeping only the known fields', async () => {
    const rules = await readRequestRules(
      {
        redirects: async () => [{ source: '/a', destination: '/b', permanent: true, locale: false }],
        rewrites: async () => [{ source: '/x', destination: '/y' }],
        headers: async () => [{ source: '/(.*)', headers: [{ key: 'x-a', value: '1' }] }],
      },
      'next.config.mjs',
    );
    expect(rules).toEqual({
      redirects: [{ source: '/a', destination: '/b', permanent: true }],
      rewrites: { beforeFiles: [], afterFiles: [{ source: '/x', destination: '/y' }], fallback: [] },
      headers: [{ source: '/(.*)', headers: [{ key: 'x-a', value: '1' }] }],
    });
    const phased = await readRequestRules({ rewrites: () => ({ fallback: [{ source: '/z', destination: '/w' }] }) }, 'next.config.mjs');
    expect(phased.rewrites.fallback).toEqual([{ source: '/z', destination: '/w' }]);
  });

  it.each([
    [{ redirects: async () => [{ source: '/a', destination: '/b' }] }, 'next.config.mjs: redirects()[0].permanent is undefined (undefined); expected true or false (or a statusCode).'],
    [{ redirects: async () => [{ source: 'a', destination: '/b', permanent: true }] }, 'next.config.mjs: redirects()[0].source is "a" (string); expected a path pattern starting with "/".'],
    [{ rewrites: async () => [{ source: '/a', destination: '/b', has: [{ type: 'header' }] }] }, 'next.config.mjs: rewrites()[0].has[0].key is undefined (undefined); expected a name.'],
    [{ headers: async () => [{ source: '/a', headers: [{ key: 'x' }] }] }, 'next.config.mjs: headers()[0].headers[0] is { key: "x" } (object); expected { key: "name", value: "text" }.'],
    [{ redirects: [] }, 'next.config.mjs: redirects is [] (array); expected an async function returning a list of rules.'],
  ])('stops on a bad rule, naming it: %#', async (config, message) => {
    await expect(readRequestRules(config as Record<string, unknown>, 'next.config.mjs')).rejects.toThrow(message);
  });
});

it('gives each read its own lists, leaving the shared empty rules empty', async () => {
  const { NO_RULES } = await import('../output/request-rules.ts');
  const config = { redirects: async () => [{ source: '/a', destination: '/b', permanent: true }], headers: async () => [{ source: '/a', headers: [{ key: 'x', value: '1' }] }] };
  const first = await readRequestRules(config, 'next.config.mjs');
  const second = await readRequestRules(config, 'next.config.mjs');
  expect(second.redirects).toHaveLength(1);
  expect(first.redirects).not.toBe(second.redirects);
  expect([NO_RULES.redirects.length, NO_RULES.headers.length]).toEqual([0, 0]);
});
