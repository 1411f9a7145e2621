import { describe, expect, it } from 'vitest';
import { createSingleFlight } from './single-flight.ts';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('single flight', () => {
  it('runs the work once for concurrent callers of one key and gives them all its result', async () => {
    const flight = createSingleFlight<string>();
    const gate = deferred<string>();
    let calls = 0;
    const work = () => {
      calls++;
      return gate.promise;
    };
    const callers = Array.from({ length: 200 }, () => flight.run('/a', work));
    expect([calls, flight.has('/a'), flight.size]).toEqual([1, true, 1]);
    gate.resolve('page');
    expect(await Promise.all(callers)).toEqual(Array(200).fill('page'));
    expect([flight.has('/a'), flight.size]).toEqual([false, 0]);
  });

  it('keeps keys apart', async () => {
    const flight = createSingleFlight<string>();
    const started: string[] = [];
    const results = await Promise.all(
      ['/a', '/b', '/a', '/b', '/c'].map((key) =>
        flight.run(key, async () => {
          started.push(key);
          return `page ${key}`;
        }),
      ),
    );
    expect(started).toEqual(['/a', '/b', '/c']);
    expect(results).toEqual(['page /a', 'page /b', 'page /a', 'page /b', 'page /c']);
  });

  it('gives every caller the failure, then forgets it so the next call runs again', async () => {
    const flight = createSingleFlight<string>();
    const gate = deferred<string>();
    const first = flight.run('/a', () => gate.promise);
    const second = flight.run('/a', async () => 'never');
    gate.reject(new Error('render failed'));
    await expect(first).rejects.toThrow('render failed');
    await expect(second).rejects.toThrow('render failed');
    expect(await flight.run('/a', async () => 'second try')).toBe('second try');
  });

  it('turns work that throws synchronously into a rejection', async () => {
    const flight = createSingleFlight<string>();
    await expect(
      flight.run('/a', () => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
    expect(flight.size).toBe(0);
  });
});
