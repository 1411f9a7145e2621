import { describe, expect, test } from 'vitest';
import { readNextMdx } from './mdx-config.ts';

const LOADER = '/app/node_modules/@next/mdx/mdx-js-loader.js';
/** @next/mdx's webpack function, as far as Kiln looks at it: it registers the components alias. */
function webpack(config: { resolve: { alias: Record<string, unknown> } }): unknown {
  config.resolve.alias['next-mdx-import-source-file'] = ['private-next-root-dir/mdx-components'];
  return config;
}

describe('readNextMdx', () => {
  test('a config without @next/mdx', () => {
    expect(readNextMdx({ reactStrictMode: true })).toEqual({ mdx: null, ownedKeys: [] });
    expect(readNextMdx({ webpack: (config: unknown) => config })).toEqual({ mdx: null, ownedKeys: [] });
  });

  test('Next 16: options and extension from the Turbopack rule', () => {
    const options = { providerImportSource: 'next-mdx-import-source-file', remarkPlugins: ['remark-gfm'], rehypePlugins: [['rehype-slug', {}]] };
    const reading = readNextMdx({
      webpack,
      turbopack: {
        rules: { '{*,next-mdx-rule}': [{ loaders: [{ loader: LOADER, options }], as: '*.tsx', condition: { path: /\.mdx?$/ } }] },
        resolveAlias: { 'next-mdx-import-source-file': '@vercel/turbopack-next/mdx-import-source' },
      },
    });
    expect(reading).toEqual({ mdx: { options, extension: /\.mdx?$/ }, ownedKeys: ['webpack', 'turbopack'] });
  });

  test("the app's own Turbopack settings keep turbopack among the ignored keys", () => {
    const reading = readNextMdx({
      turbopack: {
        rules: { '*.svg': { loaders: ['@svgr/webpack'], as: '*.js' }, '{*,next-mdx-rule}': [{ loaders: [{ loader: LOADER, options: {} }] }] },
      },
    });
    expect(reading).toEqual({ mdx: { options: {}, extension: null }, ownedKeys: [] });
  });

  test('Next 15.0: the rule under experimental.turbo, with @mdx-js/loader as the loader', () => {
    const loader = '/app/node_modules/@mdx-js/loader/index.cjs';
    const reading = readNextMdx({
      webpack,
      experimental: { turbo: { rules: { '*.mdx': { loaders: [{ loader, options: { remarkPlugins: [] } }], as: '*.tsx' } } } },
    });
    expect(reading.mdx).toEqual({ options: { remarkPlugins: [] }, extension: null });
  });

  test('Next 14: the options exist only inside the webpack function', () => {
    expect(readNextMdx({ webpack })).toEqual({ mdx: { options: null, extension: null }, ownedKeys: ['webpack'] });
  });
});
