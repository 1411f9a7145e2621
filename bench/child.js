/**
 * Runs `build()` from the compiled package in this process, for the bench when the `kiln build`
 * command is not available. Usage: node bench/child.js <app dir> [--concurrency N]
 */
import { parseArgs } from 'node:util';
import { build } from '../dist/build/index.js';

const { values, positionals } = parseArgs({ options: { concurrency: { type: 'string' } }, allowPositionals: true });
const result = await build({
  root: positionals[0],
  ...(values.concurrency ? { concurrency: Number(values.concurrency) } : {}),
});
console.log(`${result.pages} pages in ${Math.round(result.timings.totalMs)} ms`);
