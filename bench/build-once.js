/**
 * One `kiln build` of a generated app in a child process, measured: wall time, CPU time of every
 * process (from measure.js), peak memory of the process tree (sampled from /proc), and what the
 * build published on the `kiln:build` channel (phases, incremental report).
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const kilnRoot = fileURLToPath(new URL('../', import.meta.url));
const measure = fileURLToPath(new URL('./measure.js', import.meta.url));

export async function buildOnce(dir, { useCli = true, concurrency, cpuProf, extraArgs = [] } = {}) {
  const out = path.join(dir, '.bench-result');
  const args = ['--import', measure];
  if (cpuProf) args.push('--cpu-prof', '--cpu-prof-dir', path.resolve(cpuProf));
  if (useCli) args.push(path.join(kilnRoot, 'bin/kiln.js'), 'build', dir);
  else args.push(path.join(kilnRoot, 'bench/child.js'), dir);
  if (concurrency !== undefined) args.push('--concurrency', concurrency);
  args.push(...extraArgs);
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: dir,
    env: { ...process.env, KILN_BENCH_OUT: out },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const sampler = sampleTreeRss(child.pid);
  const code = await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (c, signal) => resolve(signal ?? c));
  });
  const wallMs = performance.now() - started;
  const sampledPeakMiB = sampler.stop();
  if (code !== 0) throw new Error(`the build exited with ${code}`);
  const reports = [];
  for (const file of await readdir(dir)) {
    if (!file.startsWith('.bench-result.')) continue;
    reports.push(JSON.parse(await readFile(path.join(dir, file), 'utf8')));
    // A later build in the same folder writes its own.
    await rm(path.join(dir, file));
  }
  const main = reports.find((r) => r.build) ?? reports.find((r) => r.pid === child.pid);
  return {
    wallMs,
    cpuMs: reports.reduce((n, r) => n + r.userMs + r.systemMs, 0),
    userMs: reports.reduce((n, r) => n + r.userMs, 0),
    systemMs: reports.reduce((n, r) => n + r.systemMs, 0),
    // Each process's own peak, added up: an upper bound, since they need not peak together.
    peakSumMiB: reports.reduce((n, r) => n + r.maxRssKiB, 0) / 1024,
    // The largest total of the whole process tree seen by sampling /proc every 20 ms.
    peakMiB: sampledPeakMiB,
    processes: reports.length,
    timings: main?.build?.timings ?? null,
    incremental: main?.build?.incremental ?? null,
  };
}

/** Samples the resident memory of a process and all its descendants (Linux /proc). */
function sampleTreeRss(rootPid) {
  let peakKiB = 0;
  const rssKiB = (pid) => {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    } catch {
      return 0;
    }
  };
  const children = (pid) => {
    try {
      return readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
        readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
      );
    } catch {
      return [];
    }
  };
  const sample = () => {
    let total = 0;
    const stack = [rootPid];
    while (stack.length > 0) {
      const pid = stack.pop();
      total += rssKiB(pid);
      stack.push(...children(pid));
    }
    peakKiB = Math.max(peakKiB, total);
  };
  const timer = setInterval(sample, 20);
  return {
    stop() {
      clearInterval(timer);
      return peakKiB / 1024;
    },
  };
}

