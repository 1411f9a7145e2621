/**
 * Content digests that make a build's identity a function of what it wrote, not of when it ran:
 * two builds of the same sources and data get the same `buildId`, whether made cold, made
 * incrementally or merged from shards. Pages arrive in any order from any thread, so their
 * digests are combined by addition (modulo 2^128), which does not depend on the order.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { listFiles } from './list-files.ts';
import path from 'node:path';
import type { OutputFile } from './writer.ts';

const MOD = 1n << 128n;

/** A page's digest: its pathname and every file it wrote (names and bytes), 32 hex digits. */
export function pageDigest(pathname: string, files: readonly OutputFile[]): string {
  const hash = createHash('sha256').update(pathname).update('\0');
  for (const file of files) hash.update(file.path).update('\0').update(file.data).update('\0');
  return hash.digest('hex').slice(0, 32);
}

/** An order-independent sum of page digests. */
export class DigestSum {
  private value = 0n;
  add(digest: string): void {
    this.value = (this.value + BigInt(`0x${digest}`)) % MOD;
  }
  addSum(other: DigestSum | string): void {
    this.add(typeof other === 'string' ? other : other.toString());
  }
  toString(): string {
    return this.value.toString(16).padStart(32, '0');
  }
}

/**
 * The bundle's identity: every file under the given folders of `root` (names and bytes, in name
 * order). Same sources give the same bundle bytes, so the same id.
 */
export async function bundleDigest(root: string, dirs: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const dir of dirs) {
    for (const file of await listFiles(path.join(root, dir))) {
      hash.update(`${dir}/${file}`).update('\0').update(await readFile(path.join(root, dir, file))).update('\0');
    }
  }
  return hash.digest('hex').slice(0, 32);
}

/** The build's id: its bundle, its pages and its not-found page. */
export function buildIdOf(bundleId: string, pages: DigestSum | string, notFound: string): string {
  return createHash('sha256').update(`${bundleId}:${pages.toString()}:${notFound}`).digest('hex').slice(0, 16);
}
