/**
 * `kiln start`'s server over a hand-made build output (the layout contract), driven over real
 * HTTP on 127.0.0.1. Requests go through `node:http` rather than fetch so that raw targets such as
 * `/../manifest.json` reach the server unnormalised.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleShutdownSignals, startServer, type RunningServer } from '../../src/server/node.ts';
import { pageFileInPages } from '../../src/output/page-files.ts';

const SECRETS = ['SECRET-MANIFEST', 'SECRET-RSC-BUNDLE', 'SECRET-OUT-ROOT', 'SECRET-OUTSIDE'];

const routes = [
  { pattern: '/', file: 'app/page.tsx', type: 'page', kind: 'static', dynamicParams: true },
  { pattern: '/about', file: 'app/about/page.tsx', type: 'page', kind: 'static', dynamicParams: true },
  { pattern: '/pricing', file: 'app/(marketing)/pricing/page.tsx', type: 'page', kind: 'static', dynamicParams: true },
  { pattern: '/tags/[tag]', file: 'app/tags/[tag]/page.tsx', type: 'page', kind: 'generated', dynamicParams: false },
  { pattern: '/blog/[slug]', file: 'app/blog/[slug]/page.tsx', type: 'page', kind: 'generated', dynamicParams: true },
  { pattern: '/docs/[...slug]', file: 'app/docs/[...slug]/page.tsx', type: 'page', kind: 'generated', dynamicParams: false },
  { pattern: '/live', file: 'app/live/page.tsx', type: 'page', kind: 'dynamic', dynamicParams: true },
  { pattern: '/api/hello', file: 'app/api/hello/route.ts', type: 'handler', kind: 'dynamic', dynamicParams: true },
].map((r) => ({ ...r, revalidate: false, dynamic: 'auto', paths: [] as string[] }));

/** Prerendered page folders (encoded, as href() writes them) → a marker in their content. */
const pages: Record<string, string> = {
  '': 'home',
  about: 'about',
  pricing: 'pricing',
  'tags/c%2B%2B': 'tag c++',
  'tags/hello%20world': 'tag hello world',
  'tags/caf%C3%A9': 'tag café',
  'tags/50%25': 'tag 50%',
  'tags/a%2Fb': 'tag a/b',
  'blog/first': 'blog first',
  'docs/a/b': 'docs a/b',
};

const BIG_SIZE = 300 * 1024 + 17;

let root: string;
let outDir: string;
let running: RunningServer;

