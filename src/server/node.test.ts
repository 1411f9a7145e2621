import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Handler } from './handler.ts';
import { toNodeListener } from './node.ts';

let server: Server | undefined;

afterEach(async () => {
  await new Promise((r) => server?.close(r));
  server = undefined;
});

async function serve(handler: Handler, onError?: (e: unknown) => void): Promise<number> {
  server = createServer(toNodeListener(handler, { onError }));
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

function send(port: number, path: string, method = 'GET', body?: string) {
  return new Promise<{ status: number; message: string; headers: Record<string, unknown>; text: string }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method, headers: { 'x-test': 'yes' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, message: res.statusMessage!, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('toNodeListener over any Web handler', () => {
  it('passes method, URL, headers and a streamed body in', async () => {
    const port = await serve(async (request) => {
      const body = request.body ? await request.text() : '<none>';
      return new Response(`${request.method} ${new URL(request.url).pathname}${new URL(request.url).search} ${request.headers.get('x-test')} ${body}`);
    });
    expect((await send(port, '/a/b?c=1')).text).toBe('GET /a/b?c=1 yes <none>');
    expect((await send(port, '/p', 'POST', 'hello')).text).toBe('POST /p yes hello');
  });

  it('writes status, status text, repeated cookies and a streamed body out', async () => {
    const port = await serve(async () => {
      const headers = new Headers({ 'content-type': 'text/plain' });
      headers.append('set-cookie', 'a=1');
      headers.append('set-cookie', 'b=2');
      const chunks = ['one ', 'two ', 'three'];
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          const next = chunks.shift();
          if (next === undefined) controller.close();
          else controller.enqueue(new TextEncoder().encode(next));
        },
      });
      return new Response(body, { status: 201, statusText: 'Made', headers });
    });
    const reply = await send(port, '/');
    expect([reply.status, reply.message, reply.text]).toEqual([201, 'Made', 'one two three']);
    expect(reply.headers['set-cookie']).toEqual(['a=1', 'b=2']);
  });

  it('sends no body for HEAD', async () => {
    const port = await serve(async () => new Response('body', { headers: { 'content-length': '4' } }));
    const reply = await send(port, '/', 'HEAD');
    expect([reply.status, reply.text, reply.headers['content-length']]).toEqual([200, '', '4']);
  });

  it('answers 500 when the handler throws, and reports the error', async () => {
    const errors: string[] = [];
    const port = await serve(
      async () => {
        throw new Error('boom');
      },
      (e) => errors.push((e as Error).message),
    );
    const reply = await send(port, '/');
    expect([reply.status, reply.text]).toEqual([500, 'Internal Server Error\n']);
    expect(errors).toEqual(['boom']);
  });
});
