/**
 * MDX as Next.js apps set it up with @next/mdx, over test/fixtures/mdx: `app/page.mdx` with its
 * metadata and a component from mdx-components.tsx, `app/notes/page.md` (md is in
 * pageExtensions), an .mdx imported by a .tsx page and by a client component, a [slug] route
 * importing one of several .mdx files, and createMDX's remark and rehype plugins named as
 * strings. kiln build + kiln start and kiln dev serve the same HTML; a page.mdx that
 * pageExtensions leaves out is an error naming it; options only an older @next/mdx's webpack
 * function holds are named in a warning.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAndStart, copyFixture, runKiln, startKiln } from '../helpers/cli.ts';

type Server = Awaited<ReturnType<typeof startKiln>>;

async function page(server: Server, pathname: string): Promise<{ status: number; html: string }> {
  const res = await fetch(`${server.url}${pathname}`);
  return { status: res.status, html: await res.text() };
}

/** The HTML of the page's body, without the scripts that carry the payload. */
function body(html: string): string {
  const start = html.indexOf('<body>');
  return html.slice(start).replace(/<script[\s\S]*?<\/script>/g, '');
}

function servesMdx(server: () => Server): void {
  it('renders app/page.mdx: its metadata, Markdown, a component from mdx-components and the plugins', async () => {
    const { status, html } = await page(server(), '/');
    expect(status).toBe(200);
    expect(html).toContain('<title>Welcome | MDX site</title>');
    expect(html).toContain('<meta name="description" content="The home page, written in MDX"/>');
    const content = body(html);
    // h1 comes from mdx-components.tsx, which replaces the plain one.
    expect(content).toContain('<h1 class="mdx-title">Welcome to MDX</h1>');
    expect(content).toContain('<strong>app/page.mdx</strong>');
    expect(content).toContain('<aside class="callout callout-tip" role="note">A component from mdx-components.tsx</aside>');
    // remark-kiln-mark by name; rehype-heading-ids by [name, options].
    expect(content).toContain('<mark>Marked</mark> by a remark plugin.');
    expect(content).toContain('<h2 id="h-getting-started">Getting started</h2>');
    expect(content).toContain('<li><a href="/about">About</a></li>');
  });

  it('renders an .mdx imported by a .tsx page, with props, and one imported by a client component', async () => {
    const { status, html } = await page(server(), '/about');
    expect(status).toBe(200);
    expect(html).toContain('<title>About | MDX site</title>');
    const content = body(html);
    expect(content).toContain('<h2 id="h-about">About <!-- -->Kiln</h2>');
    expect(content).toContain('<p>An <code>.mdx</code> file imported by a <code>.tsx</code> page.</p>');
    expect(content).toContain('<aside class="callout callout-client" role="note">Details rendered by a client component</aside>');
  });

  it('renders app/notes/page.md as Markdown', async () => {
    const { status, html } = await page(server(), '/notes');
    expect(status).toBe(200);
    expect(body(html)).toContain('<h1 class="mdx-title">Notes</h1>');
  });

  it('renders the .mdx a [slug] page imports for each generated slug, titled from its metadata', async () => {
    const first = await page(server(), '/posts/first');
    expect(first.status).toBe(200);
    expect(first.html).toContain('<title>First post | MDX site</title>');
    expect(body(first.html)).toContain('<article><h1 class="mdx-title">The first post</h1>');
    const second = await page(server(), '/posts/second');
    expect(body(second.html)).toContain('<aside class="callout callout-note" role="note">Posts use the same components.</aside>');
    // content/draft.mdx exists, but generateStaticParams does not list it.
    expect((await page(server(), '/posts/draft')).status).toBe(404);
  });
}

