/**
 * `kiln merge`: joins the outputs of `kiln build --shard i/n` into the output a one-machine build
 * writes, byte for byte. It checks that the shards are one build's (same bundle, same n, each of
 * 1 … n exactly once), joins their files (merge-files.ts) and manifests (merge-manifest.ts),
 * computes the whole build's id from the shards' page digests, and joins their partial static
 * exports when they made one. Both outputs are written beside their folders and swapped in only
 * when everything succeeded.
 */
import { existsSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { kilnError } from '../errors.ts';
import { MANIFEST_FILE, type Manifest } from '../output/manifest.ts';
import { manifestJson } from '../output/manifest-json.ts';
import { joinFolders } from './merge-files.ts';
import { mergeManifests, type ShardManifest } from './merge-manifest.ts';
import { buildIdOf, DigestSum } from './output-digest.ts';
import { createStagingDir, discard, swapIn, type PreviousOutputRemoval } from './output-swap.ts';
import { SHARD_EXPORT_DIR } from './shard-output.ts';

export interface MergeOptions {
  /** The shard folders, in any order (absolute, or relative to `cwd`). */
  folders: readonly string[];
  /** The merged output folder. Default `dist`. */
  outDir?: string;
  /** Where the merged static export goes, when the shards made one. Default `out`. */
  exportDir?: string;
  /** What relative folders are relative to; default the process's. */
  cwd?: string;
  removePrevious?: PreviousOutputRemoval;
}

export interface MergeResult {
  outDir: string;
  buildId: string;
  shards: number;
  /** Prerendered paths of all shards together. */
  pages: number;
  /** Files of the merged output. */
  files: number;
  exported?: { dir: string; files: number };
  ms: number;
}

interface Shard extends ShardManifest {
  dir: string;
}

export async function mergeShards(options: MergeOptions): Promise<MergeResult> {
  const started = performance.now();
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const outDir = path.resolve(cwd, options.outDir ?? 'dist');
  const exportDir = path.resolve(cwd, options.exportDir ?? 'out');
  const shards = await readShards(options.folders, cwd);
  const exporting = checkExports(shards);
  for (const target of exporting ? [outDir, exportDir] : [outDir]) checkTarget(target, shards, cwd);

  const merged = mergeManifests(shards);
  const first = shards[0].manifest;
  // The whole build's page sum leaves out routes that bailed out, as a one-machine build does.
  const pages = new DigestSum();
  merged.routes.forEach((route, r) => {
    if (route.kind === 'dynamic') return;
    for (const s of shards) pages.addSum(s.manifest.shard!.digests[r]);
  });
  const buildId = buildIdOf(first.bundleId ?? '', pages, first.shard!.notFound);

  const staging = await createStagingDir(outDir);
  let exportStaging: string | undefined;
  try {
    const sources = shards.map((s) => ({ dir: s.dir, name: s.name }));
    let files = joinFolders({ sources, target: staging, skip: new Set([MANIFEST_FILE, SHARD_EXPORT_DIR]) });
    const { redirects, basePath, trailingSlash, rules, middleware, appDir, bundleId } = merged;
    await writeFile(
      path.join(staging, MANIFEST_FILE),
      manifestJson(
        appDir,
        buildId,
        merged.routes.map((route) => ({
          stats: route,
          paths: route.paths,
          ...(route.open ? { open: { params: route.open, generated: new Set(route.generated ?? []) } } : {}),
        })),
        { basePath, trailingSlash, redirects, ...(rules ? { rules } : {}), ...(middleware ? { middleware } : {}), ...(bundleId ? { bundleId } : {}) },
      ),
    );
    files++;
    let exportFiles = 0;
    if (exporting) {
      exportStaging = await createStagingDir(exportDir);
      const exports = shards.map((s) => ({ dir: path.join(s.dir, SHARD_EXPORT_DIR), name: path.join(s.name, SHARD_EXPORT_DIR) }));
      exportFiles = joinFolders({ sources: exports, target: exportStaging, skip: new Set() });
    }
    await swapIn(staging, outDir, options.removePrevious);
    if (exportStaging) await swapIn(exportStaging, exportDir, options.removePrevious);
    return {
      outDir,
      buildId,
      shards: shards.length,
      pages: merged.routes.reduce((n, r) => n + r.paths.length, 0),
      files,
      ...(exporting ? { exported: { dir: exportDir, files: exportFiles } } : {}),
      ms: performance.now() - started,
    };
  } catch (error) {
    await discard(staging);
    if (exportStaging) await discard(exportStaging);
    throw error;
  }
}

/** Reads every shard's manifest and checks they are the n shards of one build, in shard order. */
async function readShards(folders: readonly string[], cwd: string): Promise<Shard[]> {
  const shards: Shard[] = [];
  for (const name of folders) {
    const dir = path.resolve(cwd, name);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw kilnError('MERGE_NOT_A_SHARD', { folder: name, reason: 'it is not a folder' });
    let text: string;
    try {
      text = await readFile(path.join(dir, MANIFEST_FILE), 'utf8');
    } catch {
      throw kilnError('MERGE_NOT_A_SHARD', { folder: name, reason: `it has no ${MANIFEST_FILE}` });
    }
    let manifest: Manifest;
    try {
      manifest = JSON.parse(text) as Manifest;
    } catch {
      throw kilnError('MERGE_NOT_A_SHARD', { folder: name, reason: `its ${MANIFEST_FILE} is not valid JSON` });
    }
    const shard = manifest.shard;
    if (!shard || !Number.isSafeInteger(shard.index) || !Number.isSafeInteger(shard.count) || !Array.isArray(shard.digests)) {
      throw kilnError('MERGE_NOT_A_SHARD', { folder: name, reason: `its ${MANIFEST_FILE} names no shard (it was built without --shard)` });
    }
    shards.push({ name, dir, manifest });
  }
  const [first] = shards;
  const count = first.manifest.shard!.count;
  for (const s of shards) {
    if (s.manifest.shard!.count !== count) {
      throw kilnError('MERGE_SHARD_COUNT_MISMATCH', { folder: s.name, count: s.manifest.shard!.count, otherFolder: first.name, otherCount: count });
    }
  }
  const byIndex = new Map<number, Shard[]>();
  for (const s of shards) byIndex.set(s.manifest.shard!.index, [...(byIndex.get(s.manifest.shard!.index) ?? []), s]);
  for (const [index, same] of [...byIndex].sort(([a], [b]) => a - b)) {
    if (same.length > 1) throw kilnError('MERGE_SHARD_DUPLICATE', { index, count, folders: same.map((s) => s.name) });
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0) throw kilnError('MERGE_SHARD_MISSING', { count, missing });
  const ordered = shards.sort((a, b) => a.manifest.shard!.index - b.manifest.shard!.index);
  for (const s of ordered) {
    if (s.manifest.bundleId !== first.manifest.bundleId) {
      throw kilnError('MERGE_BUNDLE_MISMATCH', { folder: s.name, otherFolder: first.name, what: 'the bundle (bundleId in manifest.json)' });
    }
  }
  return ordered;
}

/** Whether the shards made a static export: all of them, or none. */
function checkExports(shards: readonly Shard[]): boolean {
  const has = shards.map((s) => existsSync(path.join(s.dir, SHARD_EXPORT_DIR)));
  const other = has.indexOf(!has[0]);
  if (other !== -1) {
    const [withExport, without] = has[0] ? [shards[0], shards[other]] : [shards[other], shards[0]];
    throw kilnError('MERGE_BUNDLE_MISMATCH', { folder: without.name, otherFolder: withExport.name, what: `the static export (${SHARD_EXPORT_DIR}/, in one only)` });
  }
  return has[0];
}

/** A merge output replaces its folder whole: it may not hold or lie in a shard, nor hold the current folder. */
function checkTarget(target: string, shards: readonly Shard[], cwd: string): void {
  const within = (child: string, parent: string): boolean => {
    const rel = path.relative(parent, child);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  };
  for (const s of shards) {
    if (within(s.dir, target) || within(target, s.dir)) throw kilnError('MERGE_OUT_DIR_UNSAFE', { outDir: target, folder: `the shard folder ${s.name}` });
  }
  if (within(cwd, target)) throw kilnError('MERGE_OUT_DIR_UNSAFE', { outDir: target, folder: `the current folder ${cwd}` });
}
