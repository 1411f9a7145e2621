/**
 * A plain static file server over a folder, as a static host serves a `kiln build` export: the
 * request path is decoded, then `<path>`, `<path>.html` and `<path>/index.html` are tried, and
 * anything else gets `404.html` with status 404. It knows nothing of Kiln (`.rsc` files go out
 * as application/octet-stream). Optionally mounted below a base path. Records every request.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export interface StaticServer {
  url: string;
  /** Every request path (with query), in order. */
  requests: string[];
  close(): Promise<void>;
}

export async function serveStatic(dir: string, basePath = ''): Promise<StaticServer> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const target = req.url ?? '/';
    requests.push(target);
    void answer(target).then(({ status, type, body }) => {
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    });
  });

  async function answer(target: string): Promise<{ status: number; type: string; body: Buffer | string }> {
    let pathname = target.split('?')[0];
    if (basePath) {
      if (pathname !== basePath && !pathname.startsWith(`${basePath}/`)) return notFound();
      pathname = pathname.slice(basePath.length) || '/';
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return { status: 400, type: 'text/plain', body: 'bad request' };
    }
    if (decoded.split('/').some((part) => part === '..')) return { status: 400, type: 'text/plain', body: 'bad request' };
    const base = path.join(dir, decoded);
    for (const candidate of [base, `${base.replace(/\/$/, '')}.html`, path.join(base, 'index.html')]) {
      const file = await readable(candidate);
      if (file) return { status: 200, type: TYPES[path.extname(candidate)] ?? 'application/octet-stream', body: file };
    }
    return notFound();
  }

  async function notFound(): Promise<{ status: number; type: string; body: Buffer | string }> {
    return { status: 404, type: TYPES['.html'], body: (await readable(path.join(dir, '404.html'))) ?? 'not found' };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function readable(file: string): Promise<Buffer | null> {
  try {
    if (!(await stat(file)).isFile()) return null;
    return await readFile(file);
  } catch {
    return null;
  }
}