describe('kiln build + kiln start', () => {
  let app: string;
  let server: Server;
  let built: Awaited<ReturnType<typeof runKiln>>;
  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ app, server, built, close } = await buildAndStart('mdx'));
  });
  afterAll(async () => close?.());

  it('prerenders the MDX routes, with no warning about what @next/mdx added to next.config', async () => {
    expect(built.stdout).toMatch(/^○ \/ +1 /m);
    expect(built.stdout).toMatch(/^○ \/notes +1 /m);
    expect(built.stdout).toMatch(/^● \/posts\/\[slug\] +2 /m);
    expect(built.stdout + built.stderr).not.toContain('Kiln ignores');
    const html = await readFile(path.join(app, 'dist/pages/@index.html'), 'utf8');
    expect(html).toContain('<h1 class="mdx-title">Welcome to MDX</h1>');
  });

  servesMdx(() => server);
});

describe('kiln dev', () => {
  let app: string;
  let server: Server;

  beforeAll(async () => {
    app = await copyFixture('mdx');
    server = await startKiln(['dev', app, '--port', '0', '--host', '127.0.0.1'], { timeoutMs: 30_000 });
  });
  afterAll(async () => {
    expect(await server?.stop()).toBe(0);
    await rm(app, { recursive: true, force: true });
  });

  servesMdx(() => server);
});

describe('a page.mdx that pageExtensions leaves out', () => {
  let app: string;
  beforeAll(async () => {
    app = await copyFixture('mdx');
    const config = path.join(app, 'next.config.mjs');
    await writeFile(config, (await readFile(config, 'utf8')).replace("'md', 'mdx', ", ''));
  });
  afterAll(async () => {
    await rm(app, { recursive: true, force: true });
  });

  it('fails the build, naming the file and the extension to add', async () => {
    const result = await runKiln(['build', app]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'app/page.mdx is not used as a page file: pageExtensions (js, jsx, ts, tsx) does not include "mdx", so the file belongs ' +
        'to no route. Hint: Add "mdx" to pageExtensions in next.config.mjs: pageExtensions: ["js", "jsx", "ts", "tsx", "mdx"].',
    );
  });

  it('is an error in kiln dev too, which keeps serving the other routes', async () => {
    const server = await startKiln(['dev', app, '--port', '0', '--host', '127.0.0.1'], { timeoutMs: 30_000 });
    try {
      const deadline = Date.now() + 10_000;
      while (!server.output().includes('app/page.mdx is not used as a page file') && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(server.output()).toContain('app/page.mdx is not used as a page file');
      expect((await page(server, '/about')).status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});

describe('an .mdx file with a syntax error', () => {
  let app: string;
  beforeAll(async () => {
    app = await copyFixture('mdx');
    await writeFile(path.join(app, 'content/first.mdx'), '# The first post\n\nA sum: {1 +}\n');
  });
  afterAll(async () => {
    await rm(app, { recursive: true, force: true });
  });

  it('fails the build naming the file, line and column', async () => {
    const result = await runKiln(['build', app]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error Vite could not bundle the app: content/first.mdx:3:12: Could not parse expression with acorn.');
  });
});

describe("a next.config whose @next/mdx keeps its options inside the webpack function (@next/mdx 14)", () => {
  let app: string;
  beforeAll(async () => {
    app = await copyFixture('mdx');
    await writeFile(
      path.join(app, 'next.config.mjs'),
      [
        'export default {',
        "  pageExtensions: ['js', 'jsx', 'md', 'mdx', 'ts', 'tsx'],",
        '  webpack(config) {',
        "    config.resolve.alias['next-mdx-import-source-file'] = ['private-next-root-dir/mdx-components'];",
        '    return config;',
        '  },',
        '};',
        '',
      ].join('\n'),
    );
  });
  afterAll(async () => {
    await rm(app, { recursive: true, force: true });
  });

  it('builds without the plugins and says so once', async () => {
    const result = await runKiln(['build', app]);
    expect(result.code, result.stderr).toBe(0);
    const output = result.stdout + result.stderr;
    const warning =
      'next.config.mjs: this version of @next/mdx keeps its options (remarkPlugins, rehypePlugins, …) only inside its ' +
      'webpack function, which Kiln does not run, so MDX files compile without them.';
    expect(output.split(warning).length - 1).toBe(1);
    const html = await readFile(path.join(app, 'dist/pages/@index.html'), 'utf8');
    expect(html).toContain('<h2>Getting started</h2>');
    expect(html).toContain('==Marked==');
  });
});
