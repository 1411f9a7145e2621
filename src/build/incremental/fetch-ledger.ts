/**
 * The main thread's record of every fetch the build answered: its request and the digest of the
 * response, by input key. Pages name their fetches by key; the build cache stores the request
 * and digest once, however many pages made it.
 */
import type { WireRequest, WireResponse } from '../wire.ts';
import { responseDigest } from './input-digest.ts';
import { fetchInput } from './input-keys.ts';

export interface FetchLedger {
  observe(request: WireRequest, response: WireResponse): void;
  get(key: string): { request: WireRequest; hash: string } | undefined;
}

export function createFetchLedger(): FetchLedger {
  const answered = new Map<string, { request: WireRequest; hash: string }>();
  return {
    observe(request, response) {
      const key = fetchInput(request);
      if (!answered.has(key)) answered.set(key, { request, hash: responseDigest(response) });
    },
    get: (key) => answered.get(key),
  };
}
