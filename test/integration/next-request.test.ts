/**
 * next/headers, next/script and next/cache's unstable_cache / revalidateTag / noStore through the
 * CLI, over test/fixtures/next-request: a page that reads the request is λ in the build and
 * answers each request with its own cookies and headers (kiln start and kiln dev); force-static
 * reads empty values and stays prerendered; a route handler sets cookies; revalidateTag from a
 * route handler drops unstable_cache entries and marks stale the prerendered page that read them;
 * <Script> tags are in the HTML; cookies() in a static export is a build error naming the file.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, runKiln, startKiln } from '../helpers/cli.ts';
import { visibleText } from './build-helpers.ts';
import { installedFixture } from './dev-helpers.ts';

type Server = Awaited<ReturnType<typeof startKiln>>;

let dataDir: string;
let dataFile: string;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'kiln-next-request-data-'));
  dataFile = path.join(dataDir, 'data.txt');
  await writeFile(dataFile, 'v1');
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const env = (): NodeJS.ProcessEnv => ({ KILN_REQUEST_DATA: dataFile });

/** The text of the paragraph `id`, React's separators removed. */
function paragraph(html: string, id: string): string {
  const m = new RegExp(`<p id="${id}">([\\s\\S]*?)</p>`).exec(html);
  return m ? m[1].replace(/<!-- -->/g, '') : `(no #${id} in ${visibleText(html).slice(0, 80)})`;
}

function readsTheRequest(server: () => Server): void {
  it('answers each request with its own cookies and headers, never from a cache', async () => {
    const ana = await fetch(`${server().url}/whoami`, { headers: { cookie: 'theme=dark; a=1', 'x-user': 'ana' } });
    expect([ana.status, paragraph(await ana.text(), 'who')]).toEqual([200, 'theme=dark user=ana cookies=2']);
    expect(ana.headers.get('cache-control')).toBe('no-store');
    const bo = await fetch(`${server().url}/whoami`, { headers: { 'x-user': 'bo' } });
    expect(paragraph(await bo.text(), 'who')).toBe('theme=none user=bo cookies=0');
  });

  it('lets a route handler read the request and set and delete cookies', async () => {
    const res = await fetch(`${server().url}/api/cookie`, { headers: { cookie: 'theme=dark', 'x-user': 'cy' } });
    expect(await res.json()).toEqual({ user: 'cy', before: 'dark', after: 'none', visited: 'yes' });
    expect(res.headers.getSetCookie()).toEqual(['visited=yes; Path=/; HttpOnly', 'theme=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT']);
  });

  it("reads empty cookies and headers under dynamic = 'force-static'", async () => {
    const res = await fetch(`${server().url}/force-static`, { headers: { cookie: 'theme=dark' } });
    expect(paragraph(await res.text(), 'static')).toBe('theme=none headers=0');
  });

  it('writes the <Script> tags into the HTML: beforeInteractive scripts, the preload of an afterInteractive one', async () => {
    const html = await (await fetch(`${server().url}/`)).text();
    expect(html).toContain('<script data-nscript="beforeInteractive" src="/before.js"></script>');
    expect(html).toContain('<script id="inline-setup" data-nscript="beforeInteractive">window.inlineRan = (window.inlineRan || 0) + 1;</script>');
    expect(html).toMatch(/<link rel="preload" href="\/after\.js" as="script"\/>/);
    // lazyOnload leaves nothing in the HTML; it is added in the browser once the page is idle.
    expect(html).not.toMatch(/<(script|link)[^>]*lazy\.js/);
  });
}

