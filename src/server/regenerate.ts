/**
 * Background regenerations of stale pages, capped: at most `max` run at once, the rest wait in
 * a bounded queue, and a key already running or waiting is not added twice. Without a cap a
 * burst of stale pages (a deploy, a crawler) renders them all at once and starves the requests
 * the server is there to answer.
 */
import { isWholeNumber } from '../errors.ts';

export const DEFAULT_MAX_REGENERATIONS = 4;

export type ScheduleResult = 'started' | 'queued' | 'duplicate' | 'dropped';

export interface RegeneratorOptions {
  /** Regenerations in flight at most; default 4. */
  max?: number;
  /** Keys waiting at most; beyond, new keys are dropped (their next stale hit asks again). Default 1000. */
  maxPending?: number;
  /** A job that threw; the page it was regenerating keeps being served. */
  onError: (key: string, error: unknown) => void;
}

export interface Regenerator {
  schedule(key: string, job: () => Promise<void>): ScheduleResult;
  readonly running: number;
  readonly pending: number;
  /** Resolves when nothing runs or waits. */
  idle(): Promise<void>;
  /** Forgets waiting jobs; running ones finish. Later schedules are dropped. */
  stop(): void;
}

export function createRegenerator(options: RegeneratorOptions): Regenerator {
  const max = options.max ?? DEFAULT_MAX_REGENERATIONS;
  const maxPending = options.maxPending ?? 1000;
  if (!isWholeNumber(max)) throw new RangeError(`max regenerations must be a whole number of at least 1, got ${max}`);
  const active = new Set<string>();
  // Insertion-ordered: the oldest waiting key runs first.
  const waiting = new Map<string, () => Promise<void>>();
  let idleWaiters: Array<() => void> = [];
  let stopped = false;

  function start(key: string, job: () => Promise<void>): void {
    active.add(key);
    let run: Promise<void>;
    try {
      run = job();
    } catch (error) {
      run = Promise.reject(error);
    }
    run
      .catch((error: unknown) => options.onError(key, error))
      .finally(() => {
        active.delete(key);
        next();
      });
  }

  function next(): void {
    for (const [key, job] of waiting) {
      if (active.size >= max) break;
      // schedule() never lets a key wait while it runs, so this starts a key not in flight.
      waiting.delete(key);
      start(key, job);
    }
    if (active.size === 0 && waiting.size === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  return {
    schedule(key, job) {
      if (stopped) return 'dropped';
      if (active.has(key) || waiting.has(key)) return 'duplicate';
      if (active.size < max) {
        start(key, job);
        return 'started';
      }
      if (waiting.size >= maxPending) return 'dropped';
      waiting.set(key, job);
      return 'queued';
    },
    get running() {
      return active.size;
    },
    get pending() {
      return waiting.size;
    },
    idle() {
      if (active.size === 0 && waiting.size === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    stop() {
      stopped = true;
      waiting.clear();
      if (active.size === 0) next();
    },
  };
}
