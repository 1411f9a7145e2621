/**
 * `npm run bench -- --incremental [--pages N] [--runs R] [--keep] [--json]`
 *
 * For each run, in a fresh folder: generates the benchmark app (app.js) and builds it cold, then
 * rebuilds it three times with the build cache, each beside the cold build of the same run:
 *
 * - **unchanged**: nothing edited; every page is kept and Vite does not run;
 * - **data file**: one category's blurb file (`data/blurbs/category-3.txt`), which only that
 *   category's product pages read while rendering, is edited: exactly those pages render;
 * - **shared component**: `components/badge.tsx`, imported by every product page, is edited:
 *   Vite runs and every product page renders; the home page is kept.
 *
 * The bench fails when a rebuild renders other pages than these. Prints, per run and as medians,
 * each build's wall time and its ratio to the run's cold build.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CATEGORIES, generateApp } from './app.js';
import { buildOnce } from './build-once.js';
import { medianOf } from './median.js';

export async function runIncrementalBench({ pages, runs, keep, json }) {
  const results = [];
  const dirs = [];
  try {
    for (let i = 0; i < runs; i++) {
      const dir = await mkdtemp(path.join(tmpdir(), `kiln-bench-incremental-${pages}-`));
      dirs.push(dir);
      const app = await generateApp(dir, pages);
      const perCategory = (app.pages - 1) / CATEGORIES;
      const cold = await buildOnce(dir);
      expectReport('cold', cold, { rendered: app.pages, kept: 0 });

      const unchanged = await buildOnce(dir);
      expectReport('unchanged', unchanged, { rendered: 0, kept: app.pages, bundleReused: true });

      const blurb = path.join(dir, 'data/blurbs/category-3.txt');
      await writeFile(blurb, `${await readFile(blurb, 'utf8')} Now on sale.`);
      const dataFile = await buildOnce(dir);
      expectReport('data file', dataFile, { rendered: perCategory, kept: app.pages - perCategory, bundleReused: true });

      const badge = path.join(dir, 'components/badge.tsx');
      await writeFile(badge, (await readFile(badge, 'utf8')).replace('className="badge"', 'className="badge badge-new"'));
      const component = await buildOnce(dir);
      expectReport('shared component', component, { rendered: app.pages - 1, kept: 1, bundleReused: false });

      const run = { pages: app.pages, cold, unchanged, dataFile, component };
      results.push(run);
      if (!json) console.log(`run ${i + 1}/${runs}: ${summaryLine(run, (r) => r.wallMs)}`);
    }
  } finally {
    for (const dir of dirs) {
      if (keep) console.log(`kept ${dir}`);
      else await rm(dir, { recursive: true, force: true });
    }
  }
  const median = (pick) => medianOf(results, pick);
  const summary = {
    pages: results[0].pages,
    runs,
    coldMs: median((r) => r.cold.wallMs),
    unchangedMs: median((r) => r.unchanged.wallMs),
    dataFileMs: median((r) => r.dataFile.wallMs),
    componentMs: median((r) => r.component.wallMs),
    unchangedRatio: median((r) => r.unchanged.wallMs / r.cold.wallMs),
    dataFileRatio: median((r) => r.dataFile.wallMs / r.cold.wallMs),
    componentRatio: median((r) => r.component.wallMs / r.cold.wallMs),
    peakMiB: median((r) => Math.max(r.cold.peakMiB, r.unchanged.peakMiB, r.dataFile.peakMiB, r.component.peakMiB)),
  };
  if (json) {
    console.log(JSON.stringify({ summary, runs: results }, null, 2));
    return;
  }
  const s = summary;
  console.log(
    [
      '',
      `median of ${runs} run${runs === 1 ? '' : 's'} of ${s.pages} pages (wall time of the whole kiln build command; ratio to the same run's cold build):`,
      `  cold              ${fmtS(s.coldMs)}`,
      `  unchanged         ${fmtS(s.unchangedMs)}  ${s.unchangedRatio.toFixed(3)} of cold  (every page kept, Vite skipped)`,
      `  one data file     ${fmtS(s.dataFileMs)}  ${s.dataFileRatio.toFixed(3)} of cold  (${(s.pages - 1) / CATEGORIES} pages rendered)`,
      `  shared component  ${fmtS(s.componentMs)}  ${s.componentRatio.toFixed(3)} of cold  (${s.pages - 1} pages rendered, Vite ran)`,
      `  peak memory of any build: ${s.peakMiB.toFixed(0)} MiB`,
    ].join('\n'),
  );
}

function expectReport(name, result, expected) {
  const report = result.incremental;
  if (!report) throw new Error(`${name}: the build published no incremental report`);
  const rendered = report.changed + report.added;
  const actual = { rendered, kept: report.kept };
  if (expected.bundleReused !== undefined) actual.bundleReused = report.bundleReused;
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${name}: expected ${JSON.stringify(expected)}, the build reported ${JSON.stringify(report)}`);
  }
}

function summaryLine(run, pick) {
  const cold = pick(run.cold);
  return ['cold', 'unchanged', 'dataFile', 'component'].map((k) => `${k} ${fmtS(pick(run[k]))}${k === 'cold' ? '' : ` (${(pick(run[k]) / cold).toFixed(3)})`}`).join(', ');
}

function fmtS(ms) {
  return `${(ms / 1000).toFixed(2)} s`;
}
