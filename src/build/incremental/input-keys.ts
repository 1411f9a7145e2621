/**
 * How a page's inputs are named in the build cache: `f:<path>` a file read, `d:<path>` a folder
 * listed, `e:<name>` an environment variable, `u:<key>` a fetch (its key names the method, URL,
 * headers and body).
 */
import { createHash } from 'node:crypto';
import { cacheKeyOf } from '../fetch-cache.ts';
import type { WireRequest } from '../wire.ts';

export type InputKind = 'f' | 'd' | 'e' | 'u';

export const fileInput = (file: string): string => `f:${file}`;
export const dirInput = (dir: string): string => `d:${dir}`;
export const envInput = (name: string): string => `e:${name}`;

/** A fetch's input key: the build cache's own key for a GET, a digest of the whole request otherwise. */
export function fetchInput(request: WireRequest): string {
  const key =
    cacheKeyOf(request) ??
    createHash('sha256')
      .update(JSON.stringify([request.method, request.url, request.headers, request.redirect]))
      .update(request.body ? new Uint8Array(request.body) : new Uint8Array())
      .digest('hex');
  return `u:${key}`;
}

export function inputKind(key: string): InputKind {
  return key[0] as InputKind;
}

export function inputTarget(key: string): string {
  return key.slice(2);
}
