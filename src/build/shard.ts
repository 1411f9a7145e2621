/**
 * Which slice of a sharded build this process renders: `--shard i/n` (1-based, as CI matrices
 * number their jobs), else `KILN_SHARD=i/n`, else Kubernetes' 0-based `JOB_COMPLETION_INDEX`
 * with `KILN_SHARDS=n`. A page belongs to the shard its pathname hashes to, so every machine
 * agrees on the split without talking to the others, and a page stays on its shard when other
 * pages come and go.
 */
import { kilnError } from '../errors.ts';

export interface Shard {
  /** 1 … count. */
  index: number;
  count: number;
}

/** Where the shard came from, named in errors. */
export type ShardSource = '--shard' | 'KILN_SHARD' | 'JOB_COMPLETION_INDEX';

/** `i/n` as a shard, or an error naming the value and where it came from. */
export function parseShard(value: string, source: ShardSource = '--shard'): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || index < 1 || index > count || !Number.isSafeInteger(count)) {
    throw kilnError('BUILD_SHARD_INVALID', { value, source });
  }
  return { index, count };
}

/**
 * The shard the flag or the environment asks for, or undefined for a whole build. A lone
 * `JOB_COMPLETION_INDEX` is ignored (every Indexed Job has one); a lone `KILN_SHARDS` is an error.
 */
export function shardFromEnv(flag: string | undefined, env: Record<string, string | undefined>): Shard | undefined {
  if (flag !== undefined) return parseShard(flag, '--shard');
  if (env.KILN_SHARD) return parseShard(env.KILN_SHARD, 'KILN_SHARD');
  if (env.KILN_SHARDS === undefined || env.KILN_SHARDS === '') return undefined;
  const jobIndex = env.JOB_COMPLETION_INDEX;
  const zeroBased = jobIndex !== undefined && /^\s*\d+\s*$/.test(jobIndex) ? Number(jobIndex) : NaN;
  const value = `${Number.isNaN(zeroBased) ? String(jobIndex ?? '(unset)') : zeroBased + 1}/${env.KILN_SHARDS}`;
  if (Number.isNaN(zeroBased)) throw kilnError('BUILD_SHARD_INVALID', { value, source: 'JOB_COMPLETION_INDEX' });
  return parseShard(value, 'JOB_COMPLETION_INDEX');
}

/**
 * A 32-bit hash of the pathname: FNV-1a over its UTF-16 code units, then Murmur3's finalizer so
 * that pathnames differing in their last character spread over every shard.
 */
export function pathHash(pathname: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < pathname.length; i++) {
    h ^= pathname.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The shard (1 … count) that renders this pathname. */
export function shardOf(pathname: string, count: number): number {
  return Math.floor((pathHash(pathname) / 0x1_0000_0000) * count) + 1;
}

/** Whether this shard renders the pathname. */
export function inShard(pathname: string, shard: Shard | undefined): boolean {
  return shard === undefined || shard.count === 1 || shardOf(pathname, shard.count) === shard.index;
}
