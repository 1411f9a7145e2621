import { createElement, Fragment } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { expect, test } from 'vitest';
import { EMPTY_METADATA, mergeMetadata } from './metadata.ts';
import { metadataTags } from './metadata-tags.tsx';

const html = (m: Parameters<typeof mergeMetadata>[1]) =>
  renderToStaticMarkup(createElement(Fragment, null, ...metadataTags(mergeMetadata(EMPTY_METADATA, m, false))));

test('common fields become head tags, URLs resolved against metadataBase', () => {
  expect(
    html({
      title: 'Anvils & more',
      description: 'Iron <goods>',
      keywords: ['iron', 'forge'],
      robots: { index: false, follow: true },
      metadataBase: 'https://shop.test',
      alternates: { canonical: '/anvils' },
      openGraph: { title: 'OG', images: [{ url: '/og.png', width: 1200 }] },
      twitter: { card: 'summary' },
      other: { 'x-kind': ['a', 'b'] },
    }),
  ).toBe(
    '<title>Anvils &amp; more</title>' +
      '<meta name="description" content="Iron &lt;goods&gt;"/>' +
      '<meta name="keywords" content="iron, forge"/>' +
      '<meta name="robots" content="noindex, follow"/>' +
      '<link rel="canonical" href="https://shop.test/anvils"/>' +
      '<meta property="og:title" content="OG"/>' +
      '<meta property="og:image" content="https://shop.test/og.png"/>' +
      '<meta property="og:image:width" content="1200"/>' +
      '<meta name="twitter:card" content="summary"/>' +
      '<meta name="x-kind" content="a"/>' +
      '<meta name="x-kind" content="b"/>',
  );
});

test('no metadata, no tags', () => {
  expect(html({})).toBe('');
});
