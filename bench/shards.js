/**
 * `npm run bench -- --shards N [--pages P] [--runs R] [--keep] [--json]`: a sharded build beside a
 * one-machine build of the same generated app (bench/app.js, default 100,000 pages). Per run:
 * a cold `kiln build` (one worker per core, as by default), then `kiln build --shard i/N
 * --concurrency 1` for each shard, one after the other, so each shard's wall time is what it
 * would take alone on its own machine, then `kiln merge`. It checks that the merge holds every
 * page and has the one-machine build's manifest, and prints each shard's wall time, the slowest
 * shard, the merge time, and slowest shard + merge (a sharded build's critical path).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateApp } from './app.js';

const kilnBin = fileURLToPath(new URL('../bin/kiln.js', import.meta.url));

export async function runShardBench({ shards, pages: requested, runs, keep, json }) {
  const loadAtStart = loadavg().map((n) => n.toFixed(2)).join(' ');
  const results = [];
  const dirs = [];
  try {
    for (let run = 0; run < runs; run++) {
      const dir = await mkdtemp(path.join(tmpdir(), `kiln-bench-shards-${requested}-`));
      dirs.push(dir);
      const { pages } = await generateApp(dir, requested);
      const wholeMs = await timed(['build', dir, '--out', 'whole'], dir);
      const shardMs = [];
      for (let i = 1; i <= shards; i++) shardMs.push(await timed(['build', dir, '--shard', `${i}/${shards}`, '--concurrency', '1', '--out', `shard-${i}`], dir));
      const folders = Array.from({ length: shards }, (_, i) => `shard-${i + 1}`);
      const mergeMs = await timed(['merge', ...folders, '--out', 'merged'], dir);
      const [whole, merged] = await Promise.all(['whole', 'merged'].map((out) => readFile(path.join(dir, out, 'manifest.json'), 'utf8')));
      if (whole !== merged) throw new Error('the merged manifest differs from the one-machine build\'s');
      const written = JSON.parse(merged).routes.reduce((n, r) => n + r.paths.length, 0);
      if (written !== pages) throw new Error(`expected ${pages} paths in the merged manifest, found ${written}`);
      const result = { pages, wholeMs, shardMs, slowestMs: Math.max(...shardMs), mergeMs };
      results.push(result);
      if (!json) console.log(`run ${run + 1}/${runs}: ${line(result)}`);
      // Each run's output is large: deleted now, before the next run writes its own.
      if (!keep) await rm(dir, { recursive: true, force: true });
    }
  } finally {
    for (const dir of dirs) {
      if (keep) console.log(`kept ${dir}`);
      else await rm(dir, { recursive: true, force: true });
    }
  }

  const median = (pick) => {
    const sorted = results.map(pick).sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  const summary = {
    pages: results[0].pages,
    shards,
    runs,
    wholeMs: median((r) => r.wholeMs),
    shardMs: Array.from({ length: shards }, (_, i) => median((r) => r.shardMs[i])),
    slowestMs: median((r) => r.slowestMs),
    mergeMs: median((r) => r.mergeMs),
    criticalMs: median((r) => r.slowestMs + r.mergeMs),
  };
  if (json) {
    console.log(JSON.stringify({ summary, runs: results }, null, 2));
    return;
  }
  console.log(
    [
      '',
      `median of ${runs} run${runs === 1 ? '' : 's'}, ${summary.pages} pages, ${shards} shards of one worker each, built one after the other:`,
      `  one machine (one worker per core): ${fmtS(summary.wholeMs)}`,
      `  shards: ${summary.shardMs.map((ms, i) => `${i + 1}/${shards} ${fmtS(ms)}`).join(' · ')}`,
      `  slowest shard ${fmtS(summary.slowestMs)} · merge ${fmtS(summary.mergeMs)} · slowest + merge ${fmtS(summary.criticalMs)} (${(summary.wholeMs / summary.criticalMs).toFixed(2)}× faster than one machine)`,
      `  output under ${tmpdir()}; load average at start ${loadAtStart}`,
    ].join('\n'),
  );
}

/** Runs one `kiln` command in the app folder; resolves to its wall time. */
async function timed(args, cwd) {
  const started = performance.now();
  const child = spawn(process.execPath, [kilnBin, ...args], { cwd, env: { ...process.env, CI: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
  const code = await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (c, signal) => resolve(signal ?? c));
  });
  if (code !== 0) throw new Error(`kiln ${args.join(' ')} exited with ${code}:\n${stderr}`);
  return performance.now() - started;
}

function line(r) {
  return `one machine ${fmtS(r.wholeMs)}; shards ${r.shardMs.map(fmtS).join(', ')}; slowest ${fmtS(r.slowestMs)}; merge ${fmtS(r.mergeMs)}`;
}

function fmtS(ms) {
  return `${(ms / 1000).toFixed(2)} s`;
}
