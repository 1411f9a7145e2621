/**
 * The `--dev` mode of `npm run bench`: how fast `kiln dev` starts on the example store. Each run
 * copies examples/store (without dist/ and .kiln/, so Vite's dependency cache is cold) into a
 * fresh folder inside the repo (.tmp/, gitignored) so that `react` resolves from the repo's
 * node_modules, then starts `kiln dev` twice on that copy: the first start is cold, the second
 * finds the dependency cache the first one left. Every start requests a dynamic page the moment
 * the server prints its URL. Targets (issue): ready < 1.5 s, first dynamic page < 500 ms.
 */
import { spawn } from 'node:child_process';
import { cp, mkdir, rm } from 'node:fs/promises';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { medianOf } from './median.js';

const kilnRoot = fileURLToPath(new URL('../', import.meta.url));
const EXAMPLE = path.join(kilnRoot, 'examples/store');
const PAGE = '/shop/glazes/tenmoku';
const READY_TARGET_MS = 1500;
const FIRST_PAGE_TARGET_MS = 500;
// Build output and Vite's cache are left out of the copy so that every run starts cold.
const SKIPPED = new Set(['dist', '.kiln', 'node_modules']);

export async function runDevBench({ runs, keep, json }) {
  const loadAtStart = loadavg().map((n) => n.toFixed(2)).join(' ');
  const base = path.join(kilnRoot, '.tmp');
  await mkdir(base, { recursive: true });
  const dirs = [];
  const results = [];
  try {
    for (let i = 0; i < runs; i++) {
      const dir = path.join(base, `bench-dev-${process.pid}-${i + 1}`);
      await rm(dir, { recursive: true, force: true });
      dirs.push(dir);
      await cp(EXAMPLE, dir, { recursive: true, filter: (src) => !SKIPPED.has(path.basename(src)) });
      const cold = await startOnce(dir);
      const warm = await startOnce(dir);
      const r = { readyMs: cold.readyMs, firstPageMs: cold.firstPageMs, firstRequestMs: cold.requestMs, warmReadyMs: warm.readyMs, warmRequestMs: warm.requestMs, status: cold.status, bytes: cold.bytes };
      results.push(r);
      if (!json) console.log(`run ${i + 1}/${runs}: ${fmtRun(r)}`);
    }
  } finally {
    for (const dir of dirs) {
      if (keep) console.log(`kept ${dir}`);
      else await rm(dir, { recursive: true, force: true });
    }
  }
  const m = (k) => median(results.map((r) => r[k]));
  const summary = {
    page: PAGE,
    runs,
    readyMs: m('readyMs'),
    firstPageMs: m('firstPageMs'),
    firstRequestMs: m('firstRequestMs'),
    warmReadyMs: m('warmReadyMs'),
    warmRequestMs: m('warmRequestMs'),
    targets: { readyMs: READY_TARGET_MS, firstPageMs: FIRST_PAGE_TARGET_MS },
  };
  summary.readyMet = summary.readyMs < READY_TARGET_MS;
  summary.warmRequestMet = summary.warmRequestMs < FIRST_PAGE_TARGET_MS;
  summary.coldRequestMet = summary.firstRequestMs < FIRST_PAGE_TARGET_MS;
  if (json) {
    console.log(JSON.stringify({ summary, runs: results }, null, 2));
  } else {
    const met = (ok) => (ok ? 'met' : 'NOT met');
    console.log(
      [
        '',
        `median of ${runs} run${runs === 1 ? '' : 's'} of kiln dev on a copy of examples/store, GET ${PAGE} as soon as ready:`,
        `  cold start: ready ${fmtMs(summary.readyMs)} (target < ${READY_TARGET_MS} ms: ${met(summary.readyMet)})`,
        `              first page complete ${fmtMs(summary.firstPageMs)} after spawn, request ${fmtMs(summary.firstRequestMs)} (target < ${FIRST_PAGE_TARGET_MS} ms: ${met(summary.coldRequestMet)})`,
        `  warm start (Vite dependency cache kept): ready ${fmtMs(summary.warmReadyMs)}, first request ${fmtMs(summary.warmRequestMs)} (target < ${FIRST_PAGE_TARGET_MS} ms: ${met(summary.warmRequestMet)})`,
        `  load average at start ${loadAtStart}`,
      ].join('\n'),
    );
  }
  return summary;
}

/**
 * Spawns `kiln dev`, waits for the printed URL, requests the page at once and reads the whole
 * body, then stops the server with SIGTERM and waits for it to exit.
 */
async function startOnce(dir) {
  const args = [path.join(kilnRoot, 'bin/kiln.js'), 'dev', dir, '--port', '0', '--host', '127.0.0.1'];
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let output = '';
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  try {
    const url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`kiln dev printed no URL within 60 s:\n${output}`)), 60_000);
      child.stdout.on('data', (d) => {
        output += d;
        // eslint-disable-next-line no-control-regex
        const found = /http:\/\/[\w.:[\]]+/.exec(output.replace(/\x1b\[[0-9;]*m/g, ''))?.[0];
        if (found) {
          clearTimeout(timer);
          resolve(found);
        }
      });
      child.stderr.on('data', (d) => (output += d));
      child.on('error', reject);
      exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`kiln dev exited with ${code} before printing a URL:\n${output}`));
      });
    });
    const readyMs = performance.now() - started;
    const res = await fetch(url + PAGE);
    const body = Buffer.from(await res.arrayBuffer());
    const done = performance.now();
    if (res.status !== 200) throw new Error(`kiln dev answered ${res.status} for ${PAGE}:\n${body.toString('utf8').slice(0, 2000)}\n${output}`);
    return { readyMs, firstPageMs: done - started, requestMs: done - started - readyMs, status: res.status, bytes: body.length };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

const median = (xs) => medianOf(xs, (x) => x);

function fmtMs(ms) {
  return `${Math.round(ms)} ms`;
}

function fmtRun(r) {
  return `cold: ready ${fmtMs(r.readyMs)}, first page ${fmtMs(r.firstPageMs)} after spawn (request ${fmtMs(r.firstRequestMs)}, ${r.bytes} bytes); warm: ready ${fmtMs(r.warmReadyMs)}, first request ${fmtMs(r.warmRequestMs)}`;
}