async function put(path: string, content: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, content);
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'kiln-server-'));
  outDir = join(root, 'dist');
  await put(join(root, 'secret.txt'), 'SECRET-OUTSIDE');
  await put(
    join(outDir, 'manifest.json'),
    JSON.stringify({ version: 1, appDir: 'app', buildId: 'b1', routes, note: 'SECRET-MANIFEST' }),
  );
  await put(join(outDir, 'secret.txt'), 'SECRET-OUT-ROOT');
  await put(join(outDir, 'server/rsc/index.js'), 'export const x = "SECRET-RSC-BUNDLE";');
  for (const [folder, marker] of Object.entries(pages)) {
    const page = join(outDir, 'pages', pageFileInPages(`/${folder}`, ''));
    await put(`${page}.html`, `<!doctype html><title>${marker}</title>`);
    await put(`${page}.rsc`, `0:{"page":${JSON.stringify(marker)}}\n`);
  }
  await put(join(outDir, 'pages/@404.html'), '<!doctype html><title>not found page</title>');
  await put(join(outDir, 'client/_kiln/assets/index-abc123.js'), 'console.log("app")');
  await put(join(outDir, 'client/_kiln/assets/style-def456.css'), 'body{color:red}');
  const big = new Uint8Array(BIG_SIZE);
  for (let i = 0; i < big.length; i++) big[i] = i % 251;
  await put(join(outDir, 'client/_kiln/assets/big-0a1b2c.bin'), big);
  await put(join(outDir, 'client/favicon.ico'), 'ICO');
  await put(join(outDir, 'client/robots.txt'), 'User-agent: *');
  await put(join(outDir, 'client/images/a b.png'), 'PNG-A-B');
  await put(join(outDir, 'client/.well-known/security.txt'), 'Contact: x');
  await put(join(outDir, 'client/.vite/manifest.json'), '{}');
  running = await startServer({ outDir, port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await running?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text: string;
}

function send(path: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: running.port, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({ status: res.statusCode!, headers: res.headers, body, text: body.toString('utf8') });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Sends raw bytes as the request line, for targets `http.request` refuses to send. */
function sendRaw(target: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(running.port, '127.0.0.1', () => {
      socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`, 'latin1');
    });
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.on('error', reject);
  });
}

describe('prerendered pages', () => {
  it('serves / with HTML headers', async () => {
    const r = await send('/');
    expect(r.status).toBe(200);
    expect(r.text).toBe('<!doctype html><title>home</title>');
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-length']).toBe(String(r.body.byteLength));
    expect(r.headers['cache-control']).toBe('public, max-age=0, must-revalidate');
    expect(r.headers['etag']).toMatch(/^W\/"[0-9a-f]+-[0-9a-f]+"$/);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves static, grouped and catch-all routes', async () => {
    expect((await send('/about')).text).toContain('<title>about</title>');
    expect((await send('/pricing')).text).toContain('<title>pricing</title>');
    expect((await send('/docs/a/b')).text).toContain('<title>docs a/b</title>');
    expect((await send('/about?utm=1')).text).toContain('<title>about</title>');
  });

  it('reaches one file from every spelling of a value', async () => {
    for (const path of ['/tags/c++', '/tags/c%2B%2B', '/tags/c%2b%2b', '/tags/c+%2B']) {
      const r = await send(path);
      expect([path, r.status, r.text]).toEqual([path, 200, '<!doctype html><title>tag c++</title>']);
    }
    expect((await send('/tags/hello%20world')).text).toContain('tag hello world');
    expect((await send('/tags/50%25')).text).toContain('tag 50%');
    expect((await send('/tags/a%2Fb')).text).toContain('tag a/b');
    expect((await send('/tags/caf%C3%A9')).text).toContain('tag café');
    expect((await send('/tags/caf%c3%a9')).text).toContain('tag café');
  });

  it('redirects a trailing slash to the canonical path, keeping the query', async () => {
    const r = await send('/about/');
    expect(r.status).toBe(308);
    expect(r.headers.location).toBe('/about');
    expect((await send('/tags/c++/?x=1')).headers.location).toBe('/tags/c%2B%2B?x=1');
    expect((await send('/nope/')).status).toBe(404);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const get = await send('/about');
    const head = await send('/about', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body.byteLength).toBe(0);
    expect(head.headers['content-length']).toBe(get.headers['content-length']);
    expect(head.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(head.headers.etag).toBe(get.headers.etag);
  });

  it('answers 304 when If-None-Match names the ETag', async () => {
    const etag = (await send('/about')).headers.etag as string;
    for (const inm of [etag, etag.slice(2), `"other", ${etag}`, '*']) {
      const r = await send('/about', { headers: { 'if-none-match': inm } });
      expect([inm, r.status, r.body.byteLength]).toEqual([inm, 304, 0]);
      expect(r.headers.etag).toBe(etag);
      expect(r.headers['cache-control']).toBe('public, max-age=0, must-revalidate');
    }
    expect((await send('/about', { headers: { 'if-none-match': 'W/"0-0"' } })).status).toBe(200);
  });
});

describe('RSC payloads', () => {
  it('maps /_kiln/rsc/<path>.rsc to pages/<path>.rsc', async () => {
    const home = await send('/_kiln/rsc.rsc');
    expect(home.status).toBe(200);
    expect(home.headers['content-type']).toBe('text/x-component');
    expect(home.text).toBe('0:{"page":"home"}\n');
    for (const path of ['/_kiln/rsc/tags/c++.rsc', '/_kiln/rsc/tags/c%2B%2B.rsc', '/_kiln/rsc/tags/c%2b%2b.rsc']) {
      const r = await send(path);
      expect([path, r.status, r.text]).toEqual([path, 200, '0:{"page":"tag c++"}\n']);
    }
    expect((await send('/_kiln/rsc/docs/a/b.rsc')).text).toBe('0:{"page":"docs a/b"}\n');
  });

  it('answers 404 for payloads of unknown paths and route handlers', async () => {
    for (const path of ['/_kiln/rsc/tags/zzz.rsc', '/_kiln/rsc/nope.rsc', '/_kiln/rsc/api/hello.rsc']) {
      const r = await send(path);
      expect([path, r.status]).toEqual([path, 404]);
      expect(r.text).not.toContain('<title>');
    }
  });

  it('supports 304 and HEAD', async () => {
    const first = await send('/_kiln/rsc/about.rsc');
    const again = await send('/_kiln/rsc/about.rsc', { headers: { 'if-none-match': first.headers.etag as string } });
    expect(again.status).toBe(304);
    const head = await send('/_kiln/rsc/about.rsc', { method: 'HEAD' });
    expect([head.status, head.body.byteLength, head.headers['content-length']]).toEqual([200, 0, String(first.body.byteLength)]);
  });
});

describe('client files', () => {
  it('serves hashed assets as immutable with their content type', async () => {
    const js = await send('/_kiln/assets/index-abc123.js');
    expect(js.status).toBe(200);
    expect(js.text).toBe('console.log("app")');
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(js.headers['content-length']).toBe('18');
    expect((await send('/_kiln/assets/style-def456.css')).headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('streams a large asset whole', async () => {
    const r = await send('/_kiln/assets/big-0a1b2c.bin');
    expect(r.status).toBe(200);
    expect(r.headers['content-length']).toBe(String(BIG_SIZE));
    expect(r.headers['content-type']).toBe('application/octet-stream');
    expect(r.body.byteLength).toBe(BIG_SIZE);
    let wrong = 0;
    for (let i = 0; i < r.body.length; i++) if (r.body[i] !== i % 251) wrong++;
    expect(wrong).toBe(0);
    const head = await send('/_kiln/assets/big-0a1b2c.bin', { method: 'HEAD' });
    expect([head.status, head.body.byteLength]).toEqual([200, 0]);
    const cached = await send('/_kiln/assets/big-0a1b2c.bin', { headers: { 'if-none-match': r.headers.etag as string } });
    expect(cached.status).toBe(304);
  });

  it('serves public files with a cache that always revalidates', async () => {
    const ico = await send('/favicon.ico');
    expect([ico.status, ico.text, ico.headers['content-type']]).toEqual([200, 'ICO', 'image/x-icon']);
    expect(ico.headers['cache-control']).toBe('public, max-age=0, must-revalidate');
    expect((await send('/robots.txt')).headers['content-type']).toBe('text/plain; charset=utf-8');
    expect((await send('/images/a%20b.png')).text).toBe('PNG-A-B');
    expect((await send('/.well-known/security.txt')).text).toBe('Contact: x');
  });

  it('answers 404 with the not-found page for missing files', async () => {
    for (const path of ['/_kiln/assets/missing.js', '/_kiln/assets/', '/.vite/manifest.json', '/_kiln/assets/index-abc123.js/', '/images']) {
      const r = await send(path);
      expect([path, r.status]).toEqual([path, 404]);
    }
  });
});

describe('not found, methods, malformed paths', () => {
  it('answers unknown paths with 404 and the not-found page', async () => {
    for (const path of ['/nope', '/tags/unknown', '/tags/c++/x', '/blog/unknown', '/live', '/api/hello', '/docs', '/_kiln/other']) {
      const r = await send(path);
      expect([path, r.status, r.text]).toEqual([path, 404, '<!doctype html><title>not found page</title>']);
      expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    }
    const head = await send('/nope', { method: 'HEAD' });
    expect([head.status, head.body.byteLength]).toEqual([404, 0]);
  });

  it('answers 405 with Allow for other methods', async () => {
    for (const [method, path] of [['POST', '/'], ['PUT', '/about'], ['DELETE', '/_kiln/assets/index-abc123.js'], ['POST', '/favicon.ico'], ['OPTIONS', '/_kiln/rsc.rsc']]) {
      const r = await send(path, { method });
      expect([method, path, r.status, r.headers.allow]).toEqual([method, path, 405, 'GET, HEAD']);
    }
  });

  it('answers 400 for malformed paths', async () => {
    for (const path of ['/%zz', '/tags/%E0%A4%A', '/a%00b', '/tags/%00', '/a\\b', '/_kiln/assets/a%2Fb.js', '/_kiln/assets/a%5Cb.js', '//about', '/a//b']) {
      const r = await send(path);
      expect([path, r.status]).toEqual([path, 400]);
      expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
    }
  });

  it('never serves anything outside client/ and pages/', async () => {
    const attempts = [
      '/../manifest.json',
      '/%2e%2e/manifest.json',
      '/%2E%2E/manifest.json',
      '/.%2e/manifest.json',
      '/_kiln/assets/..%2f..%2fmanifest.json',
      '/_kiln/assets/%2e%2e/%2e%2e/server/rsc/index.js',
      '/_kiln/assets/../../server/rsc/index.js',
      '/_kiln/rsc/../../manifest.json',
      '/_kiln/rsc/%2e%2e/%2e%2e/manifest.json.rsc',
      '/_kiln/rsc/..%2f..%2fmanifest.json.rsc',
      '//etc/passwd',
      '/%252e%252e/manifest.json',
      '/_kiln/assets/%252e%252e/%252e%252e/manifest.json',
      '/..%5c..%5cmanifest.json',
      '/..\\..\\manifest.json',
      '/tags/..%2F..%2F..%2Fmanifest.json',
      '/../../secret.txt',
      '/../secret.txt',
      '/%2e%2e/%2e%2e/secret.txt',
      '/manifest.json',
      '/secret.txt',
      '/server/rsc/index.js',
      '/pages/@404.html',
      '/client/favicon.ico',
    ];
    for (const path of attempts) {
      const r = await send(path);
      expect([path, [400, 404].includes(r.status)]).toEqual([path, true]);
      for (const secret of SECRETS) expect([path, r.text.includes(secret)]).toEqual([path, false]);
    }
    // Spelled-out dot segments are refused before any lookup.
    for (const path of ['/../manifest.json', '/%2e%2e/manifest.json', '/_kiln/assets/..%2f..%2fmanifest.json', '/_kiln/rsc/../../manifest.json']) {
      expect([path, (await send(path)).status]).toEqual([path, 400]);
    }
  });

  it('refuses a raw NUL or a target outside origin form', async () => {
    expect(await sendRaw('/a%00')).toMatch(/^HTTP\/1\.1 400 /);
    expect(await sendRaw('*')).toMatch(/^HTTP\/1\.1 400 /);
  });
});

describe('startServer and shutdown', () => {
  it('reports its URL', () => {
    expect(running.url).toBe(`http://127.0.0.1:${running.port}`);
  });

  it('finishes in-flight requests on a signal, then exits 0', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const inFlight = new Promise<void>((r) => (started = r));
    const server = await startServer({
      outDir,
      port: 0,
      host: '127.0.0.1',
      onDemand: async () => {
        started();
        await gate;
        return new Response('slow page', { headers: { 'content-type': 'text/plain' } });
      },
    });
    const exits: number[] = [];
    const unwire = handleShutdownSignals(server, { signals: ['SIGUSR2'], exit: (code) => exits.push(code) });
    try {
      const pending = new Promise<Reply>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port: server.port, path: '/live' }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const body = Buffer.concat(chunks);
            resolve({ status: res.statusCode!, headers: res.headers, body, text: body.toString() });
          });
        });
        req.on('error', reject);
        req.end();
      });
      await inFlight;
      process.emit('SIGUSR2', 'SIGUSR2');
      // No longer accepting: a new connection is refused while the first request still runs.
      await expect(
        new Promise((resolve, reject) => {
          const s = connect(server.port, '127.0.0.1', () => resolve('connected'));
          s.on('error', (e: NodeJS.ErrnoException) => reject(new Error(e.code)));
        }),
      ).rejects.toThrow('ECONNREFUSED');
      expect(exits).toEqual([]);
      release();
      const reply = await pending;
      expect([reply.status, reply.text]).toEqual([200, 'slow page']);
      await server.close();
      await new Promise((r) => setImmediate(r));
      expect(exits).toEqual([0]);
    } finally {
      unwire();
      release();
      await server.close();
    }
  });

  it('cuts in-flight requests on a second signal', async () => {
    let started!: () => void;
    const inFlight = new Promise<void>((r) => (started = r));
    const server = await startServer({
      outDir,
      port: 0,
      host: '127.0.0.1',
      onDemand: () => {
        started();
        return new Promise<Response>(() => {});
      },
    });
    const exits: number[] = [];
    const unwire = handleShutdownSignals(server, { signals: ['SIGUSR2'], exit: (code) => exits.push(code) });
    try {
      const outcome = new Promise<string>((resolve) => {
        const req = httpRequest({ host: '127.0.0.1', port: server.port, path: '/live' }, () => resolve('response'));
        req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
        req.end();
      });
      await inFlight;
      process.emit('SIGUSR2', 'SIGUSR2');
      expect(exits).toEqual([]);
      process.emit('SIGUSR2', 'SIGUSR2');
      expect(exits).toEqual([0]);
      expect(await outcome).toBe('ECONNRESET');
    } finally {
      unwire();
      await server.close();
    }
  });

  it('fails to start with a catalog error when there is no build', async () => {
    await expect(startServer({ outDir: join(root, 'missing'), port: 0 })).rejects.toThrow(
      /There is no build to serve in .*missing: .*missing\/manifest\.json is missing/,
    );
  });
});
