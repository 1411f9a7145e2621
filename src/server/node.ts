import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { Bytes } from './file-source.ts';
import { closeHandler, coreOf, createHandler, type Handler, type HandlerOptions, type RequestInput, type ServerCore } from './handler.ts';
import type { Reply } from './replies.ts';

/** Host header values safe to put into a URL; anything else becomes `localhost`. */
const SAFE_HOST = /^[A-Za-z0-9.\-:[\]]+$/;

export interface ListenerOptions {
  /** Errors the handler did not turn into a response itself. */
  onError?: (error: unknown) => void;
  /** True once the server is stopping: responses then end their keep-alive connections. */
  stopping?: () => boolean;
}

/**
 * A `node:http` request listener over a Web handler. For a handler made by `createHandler` it
 * calls the handler's core directly with the raw request-target (so `..` in any spelling is
 * seen and refused) and writes files without building a `Request` or `Response`; on-demand
 * rendering still gets a real `Request`. Any other handler gets the plain conversion.
 */
export function toNodeListener(
  handler: Handler,
  options: ListenerOptions = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  const { onError = (error: unknown) => console.error(error), stopping = () => false } = options;
  const core: ServerCore = coreOf(handler) ?? genericCore(handler);
  return (req, res) => {
    core(nodeInput(req, res))
      .then((result) => {
        const head = req.method === 'HEAD';
        return result instanceof Response
          ? writeResponse(res, result, head, stopping())
          : writeReply(res, result, stopping());
      })
      .catch((error: unknown) => {
        onError(error);
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
          res.end('Internal Server Error\n');
        } else {
          res.destroy();
        }
      });
  };
}

function genericCore(handler: Handler): ServerCore {
  return (input) => handler(input.request());
}

function nodeInput(req: IncomingMessage, res: ServerResponse): RequestInput {
  const target = req.url ?? '/';
  let request: Request | undefined;
  return {
    method: req.method ?? 'GET',
    target,
    raw: true,
    header(name) {
      const value = req.headers[name];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    },
    request: () => (request ??= toRequest(req, res, target)),
  };
}

/** IncomingMessage → Request: headers copied, the body passed on as a stream (never buffered). */
function toRequest(req: IncomingMessage, res: ServerResponse, target: string): Request {
  const method = req.method ?? 'GET';
  let url: string;
  if (target.charCodeAt(0) === 47 /* / */) {
    const host = req.headers.host;
    const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
    url = `${encrypted ? 'https' : 'http'}://${host !== undefined && SAFE_HOST.test(host) ? host : 'localhost'}${target}`;
  } else {
    // Absolute form (`GET http://host/path`, as sent to proxies).
    url = target;
  }
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i], raw[i + 1]);

  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  const init: RequestInit & { duplex?: 'half' } = { method, headers, signal: controller.signal };
  if (method !== 'GET' && method !== 'HEAD') {
    init.body = Readable.toWeb(req) as ReadableStream<Uint8Array>;
    init.duplex = 'half';
  }
  return new Request(url, init);
}

function writeReply(res: ServerResponse, reply: Reply, close: boolean): Promise<void> | void {
  if (close) reply.headers.connection = 'close';
  res.writeHead(reply.status, reply.headers);
  const body = reply.body;
  if (body === null) res.end();
  else if (body instanceof Uint8Array) res.end(body);
  else return pipeBody(res, body.stream());
}

/** Writes status, headers and body of a Web `Response`. */
async function writeResponse(res: ServerResponse, response: Response, head: boolean, close: boolean): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, key) => {
    if (key !== 'set-cookie') headers[key] = value;
  });
  // One array for every cookie: a flat list would keep only the last one when middleware in
  // front (kiln dev's Vite stack) has already set a header on the response.
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  // While the server stops, each response ends its keep-alive connection so close() completes.
  if (close) headers.connection = 'close';
  res.writeHead(response.status, response.statusText || undefined, headers);
  const body = response.body;
  if (body === null || head) {
    if (body !== null) await body.cancel().catch(() => {});
    res.end();
    return;
  }
  await pipeBody(res, body);
}

/** Streams under backpressure; cancels the body if the client goes away. */
async function pipeBody(res: ServerResponse, body: ReadableStream<Uint8Array | Bytes>): Promise<void> {
  const reader = body.getReader();
  const cancel = (): void => {
    if (!res.writableFinished) reader.cancel().catch(() => {});
  };
  res.once('close', cancel);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) return;
      if (!res.write(value)) await drained(res);
    }
    res.end();
  } catch (error) {
    // The headers are out; all that is left is to cut the connection so the client sees it.
    res.destroy(error as Error);
  } finally {
    res.off('close', cancel);
  }
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

export interface StartOptions extends HandlerOptions {
  /** 0 picks a free port; 3000 when absent. */
  port?: number;
  /** Interface to listen on; all interfaces when absent. */
  host?: string;
}

export interface RunningServer {
  /** `http://host:port` as a client on this machine would reach it. */
  url: string;
  port: number;
  server: Server;
  /** The Web handler it serves (for `onDemandOf` in tests). */
  handler: Handler;
  /**
   * Stops accepting connections, lets in-flight requests and background regenerations finish,
   * closes the page cache, then resolves.
   */
  close(): Promise<void>;
}

/** Creates the handler over `outDir` (reading the manifest once) and listens. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { port = 3000, host, ...handlerOptions } = options;
  const handler = await createHandler(handlerOptions);
  let stopping = false;
  const server = createServer(toNodeListener(handler, { onError: options.onError, stopping: () => stopping }));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost =
    host === undefined || host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;

  let closing: Promise<void> | null = null;
  return {
    url: `http://${shownHost}:${address.port}`,
    port: address.port,
    server,
    handler,
    close() {
      stopping = true;
      // close() stops accepting and ends idle keep-alive connections; busy ones end after
      // their response, which carries `Connection: close`.
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }).finally(() => closeHandler(handler));
      return closing;
    },
  };
}

export interface ShutdownOptions {
  signals?: readonly NodeJS.Signals[];
  /** After this long, remaining connections are cut. */
  timeoutMs?: number;
  exit?: (code: number) => void;
  log?: (message: string) => void;
}

/**
 * Wires SIGTERM and SIGINT to a graceful stop: stop accepting, finish in-flight requests, exit 0.
 * A second signal, or the timeout, cuts what is left. Returns a function that unwires it.
 */
export function handleShutdownSignals(running: RunningServer, options: ShutdownOptions = {}): () => void {
  const { signals = ['SIGTERM', 'SIGINT'], timeoutMs = 10_000, exit = (code) => process.exit(code), log } = options;
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      running.server.closeAllConnections();
      exit(0);
      return;
    }
    stopping = true;
    log?.(`${signal} received: finishing in-flight requests`);
    const timer = setTimeout(() => running.server.closeAllConnections(), timeoutMs);
    timer.unref();
    running.close().then(
      () => {
        clearTimeout(timer);
        exit(0);
      },
      (error: unknown) => {
        clearTimeout(timer);
        log?.(`error while stopping: ${String(error)}`);
        exit(1);
      },
    );
  };
  for (const signal of signals) process.on(signal, onSignal);
  return () => {
    for (const signal of signals) process.off(signal, onSignal);
  };
}
