/**
 * Where a shard's partial output differs from a whole build's: its static export goes inside its
 * own output folder (one folder per shard to carry to the merge), and each route handler the
 * export calls is called by one shard only, chosen as a page would be.
 */
import type { ManifestShard } from '../output/manifest.ts';
import type { PlannedRoute } from './plan.ts';
import { inShard, type Shard } from './shard.ts';

/** The partial static export's folder inside a shard's output folder. */
export const SHARD_EXPORT_DIR = 'out';

/** What a shard's manifest says about it, once its pages are settled. */
export function shardManifest(shard: Shard, planned: readonly PlannedRoute[], notFound: string): ManifestShard {
  return { index: shard.index, count: shard.count, notFound, digests: planned.map((p) => p.digest.toString()) };
}

/** What a shard changes in the static export (see static-export.ts). */
export function shardExport(shard: Shard | undefined): { inside?: string; handlers?: (pattern: string) => boolean } {
  if (!shard) return {};
  return { inside: SHARD_EXPORT_DIR, handlers: (pattern) => inShard(pattern, shard) };
}
