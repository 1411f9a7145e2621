/**
 * One table of requests and what the user gets back, run against every server Kiln has:
 * `kiln start` over a build, `kiln dev` over the source, and the static export (`out/`) served by
 * a plain static file server, for the rows a static host can answer. The fixture lives under a
 * `basePath` with `trailingSlash`, and has nested not-found pages, a page that calls
 * `notFound()`, one that calls `redirect()`, a route handler and a `dynamicParams = false` route.
 */
import { request, type IncomingHttpHeaders } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, runKiln, startKiln } from '../helpers/cli.ts';
import { serveStatic, type StaticServer } from './next-static-server.ts';

interface Answer {
  status: number;
  location?: string;
  /** The start of the content type. */
  type?: string;
  /** Text the body must hold. */
  marks?: string[];
}

interface Row extends Answer {
  request: string;
  /** What the static export answers, where it differs; false where a static host cannot answer. */
  exported?: Answer | false;
}

const HTML = 'text/html';
const ROOT_NOT_FOUND = '<h1>root not found</h1>';

const TABLE: Row[] = [
  { request: '/site/', status: 200, type: HTML, marks: ['<h1>home page</h1>', 'site header'] },
  { request: '/site', status: 308, location: '/site/', exported: false },
  { request: '/site/shop/apple/', status: 200, type: HTML, marks: ['<section data-layout="shop"><h1>item <!-- -->apple</h1></section>'] },
  { request: '/site/shop/apple', status: 308, location: '/site/shop/apple/', exported: false },
  // The nearest not-found page, inside the shop's layout; a static host has one 404.html.
  {
    request: '/site/shop/banana/',
    status: 404,
    type: HTML,
    marks: ['<section data-layout="shop"><h1>shop not found</h1></section>'],
    exported: { status: 404, type: HTML, marks: [ROOT_NOT_FOUND] },
  },
  { request: '/site/nothing/', status: 404, type: HTML, marks: [ROOT_NOT_FOUND, 'site header'] },
  { request: '/site/gone/', status: 404, type: HTML, marks: [ROOT_NOT_FOUND] },
  { request: '/site/moved/', status: 307, location: '/site/shop/apple/', exported: false },
  { request: '/site/api/hello/', status: 200, type: 'application/json', marks: ['{"hello":"world"}'], exported: false },
  // Client navigation payloads: a redirect's payload answers 200 (the client router reads it).
  { request: '/site/_kiln/rsc/shop/apple.rsc', status: 200, type: 'text/x-component', marks: ['item'], exported: { status: 200, marks: ['item'] } },
  { request: '/site/_kiln/rsc/moved.rsc', status: 200, type: 'text/x-component', exported: { status: 200 } },
  { request: '/site/_kiln/rsc/shop/banana.rsc', status: 404, exported: { status: 404 } },
  // Malformed and dot-segment URLs never reach a page.
  { request: '/site/%E0%A4%A/', status: 400, exported: false },
  { request: '/site/shop/%2e%2e/', status: 400, exported: false },
  { request: '/outside/', status: 404, type: HTML, marks: [ROOT_NOT_FOUND], exported: false },
];

let app: string;

beforeAll(async () => {
  app = await copyFixture('conformance');
  const built = await runKiln(['build', app, '--export']);
  expect(built.code, built.stdout + built.stderr).toBe(0);
});

async function check(base: string, request: string, answer: Answer): Promise<void> {
  const res = await rawGet(base, request);
  expect(res.status, res.body).toBe(answer.status);
  if (answer.location !== undefined) expect(res.headers.location).toBe(answer.location);
  if (answer.type !== undefined) expect(String(res.headers['content-type'] ?? '')).toMatch(new RegExp(`^${answer.type}`));
  for (const mark of answer.marks ?? []) expect(res.body).toContain(mark);
}

/** A GET with the target exactly as written: fetch() would resolve `%2e%2e` and friends first. */
function rawGet(base: string, target: string): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path: target, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

for (const mode of ['start', 'dev'] as const) {
  describe(`kiln ${mode}`, () => {
    let server: Awaited<ReturnType<typeof startKiln>>;
    beforeAll(async () => {
      server = await startKiln([mode, app, '--port', '0', '--host', '127.0.0.1'], { timeoutMs: 60_000 });
    });
    afterAll(async () => {
      await server?.stop();
    });
    it.each(TABLE)('$request', async (row) => check(server.url, row.request, row));
  });
}

describe('the static export on a plain static host', () => {
  let host: StaticServer;
  beforeAll(async () => {
    host = await serveStatic(path.join(app, 'out'), '/site');
  });
  afterAll(async () => {
    await host?.close();
  });
  it.each(TABLE.filter((row) => row.exported !== false))('$request', async (row) => check(host.url, row.request, row.exported || row));
});
