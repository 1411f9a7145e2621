import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { expect, test } from 'vitest';
import Image, { getImageProps } from './image.tsx';

const html = (props: Parameters<typeof Image>[0]) => renderToStaticMarkup(createElement(Image, props));

test('a plain <img> with the given size, lazy by default', () => {
  expect(html({ src: '/me.png', alt: 'Me', width: 64, height: '48' })).toBe(
    '<img alt="Me" src="/me.png" width="64" height="48" loading="lazy" decoding="async"/>',
  );
});

test('priority loads eagerly with high fetch priority; fill covers the parent', () => {
  // React itself adds the preload for a high-priority image.
  expect(html({ src: '/hero.jpg', alt: '', fill: true, priority: true, className: 'hero' })).toBe(
    '<link rel="preload" as="image" href="/hero.jpg" imageSizes="100vw" fetchPriority="high"/>' +
      '<img class="hero" alt="" src="/hero.jpg" sizes="100vw" loading="eager" fetchPriority="high" decoding="async" ' +
      'style="position:absolute;height:100%;width:100%;inset:0;object-fit:cover"/>',
  );
});

test('static imports give their size; a blur placeholder becomes the background', () => {
  const data = { src: '/assets/cat-123.png', width: 400, height: 300, blurDataURL: 'data:image/png;base64,AAA' };
  expect(html({ src: data, alt: 'Cat', placeholder: 'blur' })).toBe(
    '<img alt="Cat" src="/assets/cat-123.png" width="400" height="300" loading="lazy" decoding="async" ' +
      'style="background-image:url(&quot;data:image/png;base64,AAA&quot;);background-size:cover;background-position:50% 50%;background-repeat:no-repeat"/>',
  );
});

test('a custom loader runs unless unoptimized says not to', () => {
  const loader = ({ src, width, quality }: { src: string; width: number; quality?: number }) => `https://cdn.example.com${src}?w=${width}&q=${quality ?? 75}`;
  expect(html({ src: '/a.png', alt: '', width: 100, height: 100, loader, quality: 50 })).toContain('src="https://cdn.example.com/a.png?w=100&amp;q=50"');
  expect(html({ src: '/a.png', alt: '', width: 100, height: 100, loader, unoptimized: true })).toContain('src="/a.png"');
});

test('getImageProps gives the <img> props for a <picture>', () => {
  const { props } = getImageProps({ src: '/a.png', alt: 'A', width: 10, height: 20 });
  expect(props).toMatchObject({ src: '/a.png', alt: 'A', width: 10, height: 20, loading: 'lazy' });
});
