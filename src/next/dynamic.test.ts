import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { prerender } from 'react-dom/static';
import { expect, test } from 'vitest';
import dynamic from './dynamic.tsx';

function Greeting({ name }: { name: string }) {
  return createElement('p', null, `Hello ${name}`);
}

async function html(element: ReturnType<typeof createElement>): Promise<string> {
  const { prelude } = await prerender(element);
  return new Response(prelude).text();
}

test('a dynamic component renders once loaded, named or default export', async () => {
  const Named = dynamic(async () => Greeting);
  const Default = dynamic(async () => ({ default: Greeting }));
  expect(await html(createElement(Named, { name: 'Ada' }))).toBe('<!--$--><p>Hello Ada</p><!--/$-->');
  expect(await html(createElement(Default, { name: 'Bo' }))).toBe('<!--$--><p>Hello Bo</p><!--/$-->');
});

test('ssr: false renders the loading component on the server', async () => {
  const Chart = dynamic(async () => Greeting, { ssr: false, loading: () => createElement('span', null, 'Loading chart') });
  expect(await html(createElement(Chart, { name: 'x' }))).toBe('<span>Loading chart</span>');
  expect(renderToStaticMarkup(createElement(dynamic(async () => Greeting, { ssr: false }), { name: 'x' }))).toBe('');
});
