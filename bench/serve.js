/**
 * The `--serve` mode of `npm run bench` (issue 5): requests per second for one prerendered page
 * served by `kiln start`, beside the same file served by a bare `node:http` static server
 * (static-server.js), in the same run. Each server and the load generator (load.js, autocannon)
 * run in their own processes, so no two of them share an event loop. The servers are loaded
 * alternately (Kiln, bare, Kiln, bare, ...) for the same time each, after a short warm-up each,
 * and the medians are compared: target Kiln ≥ 80 % of bare.
 */
import { spawn } from 'node:child_process';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateApp } from './app.js';
import { medianOf } from './median.js';

const kilnRoot = fileURLToPath(new URL('../', import.meta.url));
const TARGET = 0.8;
// The page loaded: a product page, prerendered through the nested [category]/[product] routes.
const PAGE = '/products/category-0/p0-0';

/** Builds a generated app once, then loads both servers `rounds` times each, alternating. */
export async function runServeBench({ pages, seconds, connections, rounds, warmup, keep, json }) {
  const loadAtStart = loadavg().map((n) => n.toFixed(2)).join(' ');
  const dir = await mkdtemp(path.join(tmpdir(), `kiln-bench-serve-`));
  const children = [];
  try {
    await generateApp(dir, pages);
    await run(process.execPath, [path.join(kilnRoot, 'bin/kiln.js'), 'build', dir], dir);
    const file = path.join(dir, 'dist/pages', `${PAGE}.html`);
    const expected = await readFile(file);

    const kiln = await startServer([path.join(kilnRoot, 'bin/kiln.js'), 'start', dir, '--port', '0', '--host', '127.0.0.1'], dir, children);
    const bare = await startServer([path.join(kilnRoot, 'bench/static-server.js'), file], dir, children);
    const servers = [
      { name: 'kiln start', url: kiln + PAGE, runs: [] },
      { name: 'bare static', url: bare + PAGE, runs: [] },
    ];
    // Both must answer 200 with the very same bytes, or the comparison means nothing.
    for (const s of servers) {
      const res = await fetch(s.url);
      const body = Buffer.from(await res.arrayBuffer());
      if (res.status !== 200 || !body.equals(expected)) {
        throw new Error(`${s.name} answered ${res.status} with ${body.length} bytes for ${PAGE}; expected 200 with the ${expected.length} bytes of ${file}`);
      }
      s.bytes = body.length;
    }

    if (warmup > 0) for (const s of servers) await load(s.url, warmup, connections);
    for (let round = 0; round < rounds; round++) {
      for (const s of servers) {
        const r = await load(s.url, seconds, connections);
        if (r.errors || r.timeouts || r.non2xx) throw new Error(`${s.name}: ${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx responses under load`);
        s.runs.push(r);
        if (!json) console.log(`round ${round + 1}/${rounds} ${s.name.padEnd(11)} ${fmtRun(r)}`);
      }
    }

    for (const s of servers) {
      s.requestsPerSecond = median(s.runs.map((r) => r.requestsPerSecond));
      s.latencyP50Ms = median(s.runs.map((r) => r.latencyP50Ms));
      s.latencyP99Ms = median(s.runs.map((r) => r.latencyP99Ms));
    }
    const ratio = servers[0].requestsPerSecond / servers[1].requestsPerSecond;
    const summary = {
      page: PAGE,
      bytes: servers[0].bytes,
      pages,
      seconds,
      connections,
      rounds,
      kiln: pick(servers[0]),
      bare: pick(servers[1]),
      ratio,
      target: TARGET,
      met: ratio >= TARGET,
    };
    if (json) {
      console.log(JSON.stringify({ summary, runs: Object.fromEntries(servers.map((s) => [s.name, s.runs])) }, null, 2));
    } else {
      console.log(
        [
          '',
          `median of ${rounds} × ${seconds} s per server, ${connections} keep-alive connections, GET ${PAGE} (${summary.bytes} bytes) on loopback:`,
          `  kiln start   ${fmtSummary(summary.kiln)}`,
          `  bare static  ${fmtSummary(summary.bare)}`,
          `  Kiln/bare ${(ratio * 100).toFixed(1)} % of requests/s (target ≥ ${TARGET * 100} %: ${summary.met ? 'met' : 'NOT met'})`,
          `  load average at start ${loadAtStart}; servers and load generator share this machine's cores`,
        ].join('\n'),
      );
    }
    return summary;
  } finally {
    for (const child of children) child.kill('SIGTERM');
    if (keep) console.log(`kept ${dir}`);
    else await rm(dir, { recursive: true, force: true });
  }
}

const pick = (s) => ({ requestsPerSecond: s.requestsPerSecond, latencyP50Ms: s.latencyP50Ms, latencyP99Ms: s.latencyP99Ms });

const median = (xs) => medianOf(xs, (x) => x);

function fmtRun(r) {
  return `${Math.round(r.requestsPerSecond)} req/s, p50 ${r.latencyP50Ms} ms, p99 ${r.latencyP99Ms} ms (${r.requests} requests)`;
}

function fmtSummary(s) {
  return `${Math.round(s.requestsPerSecond)} req/s, latency p50 ${s.latencyP50Ms} ms, p99 ${s.latencyP99Ms} ms`;
}

/** Runs a command to completion, keeping its output only to show it on failure. */
function run(cmd, args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(args[0])} ${args[1] ?? ''} exited with ${code}:\n${output}`))));
  });
}

/** Starts a server process and resolves with the base URL it prints (colours stripped). */
function startServer(args, cwd, children) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    children.push(child);
    let output = '';
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} printed no URL within 30 s:\n${output}`)), 30_000);
    const onData = (d) => {
      output += d;
      // eslint-disable-next-line no-control-regex
      const url = /http:\/\/[\w.:[\]]+/.exec(output.replace(/\x1b\[[0-9;]*m/g, ''))?.[0];
      if (url) {
        clearTimeout(timer);
        resolve(url);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited with ${code}:\n${output}`));
    });
  });
}

/** Loads a URL from a separate process (load.js) and returns its one-line JSON result. */
function load(url, seconds, connections) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(kilnRoot, 'bench/load.js'), url, String(seconds), String(connections)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`load.js exited with ${code}`));
      try {
        resolve(JSON.parse(output.trim().split('\n').at(-1)));
      } catch (error) {
        reject(error);
      }
    });
  });
}
