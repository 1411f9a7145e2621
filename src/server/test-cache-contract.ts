/**
 * The behaviour every CacheHandler owes the server, as one test suite run against each handler
 * (memory, filesystem, Redis). Not part of the server.
 */
import { expect, it } from 'vitest';
import type { CacheEntry, CacheHandler } from './cache-handler.ts';

const encoder = new TextEncoder();

export function pageEntry(html: string, createdAt = 1_700_000_000_000): CacheEntry {
  return { createdAt, status: 200, headers: {}, body: encoder.encode(html), rsc: encoder.encode(`rsc of ${html}`) };
}

/** Every byte value, to prove entries are stored as bytes and not as text. */
export const ALL_BYTES = Uint8Array.from({ length: 256 }, (_, i) => i);

export function cacheHandlerContract(make: () => Promise<CacheHandler>): void {
  it('answers null for a missing key', async () => {
    const cache = await make();
    expect(await cache.get('/nothing')).toBeNull();
  });

  it('stores and returns entries byte for byte, keys kept apart', async () => {
    const cache = await make();
    const handler: CacheEntry = {
      createdAt: 1_700_000_000_123,
      status: 200,
      headers: { 'content-type': 'application/xml', 'x-feed': 'yes' },
      body: ALL_BYTES,
      rsc: null,
    };
    await cache.set('/', pageEntry('home'));
    await cache.set('/tags/c%2B%2B', pageEntry('tag c++'));
    await cache.set('/feed.xml', handler);
    expect(await cache.get('/')).toEqual(pageEntry('home'));
    expect(await cache.get('/tags/c%2B%2B')).toEqual(pageEntry('tag c++'));
    expect(await cache.get('/tags/c++')).toBeNull();
    expect(await cache.get('/feed.xml')).toEqual(handler);
  });

  it('replaces an entry', async () => {
    const cache = await make();
    await cache.set('/a', pageEntry('old', 1));
    await cache.set('/a', pageEntry('new', 2));
    expect(await cache.get('/a')).toEqual(pageEntry('new', 2));
  });

  it('gives a lock to one holder at a time', async () => {
    const cache = await make();
    const first = await cache.lock('/a', 10_000);
    expect(first).not.toBeNull();
    expect(await cache.lock('/a', 10_000)).toBeNull();
    const other = await cache.lock('/b', 10_000);
    expect(other).not.toBeNull();
    await first!.release();
    const again = await cache.lock('/a', 10_000);
    expect(again).not.toBeNull();
    await again!.release();
    await other!.release();
  });

  it('lets a lock expire so a dead holder cannot block a page', async () => {
    const cache = await make();
    const stale = await cache.lock('/a', 30);
    expect(stale).not.toBeNull();
    await new Promise((r) => setTimeout(r, 120));
    const taken = await cache.lock('/a', 10_000);
    expect(taken).not.toBeNull();
    // The old holder's release must not free the new holder's lock.
    await stale!.release();
    expect(await cache.lock('/a', 10_000)).toBeNull();
    await taken!.release();
  });

  it('keeps the newest time of each mark', async () => {
    const cache = await make();
    expect([...(await cache.marks())]).toEqual([]);
    await cache.mark('page:/a', 100);
    await cache.mark('layout:/blog', 200);
    await cache.mark('page:/a', 50);
    expect(Object.fromEntries(await cache.marks())).toEqual({ 'page:/a': 100, 'layout:/blog': 200 });
  });
}
