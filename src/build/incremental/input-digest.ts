/**
 * The digest of an input as it is now: a file's bytes, a folder's names, a fetch's status and
 * body. Each input is looked at once per build, however many pages read it.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import type { WireResponse } from '../wire.ts';
import { inputKind, inputTarget } from './input-keys.ts';

const digest = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex').slice(0, 32);

export function responseDigest(response: WireResponse): string {
  const hash = createHash('sha256').update(`${response.status}\0`);
  if (response.body) hash.update(new Uint8Array(response.body));
  return hash.digest('hex').slice(0, 32);
}

/**
 * A file, folder or environment variable's digest now. Fetches are digested as they are
 * answered (fetch-ledger.ts).
 */
export async function pathInputDigest(key: string): Promise<string> {
  const target = inputTarget(key);
  if (inputKind(key) === 'e') {
    const value = process.env[target];
    return value === undefined ? '(unset)' : digest(value);
  }
  try {
    if (inputKind(key) === 'd') return digest((await readdir(target)).sort().join('\0'));
    return digest(await readFile(target));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A missing file is a fact a page may depend on (an existsSync check); so is a folder read as a file.
    return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR' ? `(${code})` : `(unreadable ${code ?? ''})`;
  }
}
