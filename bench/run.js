/**
 * `npm run bench -- --pages N [--runs R] [--export] [--concurrency C] [--keep] [--json] [--cpu-prof DIR]`
 * `npm run bench -- --serve [--seconds S] [--connections C] [--pages N] [--runs R] [--keep] [--json]`
 *   (the load test of `kiln start`; see serve.js)
 * `npm run bench -- --dev [--runs R] [--keep] [--json]` (start-up of `kiln dev`; see dev.js)
 * `npm run bench -- --floor [--pages N] [--json]` (what React alone costs per page; see react-floor.js)
 * `npm run bench -- --incremental [--pages N] [--runs R] [--keep] [--json]` (rebuilds beside a cold build; see incremental.js)
 * `npm run bench -- --shards N [--pages P] [--runs R] [--keep] [--json]` (a sharded build and its
 *   merge beside a one-machine build; see shards.js)
 *
 * Generates the benchmark app (bench/app.js) into a fresh temporary folder for every run and
 * builds it cold with `kiln build` (the compiled CLI; `build()` from dist/ when the command is
 * missing) in a child process. Prints, per run and as medians: wall time of the whole command,
 * pages per second, CPU time of every process (the build and the bundler it starts; worker
 * threads count in their process), peak memory of all of them together (sampled from /proc), and
 * the build's own split into bundle, params, render and write. `npm run bench` compiles first.
 * With `--export` the app has `output: 'export'` in its next.config.mjs, as a Next.js user sets it,
 * and the time is still that of the whole command, static export included.
 * The output goes under TMPDIR (default /tmp); the file system matters a lot, so it is printed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateApp } from './app.js';
import { runDevBench } from './dev.js';
import { runFloorBench } from './react-floor.js';
import { runServeBench } from './serve.js';
import { buildOnce } from './build-once.js';
import { medianOf } from './median.js';
import { runIncrementalBench } from './incremental.js';
import { runShardBench } from './shards.js';

const kilnRoot = fileURLToPath(new URL('../', import.meta.url));

const { values } = parseArgs({
  options: {
    pages: { type: 'string' },
    runs: { type: 'string' },
    serve: { type: 'boolean', default: false },
    dev: { type: 'boolean', default: false },
    floor: { type: 'boolean', default: false },
    incremental: { type: 'boolean', default: false },
    export: { type: 'boolean', default: false },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    concurrency: { type: 'string' },
    keep: { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
    json: { type: 'boolean', default: false },
    shards: { type: 'string' },
  },
});
if (values.shards !== undefined) {
  await runShardBench({
    shards: positiveInt('shards', values.shards),
    pages: positiveInt('pages', values.pages ?? '100000'),
    runs: positiveInt('runs', values.runs ?? '1'),
    keep: values.keep,
    json: values.json,
  });
  process.exit(0);
}
if (values.incremental) {
  if (!existsSync(path.join(kilnRoot, 'dist/commands/build.js'))) {
    console.error('bench: dist/commands/build.js is missing; run `npm run build` first.');
    process.exit(1);
  }
  await runIncrementalBench({ pages: positiveInt('pages', values.pages ?? '10000'), runs: positiveInt('runs', values.runs ?? '3'), keep: values.keep, json: values.json });
  process.exit(0);
}
if (values.floor) {
  await runFloorBench({ pages: positiveInt('pages', values.pages ?? '6000'), json: values.json });
  process.exit(0);
}
if (values.dev) {
  if (!existsSync(path.join(kilnRoot, 'dist/commands/dev.js'))) {
    console.error('bench: dist/commands/dev.js is missing; run `npm run build` first.');
    process.exit(1);
  }
  await runDevBench({ runs: positiveInt('runs', values.runs ?? '3'), keep: values.keep, json: values.json });
  process.exit(0);
}
if (values.serve) {
  if (!existsSync(path.join(kilnRoot, 'dist/commands/start.js'))) {
    console.error('bench: dist/commands/start.js is missing; run `npm run build` first.');
    process.exit(1);
  }
  await runServeBench({
    pages: positiveInt('pages', values.pages ?? '100'),
    rounds: positiveInt('runs', values.runs ?? '2'),
    seconds: positiveInt('seconds', values.seconds),
    connections: positiveInt('connections', values.connections),
    warmup: 1,
    keep: values.keep,
    json: values.json,
  });
  process.exit(0);
}
const requested = positiveInt('pages', values.pages ?? '1000');
const runs = positiveInt('runs', values.runs ?? '3');
if (values.concurrency !== undefined) positiveInt('concurrency', values.concurrency);

if (!existsSync(path.join(kilnRoot, 'dist/build/index.js'))) {
  console.error('bench: dist/ is missing; run `npm run build` first.');
  process.exit(1);
}
const useCli = existsSync(path.join(kilnRoot, 'dist/commands/build.js'));

const results = [];
const loadAtStart = loadavg().map((n) => n.toFixed(2)).join(' ');
// Runs are deleted only at the end: on ext4, deleting tens of thousands of files makes creating
// files slow for the next half minute or so (the inode allocator skips recently freed inodes),
// which would slow the next run down.
const dirs = [];
try {
  for (let i = 0; i < runs; i++) {
    const dir = await mkdtemp(path.join(tmpdir(), `kiln-bench-${requested}-`));
    dirs.push(dir);
    const { pages } = await generateApp(dir, requested, { exportStatic: values.export });
    const result = await buildOnce(dir, { useCli, concurrency: values.concurrency, cpuProf: values['cpu-prof'] });
    const written = await countManifestPaths(dir);
    if (written !== pages) throw new Error(`expected ${pages} pages in the manifest, found ${written}`);
    if (values.export) {
      const exported = await countExportedPages(dir);
      if (exported !== pages) throw new Error(`expected ${pages} pages in out/, found ${exported}`);
    }
    results.push({ pages, ...result });
    if (!values.json) console.log(`run ${i + 1}/${runs}: ${line(results.at(-1))}`);
  }
} finally {
  for (const dir of dirs) {
    if (values.keep) console.log(`kept ${dir}`);
    else await rm(dir, { recursive: true, force: true });
  }
}

const median = (pick) => medianOf(results, pick);
const summary = {
  pages: results[0].pages,
  runs,
  via: `${useCli ? 'kiln build (CLI)' : 'build() from dist/build/index.js'}${values.export ? " with output: 'export'" : ''}`,
  wallMs: median((r) => r.wallMs),
  pagesPerSecond: median((r) => r.pages / (r.wallMs / 1000)),
  cpuMs: median((r) => r.cpuMs),
  userMs: median((r) => r.userMs),
  systemMs: median((r) => r.systemMs),
  peakMiB: median((r) => r.peakMiB),
  peakSumMiB: median((r) => r.peakSumMiB),
  phases: Object.fromEntries(
    ['bundleMs', 'paramsMs', 'renderMs', 'writeMs', 'prerenderMs', 'exportMs', 'totalMs'].map((k) => [k, median((r) => r.timings?.[k] ?? NaN)]),
  ),
  workers: results[0].timings?.workers,
};
if (values.json) {
  console.log(JSON.stringify({ summary, runs: results }, null, 2));
} else {
  const p = summary.phases;
  console.log(
    [
      '',
      `median of ${runs} cold build${runs === 1 ? '' : 's'} of ${summary.pages} pages (${summary.via}, ${summary.workers === 0 ? 'rendered in the main thread' : `${summary.workers ?? '?'} render worker(s)`}):`,
      `  wall ${fmtS(summary.wallMs)}   ${Math.round(summary.pagesPerSecond)} pages/s   CPU ${fmtS(summary.cpuMs)} (user ${fmtS(summary.userMs)}, sys ${fmtS(summary.systemMs)})   peak ${summary.peakMiB.toFixed(0)} MiB (processes' own peaks added up: ${summary.peakSumMiB.toFixed(0)} MiB)`,
      `  phases: bundle ${fmtS(p.bundleMs)} · prerender ${fmtS(p.prerenderMs)} (params ${fmtS(p.paramsMs)}, render ${fmtS(p.renderMs)}, write ${fmtS(p.writeMs)})${values.export ? ` · export ${fmtS(p.exportMs)}` : ''} · build total ${fmtS(p.totalMs)}`,
      '  (params: main-thread time producing params; render: busy time of the render threads apart from writing, and write: time writing files, both summed over threads)',
      ...(values.export ? ['  (export: what the static export adds after the last page is written: assets, route handlers, moving out/ in)'] : []),
      `  output under ${tmpdir()} (${fsType(tmpdir())}); load average at start ${loadAtStart}`,
    ].join('\n'),
  );
}

async function countManifestPaths(dir) {
  const manifest = JSON.parse(await readFile(path.join(dir, 'dist/manifest.json'), 'utf8'));
  return manifest.routes.reduce((n, r) => n + r.paths.length, 0);
}

/** The pages a static host finds in `out/`: every `.html` file but the 404 page. */
async function countExportedPages(dir) {
  const entries = await readdir(path.join(dir, 'out'), { recursive: true });
  return entries.filter((e) => e.endsWith('.html') && e !== '404.html').length;
}

function line(r) {
  return `${r.pages} pages, wall ${fmtS(r.wallMs)}, ${Math.round(r.pages / (r.wallMs / 1000))} pages/s, CPU ${fmtS(r.cpuMs)} (user ${fmtS(r.userMs)}, sys ${fmtS(r.systemMs)}), peak ${r.peakMiB.toFixed(0)} MiB (sum of peaks ${r.peakSumMiB.toFixed(0)} MiB, ${r.processes} processes)`;
}

function fmtS(ms) {
  return Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : '?';
}

function positiveInt(name, value) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`bench: --${name} must be a whole number of at least 1, got ${JSON.stringify(value)}`);
    process.exit(1);
  }
  return n;
}

/** The file system type of the folder's mount (Linux), since file creation cost depends on it. */
function fsType(dir) {
  try {
    const mounts = readFileSync('/proc/mounts', 'utf8')
      .split('\n')
      .map((line) => line.split(' '))
      .filter((f) => f.length > 2 && (dir === f[1] || dir.startsWith(f[1].endsWith('/') ? f[1] : `${f[1]}/`)));
    mounts.sort((a, b) => b[1].length - a[1].length);
    return mounts[0]?.[2] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
