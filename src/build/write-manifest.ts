/** Writes `manifest.json` into the fresh output folder, from the settled route plans. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MANIFEST_FILE } from '../output/manifest.ts';
import { manifestJson, type ManifestExtras } from '../output/manifest-json.ts';
import type { PlannedRoute } from './plan.ts';

export async function writeManifest(
  outDir: string,
  manifest: { appDir: string; buildId: string; routes: readonly PlannedRoute[] } & ManifestExtras,
): Promise<void> {
  const { appDir, buildId, routes, ...extras } = manifest;
  await writeFile(path.join(outDir, MANIFEST_FILE), manifestJson(appDir, buildId, routes, extras));
}