describe('kiln build + kiln start', () => {
  let app: string;
  let server: Server;
  let built: Awaited<ReturnType<typeof runKiln>>;

  beforeAll(async () => {
    app = await copyFixture('next-request');
    built = await runKiln(['build', app], { env: env() });
    expect(built.code, built.stderr).toBe(0);
    server = await startKiln(['start', app, '--port', '0', '--host', '127.0.0.1'], { env: env() });
  });
  afterAll(async () => {
    expect(await server?.stop()).toBe(0);
    await rm(app, { recursive: true, force: true });
  });

  it('renders per request (λ) the routes that read the request or call noStore, naming each in a warning', () => {
    expect(built.stdout).toMatch(/^λ \/whoami +λ/m);
    expect(built.stdout).toMatch(/^λ \/no-store +λ/m);
    expect(built.stdout).toMatch(/^○ \/force-static +1 /m);
    expect(built.stdout).toMatch(/^○ \/tagged +1 /m);
    // A fetch with next: { revalidate: 30 } gives its route that lifetime.
    expect(built.stdout).toMatch(/^○ \/timed +1 .* 30s$/m);
    const output = built.stdout + built.stderr;
    expect(output).toContain(
      'app/whoami/page.tsx (route /whoami) called cookies() while prerendering /whoami, so the route is rendered per request',
    );
    expect(output).toContain('app/no-store/page.tsx (route /no-store) called unstable_noStore() while prerendering /no-store');
  });

  readsTheRequest(() => server);

  it('keeps unstable_cache results between requests until revalidateTag, which also marks the tagged page stale', async () => {
    const get = async (pathname: string): Promise<{ text: string; cache: string | null }> => {
      const res = await fetch(`${server.url}${pathname}`);
      return { text: await res.text(), cache: res.headers.get('x-kiln-cache') };
    };
    await writeFile(dataFile, 'v1');
    expect(paragraph((await get('/cached-live')).text, 'cached-live')).toBe('live v1');
    const built = await get('/tagged');
    expect([paragraph(built.text, 'tagged'), built.cache]).toEqual(['tagged v1', 'HIT']);

    await writeFile(dataFile, 'v2');
    // The data changed, but the cached result and the prerendered page are what is served.
    expect(paragraph((await get('/cached-live')).text, 'cached-live')).toBe('live v1');
    const stale = await get('/tagged');
    expect([paragraph(stale.text, 'tagged'), stale.cache]).toEqual(['tagged v1', 'HIT']);

    const post = await fetch(`${server.url}/api/revalidate-tag`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tag: 'posts' }),
    });
    expect(await post.json()).toEqual({ revalidated: 'posts' });

    const fresh = await get('/tagged');
    expect([paragraph(fresh.text, 'tagged'), fresh.cache]).toEqual(['tagged v2', 'MISS']);
    const again = await get('/tagged');
    expect([paragraph(again.text, 'tagged'), again.cache]).toEqual(['tagged v2', 'HIT']);
    expect(paragraph((await get('/cached-live')).text, 'cached-live')).toBe('live v2');
  });
});

describe('kiln dev', () => {
  let app: string;
  let server: Server;

  beforeAll(async () => {
    await writeFile(dataFile, 'v1');
    app = await installedFixture('next-request');
    server = await startKiln(['dev', app, '--port', '0', '--host', '127.0.0.1'], { env: env() });
  });
  afterAll(async () => {
    expect(await server?.stop()).toBe(0);
    await rm(app, { recursive: true, force: true });
  });

  readsTheRequest(() => server);
});

describe("output: 'export'", () => {
  it('refuses a page that reads cookies(), naming the file', async () => {
    const app = await mkdtemp(path.join(tmpdir(), 'kiln-next-request-export-'));
    try {
      await mkdir(path.join(app, 'app/account'), { recursive: true });
      await writeFile(path.join(app, 'next.config.mjs'), "export default { output: 'export' };\n");
      await writeFile(
        path.join(app, 'app/layout.tsx'),
        'export default function Root({ children }: { children: React.ReactNode }) {\n  return <html><body>{children}</body></html>;\n}\n',
      );
      await writeFile(path.join(app, 'app/page.tsx'), 'export default function Home() {\n  return <p>home</p>;\n}\n');
      await writeFile(
        path.join(app, 'app/account/page.tsx'),
        "import { cookies } from 'next/headers';\n\nexport default async function Account() {\n" +
          "  return <p>{(await cookies()).get('user')?.value ?? 'guest'}</p>;\n}\n",
      );
      const failed = await runKiln(['build', app]);
      expect(failed.code).toBe(1);
      expect(failed.stderr).toContain(
        "app/account/page.tsx (route /account) calls cookies() while rendering /account, which reads the request, and output: 'export' writes only static files",
      );
    } finally {
      await rm(app, { recursive: true, force: true });
    }
  });
});
