/**
 * A Next.js app's CSS set-up, unchanged, through the CLI: a `postcss.config.mjs` naming
 * `@tailwindcss/postcss` as a string, and today's create-next-app starter, which has no PostCSS
 * config at all (Tailwind 4 comes in through next.config's `turbopack.rules`). The stylesheet the
 * page links must carry the utilities the app's files use, in `kiln start` and in `kiln dev`.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runKiln, startKiln } from '../helpers/cli.ts';
import { appWith } from './app-css-helpers.ts';
import { until } from './dev-helpers.ts';

/** The stylesheets a page links, fetched as a browser fetches them. */
async function linkedCss(base: string, pagePath = '/'): Promise<string> {
  const html = await (await fetch(new URL(pagePath, base))).text();
  const hrefs = [...html.matchAll(/<link rel="stylesheet"[^>]*?href="([^"]+)"/g)].map((m) => m[1]);
  expect(hrefs.length).toBeGreaterThan(0);
  const sheets = await Promise.all(
    hrefs.map(async (href) => {
      const res = await fetch(new URL(href, base), { headers: { accept: 'text/css,*/*;q=0.1' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/css/);
      return res.text();
    }),
  );
  return sheets.join('\n');
}

/** A rule for `.name` (letters, digits and dashes) in minified (`.name{`) or dev (`.name {`) output. */
function rule(name: string): RegExp {
  return new RegExp(`\\.${name}\\s*\\{`);
}

const stops: Array<() => Promise<unknown>> = [];
const apps: string[] = [];
afterAll(async () => {
  await Promise.all(stops.map((stop) => stop()));
  await Promise.all(apps.map((app) => rm(app, { recursive: true, force: true })));
});

/** An installed fixture copy, removed after the tests. */
async function copyOf(name: string, packages: string[]): Promise<string> {
  const app = await appWith(name, packages);
  apps.push(app);
  return app;
}

const fixtures = [
  {
    name: 'tailwind-postcss',
    packages: ['tailwindcss', '@tailwindcss/postcss'],
    // From app/, from components/, and a colour the stylesheet's @theme defines.
    utilities: ['text-3xl', 'flex-col', 'antialiased', 'underline', 'rounded-full', 'text-brand'],
  },
  {
    name: 'tailwind-auto',
    packages: ['tailwindcss'],
    // From a server component, the root layout and a client component.
    utilities: ['text-3xl', 'flex-col', 'min-h-full', 'border-zinc-300', 'px-4', 'text-foreground'],
  },
];

describe.each(fixtures)('$name', ({ name, packages, utilities }) => {
  test('kiln build, then kiln start: the linked stylesheet holds the app\'s utilities and no others', async () => {
    const app = await copyOf(name, packages);
    const build = await runKiln(['build', app]);
    expect(build.stderr + build.stdout).toContain('✓ built');
    expect(build.code).toBe(0);

    const server = await startKiln(['start', app, '--port', '0', '--host', '127.0.0.1']);
    stops.push(server.stop);
    const css = await linkedCss(server.url);
    for (const utility of utilities) expect(css).toMatch(rule(utility));
    // Words in React's own code and in the built bundles are not the app's classes.
    for (const stray of ['hidden', 'table', 'absolute', 'transition']) expect(css).not.toMatch(rule(stray));
    await server.stop();

    // A second build over the first gives the same stylesheet: Tailwind does not read the
    // previous output as source.
    const sheetNames = async () => (await readFile(path.join(app, 'dist/pages/@index.html'), 'utf8')).match(/assets\/[^"]+\.css/g);
    const first = await sheetNames();
    expect((await runKiln(['build', app])).code).toBe(0);
    expect(await sheetNames()).toEqual(first);
  }, 120_000);

  test('kiln dev: the linked stylesheet holds the utilities, and a class added to the page appears in it', async () => {
    const app = await copyOf(name, packages);
    const server = await startKiln(['dev', app, '--port', '0', '--host', '127.0.0.1'], { timeoutMs: 60_000 });
    stops.push(server.stop);
    const css = await linkedCss(server.url);
    for (const utility of utilities) expect(css).toMatch(rule(utility));
    expect(css).not.toMatch(rule('text-7xl'));

    const page = path.join(app, 'app/page.tsx');
    await writeFile(page, (await readFile(page, 'utf8')).replace('text-3xl', 'text-7xl'));
    await until('the new utility in the dev stylesheet', async () => ((await linkedCss(server.url)).match(rule('text-7xl')) ? true : undefined));
    await server.stop();
  }, 120_000);
});

test('a PostCSS plugin the app has not installed fails the build naming the config file and the plugin', async () => {
  const app = await copyOf('tailwind-postcss', ['tailwindcss', '@tailwindcss/postcss']);
  await writeFile(path.join(app, 'postcss.config.mjs'), 'export default { plugins: ["@tailwindcss/postcss", ["postcss-not-installed", { x: 1 }]] };\n');
  const build = await runKiln(['build', app]);
  expect(build.code).toBe(1);
  const output = build.stderr + build.stdout;
  expect(output).toContain('postcss.config.mjs names the PostCSS plugin "postcss-not-installed", which cannot be found');
  expect(output).toContain('npm install --save-dev postcss-not-installed');
}, 60_000);
