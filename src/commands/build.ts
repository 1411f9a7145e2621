import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from './command.ts';
import { parseCommandArgs, parseCount } from './args.ts';
import { build } from '../build/index.ts';
import { shardFromEnv } from '../build/shard.ts';
import { MANIFEST_FILE, type Manifest } from '../output/manifest.ts';
import { createProgress } from './progress.ts';
import { formatBuildReport } from './build-report.ts';
import { paint } from './paint.ts';

export const command: Command = {
  usage: `Usage: kiln build [dir] [--out dist] [--export] [--shard i/n] [--concurrency N] [--force] [--verbose]

Bundles the app in dir (default ".") and prerenders every static route and every path that
generateStaticParams returns. The output goes to a fresh folder that replaces the previous one
only when every page succeeded.

  --out DIR          output folder, relative to dir (default: dist)
  --export           also write a static site to out/ for any static host
                     (the same as output: 'export' in kiln.config.ts or next.config)
  --shard i/n        render only shard i of n (1 <= i <= n), for a build spread over
                     n machines; join the n output folders with kiln merge. Also
                     read from KILN_SHARD=i/n, or from JOB_COMPLETION_INDEX (a
                     Kubernetes Indexed Job, from 0) with KILN_SHARDS=n. With
                     KILN_REDIS_URL set, the shards share their fetched data
                     through Redis (name the run in KILN_BUILD_RUN, the same
                     in every shard of a run), so each URL is fetched once
  --concurrency N    render worker threads (default: one per core)
  --force            ignore the build cache in .kiln/build: run Vite and render every page
  --verbose          show Vite's own output

kiln.config.(ts|mts|js|mjs) in dir may set: concurrency, fetchConcurrency (requests at once
per origin, default 16), retries (for failed GETs and generateStaticParams network errors,
default 2), pageTimeoutMs (default 60000), output: 'export', and alwaysRebuild: route patterns
whose pages every build renders again (pages that read a database or the clock).

A build keeps each page of the previous output whose inputs did not change: its route's code,
its params, and every file it read and fetch it made. Vite runs only when a source, config or
dependency changed. A shard (--shard) always renders its slice whole.`,

  async run(args) {
    const { root, values } = parseCommandArgs('build', args, {
      out: { type: 'string' },
      concurrency: { type: 'string' },
      verbose: { type: 'boolean' },
      export: { type: 'boolean' },
      force: { type: 'boolean' },
      shard: { type: 'string' },
    });
    const shard = shardFromEnv(values.shard, process.env);
    const progress = createProgress();
    const log = (level: 'info' | 'warn' | 'error', message: string): void => {
      progress.done();
      if (level === 'warn') console.warn(`${paint.yellow('warning')} ${message}`);
      else if (level === 'error') console.error(`${paint.red('error')} ${message}`);
      else if (values.verbose) console.log(message);
    };
    try {
      const result = await build({
        root,
        outDir: values.out,
        concurrency: values.concurrency === undefined ? undefined : parseCount('build', 'concurrency', values.concurrency, 1),
        verbose: values.verbose,
        export: values.export,
        force: values.force,
        shard,
        onProgress: (event) => progress.update(event),
        log,
        removePrevious: 'background',
      });
      progress.done();
      process.stdout.write(formatBuildReport(result, await firstPaths(result.outDir)));
      return 0;
    } finally {
      progress.done();
    }
  },
};

/** The first prerendered paths of each route, for the report, from the manifest just written. */
async function firstPaths(outDir: string): Promise<Map<string, string[]>> {
  const manifest = JSON.parse(await readFile(path.join(outDir, MANIFEST_FILE), 'utf8')) as Manifest;
  return new Map(manifest.routes.map((r) => [r.pattern, r.paths.slice(0, 3)]));
}
