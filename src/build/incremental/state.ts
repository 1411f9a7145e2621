/**
 * The build cache on disk, `.kiln/build/` in the project: what the last successful build was
 * made from, and per page what it read and wrote. Safe to delete (the next build is cold), and
 * safe to save and restore between CI runs with the output folder it describes.
 *
 * `state.json` holds the bundle's record and the table of inputs; `pages.jsonl` one line per
 * page, so a large site's records stream in and out.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import type { CodeGraph } from '../../vite/bundle-record.ts';
import type { WireRequest } from '../wire.ts';

export const BUILD_CACHE_DIR = path.join('.kiln', 'build');
const STATE_FILE = 'state.json';
const PAGES_FILE = 'pages.jsonl';
const FORMAT = 2;

/** A recorded input: its key (input-keys.ts) and the digest of what it was. */
export interface InputRecord {
  key: string;
  hash: string;
  /** For a fetch: the request, to send again (its body as base64). */
  request?: StoredRequest;
}

export type StoredRequest = Omit<WireRequest, 'body'> & { body: string | null };

export interface BundleRecord {
  /** The digest of every input of the bundle (bundle-fingerprint.ts). */
  fingerprint: string;
  /** Project-relative files the bundle was made from. */
  inputs: string[];
  bundleId: string;
  codeGraph: CodeGraph;
  /** Files of `server/` and `client/` as the bundler wrote them, output-relative. */
  files: string[];
}

export interface CacheState {
  format: number;
  /** The output this state describes, and its build id: a different output is not reused. */
  outDir: string;
  buildId: string;
  /** The digest every page's fingerprint includes (framework code, config, client bundle). */
  shared: string;
  bundle: BundleRecord;
  inputs: InputRecord[];
  /** Inputs read while the app's modules were imported: every page depends on them. */
  moduleLoad: number[];
}

/** One prerendered page: what it was made from and what it wrote, to keep it as it is. */
export interface PageRecord {
  pathname: string;
  route: string;
  /** Digest of the route's code fingerprint and the page's params. */
  fingerprint: string;
  /** Indexes into `CacheState.inputs`. */
  inputs: number[];
  /** Output-relative files it wrote. */
  files: string[];
  status: number;
  bytes: number;
  digest: string;
  location?: string;
  revalidate?: number;
}

export interface LoadedCache {
  state: CacheState;
  pages: Map<string, PageRecord>;
}

/** The cache, or null with the reason there is none to use. */
export async function readCache(root: string): Promise<LoadedCache | { missing: string }> {
  const dir = path.join(root, BUILD_CACHE_DIR);
  let state: CacheState;
  try {
    state = JSON.parse(await readFile(path.join(dir, STATE_FILE), 'utf8')) as CacheState;
  } catch {
    return { missing: 'no build cache' };
  }
  if (state.format !== FORMAT) return { missing: 'the build cache is from another version of Kiln' };
  const pages = new Map<string, PageRecord>();
  const lines = createInterface({ input: createReadStream(path.join(dir, PAGES_FILE)), crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      if (line === '') continue;
      const page = JSON.parse(line) as PageRecord;
      pages.set(page.pathname, page);
    }
  } catch {
    return { missing: 'the build cache is damaged' };
  }
  return { state, pages };
}

/** Writes the cache beside the old one and renames it in, so a crash leaves one or the other. */
export async function writeCache(root: string, state: Omit<CacheState, 'format'>, pages: Iterable<PageRecord>): Promise<void> {
  const dir = path.join(root, BUILD_CACHE_DIR);
  // Its own name: two builds of one app (to different outputs) may save at once.
  const fresh = `${dir}.${process.pid}-${Math.random().toString(36).slice(2)}`;
  await mkdir(fresh, { recursive: true });
  const out = createWriteStream(path.join(fresh, PAGES_FILE));
  for (const page of pages) {
    if (!out.write(`${JSON.stringify(page)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  await writeFile(path.join(fresh, STATE_FILE), JSON.stringify({ format: FORMAT, ...state }));
  try {
    await rm(dir, { recursive: true, force: true });
    await rename(fresh, dir);
  } catch (error) {
    await rm(fresh, { recursive: true, force: true });
    throw error;
  }
}

export function storeRequest(request: WireRequest): StoredRequest {
  return { ...request, body: request.body ? Buffer.from(request.body).toString('base64') : null };
}

export function restoreRequest(stored: StoredRequest): WireRequest {
  const body = stored.body === null ? null : Uint8Array.from(Buffer.from(stored.body, 'base64')).buffer;
  return { ...stored, body };
}
