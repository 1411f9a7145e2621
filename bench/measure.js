/**
 * Loaded with `node --import` into the build process, and inherited by the processes it starts
 * (the bundler). At exit each process writes, to `$KILN_BENCH_OUT.<pid>.json`, its peak resident
 * memory and CPU time (worker threads are threads of their process, so both cover them), and the
 * main one the timings the build published on the `kiln:build` diagnostics channel.
 */
import { subscribe } from 'node:diagnostics_channel';
import { writeFileSync } from 'node:fs';

const out = process.env.KILN_BENCH_OUT;
let build = null;
subscribe('kiln:build', (message) => {
  build = message;
});

if (out) {
  process.on('exit', (code) => {
    const usage = process.resourceUsage();
    writeFileSync(
      `${out}.${process.pid}.json`,
      JSON.stringify({
        pid: process.pid,
        code,
        maxRssKiB: usage.maxRSS,
        userMs: usage.userCPUTime / 1000,
        systemMs: usage.systemCPUTime / 1000,
        build,
      }),
    );
  });
}
