/**
 * `npm run bench -- --floor [--pages N]`: what React alone costs per page on this machine, with
 * nothing of Kiln around it. The bench page's tree (root layout, async category layout, async
 * product page with a 20-item list and a client `Link`) is rendered the way a build renders it:
 * Flight to bytes (React's own Node build, in a process started with the `react-server`
 * condition, as React requires), then, in a second process, the payload decoded inside a Fizz
 * render to HTML. Each process reports its CPU per page once warm (the second half of the
 * pages), and the extra CPU of the first half: a fresh thread's warm-up while V8 compiles and
 * optimizes React. Per page plus one warm-up per core is a floor for any React Server
 * Components build on this machine, before a file is written or a bundle is built.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);
const require = createRequire(import.meta.url);
const VENDOR = '@vitejs/plugin-rsc/vendor/react-server-dom';

export async function runFloorBench({ pages, json }) {
  const load = loadavg().map((n) => n.toFixed(2)).join(' ');
  const flight = await child(['--conditions=react-server', self, 'flight', String(pages)]);
  const html = await child([self, 'html', String(pages)], flight.payload);
  const perPage = flight.msPerPage + html.msPerPage;
  const warmupMs = flight.warmupMs + html.warmupMs;
  const cores = cpus().length;
  const summary = {
    pages,
    flightMsPerPage: flight.msPerPage,
    htmlMsPerPage: html.msPerPage,
    msPerPage: perPage,
    warmupMsPerThread: warmupMs,
    cores,
    // Every core's thread warms up once, then the pages are shared.
    tenThousandPagesS: (10_000 * perPage + cores * warmupMs) / cores / 1000,
    payloadBytes: Buffer.from(flight.payload, 'base64').byteLength,
    htmlBytes: html.bytes,
  };
  if (json) {
    console.log(JSON.stringify(summary, null, 2));
    return summary;
  }
  console.log(
    [
      `React alone, production builds, ${pages} pages per pass (CPU per page over the warm second half):`,
      `  Flight (RSC payload, ${summary.payloadBytes} B):      ${flight.msPerPage.toFixed(3)} ms`,
      `  decode + Fizz prerender (HTML, ${html.bytes} B): ${html.msPerPage.toFixed(3)} ms`,
      `  per page, warm:                          ${perPage.toFixed(3)} ms`,
      `  warm-up of a fresh thread (extra CPU):   ${Math.round(warmupMs)} ms`,
      `  10,000 pages on ${cores} cores, React alone: ${summary.tenThousandPagesS.toFixed(2)} s (each core's thread warms up once)`,
      `  load average at start ${load}`,
    ].join('\n'),
  );
  return summary;
}

function child(args, input) {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, args, { env: { ...process.env, NODE_ENV: 'production' }, stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    proc.stdout.on('data', (d) => (out += d));
    proc.on('error', reject);
    proc.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`react-floor ${args.at(-2)} exited with ${code}`))));
    proc.stdin.end(input ?? '');
  });
}

/**
 * CPU ms per page over the second half of `pages` runs of `one` (warm), and the CPU the first
 * half cost beyond that rate: what a fresh thread pays while V8 compiles and optimizes React.
 */
async function measure(pages, one) {
  const half = Math.floor(pages / 2);
  const cpu = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  const t0 = cpu();
  for (let i = 0; i < half; i++) await one(i);
  const t1 = cpu();
  for (let i = half; i < pages; i++) await one(i);
  const msPerPage = (cpu() - t1) / (pages - half);
  return { msPerPage, warmupMs: Math.max(0, t1 - t0 - msPerPage * half) };
}

/** Collects what React writes into a Node destination. */
function sink() {
  const chunks = [];
  let done;
  const finished = new Promise((resolve, reject) => (done = { resolve, reject }));
  return {
    finished,
    destination: {
      // Flight writes strings as well as bytes.
      write(chunk) {
        chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
        return true;
      },
      end() {
        done.resolve(Buffer.concat(chunks));
      },
      destroy(error) {
        done.reject(error);
      },
      on() {
        return this;
      },
    },
  };
}

async function flightPass(pages) {
  const React = require('react');
  const { renderToPipeableStream, registerClientReference } = require(`${VENDOR}/server.node`);
  const h = React.createElement;
  const Link = registerClientReference(() => {
    throw new Error('a client component');
  }, 'link', 'default');
  const manifest = { link: { id: 'link', chunks: [], name: 'default' } };
  function RootLayout({ children }) {
    return h('html', { lang: 'en' }, h('body', null, h('header', null, 'Bench Store'), children));
  }
  async function CategoryLayout({ params, children }) {
    const { category } = await params;
    return h('section', null, h('h2', { className: 'category' }, 'Category ', category), children);
  }
  async function ProductPage({ params }) {
    const { category, product } = await params;
    const features = Array.from({ length: 20 }, (_, i) => `Feature ${i + 1} of ${product}`);
    return h(
      'main',
      null,
      h('h1', null, 'Product ', product),
      h('p', null, 'A fine product from ', category, ', made to last and priced to sell.'),
      h('ul', null, features.map((f) => h('li', { key: f }, f))),
      h(Link, { href: '/' }, 'Home'),
    );
  }
  let payload;
  const one = async (i) => {
    const params = Promise.resolve({ category: `category-${i % 10}`, product: `p${i % 10}-${i}` });
    const tree = h(RootLayout, null, h(CategoryLayout, { params }, h(ProductPage, { params })));
    const { destination, finished } = sink();
    renderToPipeableStream({ root: tree, pathname: `/products/${i}`, params: {} }, manifest).pipe(destination);
    payload = await finished;
  };
  return { ...(await measure(pages, one)), payload: payload.toString('base64') };
}

async function htmlPass(pages, payloadBase64) {
  const React = require('react');
  const { prerenderToNodeStream } = require('react-dom/static.node');
  const { createFromNodeStream } = require(`${VENDOR}/client.node`);
  const { Readable } = require('node:stream');
  const h = React.createElement;
  const Link = ({ href, children }) => h('a', { href }, children);
  globalThis.__webpack_require__ = () => ({ default: Link });
  const manifest = { moduleMap: { link: { default: { id: 'link', chunks: [], name: 'default' } } }, serverModuleMap: null, moduleLoading: null };
  const payload = Buffer.from(payloadBase64, 'base64');
  let bytes = 0;
  const one = async () => {
    let decoded;
    function Root() {
      decoded ??= createFromNodeStream(Readable.from([payload]), manifest);
      return React.use(decoded).root;
    }
    const { prelude } = await prerenderToNodeStream(h(Root), { bootstrapModules: ['/assets/index.js'] });
    const chunks = [];
    for await (const chunk of prelude) chunks.push(chunk);
    bytes = Buffer.concat(chunks).byteLength;
  };
  return { ...(await measure(pages, one)), bytes };
}

const [mode, count] = process.argv.slice(2);
if (mode === 'flight' || mode === 'html') {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const result = mode === 'flight' ? await flightPass(Number(count)) : await htmlPass(Number(count), Buffer.concat(chunks).toString('utf8'));
  process.stdout.write(JSON.stringify(result));
}
