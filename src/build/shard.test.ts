import { describe, expect, it } from 'vitest';
import { inShard, parseShard, shardFromEnv, shardOf } from './shard.ts';

describe('parseShard', () => {
  it.each([
    ['1/1', { index: 1, count: 1 }],
    ['2/4', { index: 2, count: 4 }],
    [' 7 / 7 ', { index: 7, count: 7 }],
  ])('reads %j', (value, shard) => {
    expect(parseShard(value)).toEqual(shard);
  });

  it.each(['0/4', '5/4', '1/0', '2', 'a/b', '1.5/3', '-1/3', ''])('refuses %j, naming it', (value) => {
    expect(() => parseShard(value)).toThrow(`The shard ${JSON.stringify(value)} (from --shard) is not valid`);
  });
});

describe('shardFromEnv', () => {
  it('prefers the flag, then KILN_SHARD, then a Kubernetes Job index with KILN_SHARDS', () => {
    const env = { KILN_SHARD: '2/3', KILN_SHARDS: '5', JOB_COMPLETION_INDEX: '4' };
    expect(shardFromEnv('1/2', env)).toEqual({ index: 1, count: 2 });
    expect(shardFromEnv(undefined, env)).toEqual({ index: 2, count: 3 });
    expect(shardFromEnv(undefined, { KILN_SHARDS: '5', JOB_COMPLETION_INDEX: '4' })).toEqual({ index: 5, count: 5 });
    expect(shardFromEnv(undefined, { KILN_SHARDS: '5', JOB_COMPLETION_INDEX: '0' })).toEqual({ index: 1, count: 5 });
  });

  it('builds whole without them; a lone Job index is not a shard', () => {
    expect(shardFromEnv(undefined, {})).toBeUndefined();
    expect(shardFromEnv(undefined, { JOB_COMPLETION_INDEX: '3' })).toBeUndefined();
  });

  it('refuses KILN_SHARDS without a usable Job index, and an index past the count', () => {
    expect(() => shardFromEnv(undefined, { KILN_SHARDS: '3' })).toThrow('(from JOB_COMPLETION_INDEX and KILN_SHARDS) is not valid');
    expect(() => shardFromEnv(undefined, { KILN_SHARDS: '3', JOB_COMPLETION_INDEX: '3' })).toThrow('The shard "4/3"');
    expect(() => shardFromEnv(undefined, { KILN_SHARD: '3/2' })).toThrow('(from KILN_SHARD)');
  });
});

describe('shardOf', () => {
  const paths = Array.from({ length: 10_000 }, (_, i) => `/products/${['tools', 'garden', 'kitchen', 'toys', 'books'][i % 5]}/${i}`);

  it.each([2, 3, 4, 7, 8])('gives each of %i shards an even share of 10,000 paths, within 5%%', (n) => {
    const counts = new Array<number>(n).fill(0);
    for (const p of paths) counts[shardOf(p, n) - 1]++;
    for (const c of counts) expect(Math.abs(c - 10_000 / n) / (10_000 / n)).toBeLessThan(0.05);
  });

  it('puts every path in exactly one shard, the same one every time', () => {
    for (const p of paths.slice(0, 500)) {
      const owners = [1, 2, 3].filter((index) => inShard(p, { index, count: 3 }));
      expect(owners).toEqual([shardOf(p, 3)]);
    }
    // Fixed values: machines of any kind must agree on the split.
    expect(['/', '/about', '/products/tools/1', '/blog/caf%C3%A9'].map((p) => shardOf(p, 4))).toEqual([1, 3, 2, 4]);
  });
});
