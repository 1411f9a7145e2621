import { describe, expect, it } from 'vitest';
import { createRegenerator } from './regenerate.ts';

/** Jobs that finish only when the test says so, recording how many run at once. */
function jobs() {
  const gates = new Map<string, () => void>();
  const order: string[] = [];
  let running = 0;
  let peak = 0;
  const job = (key: string, fail = false) => () => {
    order.push(key);
    running++;
    peak = Math.max(peak, running);
    return new Promise<void>((resolve, reject) => {
      gates.set(key, () => {
        running--;
        if (fail) reject(new Error(`boom ${key}`));
        else resolve();
      });
    });
  };
  const finish = async (key: string) => {
    gates.get(key)!();
    gates.delete(key);
    // Let the finally/next() chain run.
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { job, finish, order, peak: () => peak };
}

describe('capped regenerations', () => {
  it('runs at most `max` at once, queues the rest in order, and drains', async () => {
    const errors: string[] = [];
    const r = createRegenerator({ max: 2, onError: (key) => errors.push(key) });
    const j = jobs();
    expect(['/a', '/b', '/c', '/d'].map((k) => r.schedule(k, j.job(k)))).toEqual(['started', 'started', 'queued', 'queued']);
    expect([r.running, r.pending, j.order]).toEqual([2, 2, ['/a', '/b']]);
    await j.finish('/b');
    expect([r.running, r.pending, j.order]).toEqual([2, 1, ['/a', '/b', '/c']]);
    await j.finish('/a');
    await j.finish('/c');
    await j.finish('/d');
    await r.idle();
    expect([r.running, r.pending, j.order, j.peak(), errors]).toEqual([0, 0, ['/a', '/b', '/c', '/d'], 2, []]);
  });

  it('does not add a key that is running or waiting', async () => {
    const r = createRegenerator({ max: 1, onError: () => {} });
    const j = jobs();
    expect(r.schedule('/a', j.job('/a'))).toBe('started');
    expect(r.schedule('/a', j.job('/a'))).toBe('duplicate');
    expect(r.schedule('/b', j.job('/b'))).toBe('queued');
    expect(r.schedule('/b', j.job('/b'))).toBe('duplicate');
    await j.finish('/a');
    // Once it is done, the same key may be scheduled again.
    expect(r.schedule('/a', j.job('/a'))).toBe('queued');
    await j.finish('/b');
    await j.finish('/a');
    await r.idle();
    expect(j.order).toEqual(['/a', '/b', '/a']);
  });

  it('drops new keys beyond the waiting bound', () => {
    const r = createRegenerator({ max: 1, maxPending: 2, onError: () => {} });
    const j = jobs();
    expect(['/a', '/b', '/c', '/d'].map((k) => r.schedule(k, j.job(k)))).toEqual(['started', 'queued', 'queued', 'dropped']);
  });

  it('reports a failed job with its key and goes on with the queue', async () => {
    const errors: string[] = [];
    const r = createRegenerator({ max: 1, onError: (key, error) => errors.push(`${key}: ${(error as Error).message}`) });
    const j = jobs();
    r.schedule('/a', j.job('/a', true));
    r.schedule('/b', j.job('/b'));
    await j.finish('/a');
    expect([errors, j.order]).toEqual([['/a: boom /a'], ['/a', '/b']]);
    await j.finish('/b');
    await r.idle();
  });

  it('stop() forgets waiting jobs and refuses new ones; running ones finish', async () => {
    const r = createRegenerator({ max: 1, onError: () => {} });
    const j = jobs();
    r.schedule('/a', j.job('/a'));
    r.schedule('/b', j.job('/b'));
    r.stop();
    expect([r.running, r.pending, r.schedule('/c', j.job('/c'))]).toEqual([1, 0, 'dropped']);
    const idle = r.idle();
    await j.finish('/a');
    await idle;
    expect(j.order).toEqual(['/a']);
  });

  it('refuses a cap that is not a whole number of at least 1', () => {
    expect(() => createRegenerator({ max: 0, onError: () => {} })).toThrow(
      'max regenerations must be a whole number of at least 1, got 0',
    );
  });
});
