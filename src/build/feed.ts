/**
 * The bounded queue between the params walk (one producer, in the main thread) and the render
 * workers (lanes). Items go to lanes in batches; a lane holds at most `window` items that it has
 * not finished, so the producer is never more than `lanes × window` items ahead of the renderers
 * and memory stays flat however many pages there are. The first failure stops the producer.
 */
import { isWholeNumber } from '../errors.ts';

export interface FeedOptions<T> {
  /** One entry per lane; `send(batch)` hands the lane a batch it must later `complete()`. */
  lanes: number;
  send: (lane: number, batch: T[]) => void;
  /** Items a lane may hold unfinished (sent or waiting to be sent). */
  window: number;
  /** Items sent at once to a lane that is busy; an idle lane gets what there is at once. */
  batchSize: number;
  /** Time spent waiting for the producer, for the build's timings. */
  onWait?: (ms: number) => void;
}

export interface Feed {
  /** Resolves when every item was produced, sent and completed; rejects with the first failure. */
  readonly done: Promise<void>;
  /** A lane finished `count` of the items it was sent. */
  complete(lane: number, count: number): void;
  /** Stops producing and sending; `done` rejects with the first error given. */
  fail(error: unknown): void;
  /** Items produced and not yet completed (for tests and progress). */
  readonly outstanding: number;
}

export function startFeed<T>(source: AsyncIterable<T> | Iterable<T>, options: FeedOptions<T>): Feed {
  const { lanes, send, window, batchSize } = options;
  for (const [name, value] of [['lanes', lanes], ['window', window], ['batchSize', batchSize]] as const) {
    if (!isWholeNumber(value)) throw new RangeError(`feed: ${name} must be a positive integer (got ${value})`);
  }
  if (batchSize > window) throw new RangeError(`feed: batchSize (${batchSize}) must not exceed window (${window})`);

  /** Per lane: items sent and not completed, and items waiting for a batch to fill. */
  const sent = new Array<number>(lanes).fill(0);
  const waiting: T[][] = Array.from({ length: lanes }, () => []);
  let outstanding = 0;
  let exhausted = false;
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  let settle!: { resolve: () => void; reject: (e: unknown) => void };
  const done = new Promise<void>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // A rejection nobody awaits yet must not crash the process; `done` still rejects for callers.
  done.catch(() => undefined);

  const notify = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const flush = (lane: number): void => {
    const batch = waiting[lane];
    if (batch.length === 0) return;
    waiting[lane] = [];
    sent[lane] += batch.length;
    send(lane, batch);
  };
  /** The lane with the fewest unfinished items, if it has room. */
  const freeLane = (): number => {
    let best = -1;
    for (let lane = 0; lane < lanes; lane++) {
      const held = sent[lane] + waiting[lane].length;
      if (held < window && (best === -1 || held < sent[best] + waiting[best].length)) best = lane;
    }
    return best;
  };
  const finishIfIdle = (): void => {
    if (failure || !exhausted || outstanding > 0) return;
    settle.resolve();
  };

  const iterator =
    Symbol.asyncIterator in source
      ? (source as AsyncIterable<T>)[Symbol.asyncIterator]()
      : toAsync((source as Iterable<T>)[Symbol.iterator]());

  const produce = async (): Promise<void> => {
    try {
      while (!failure) {
        const lane = freeLane();
        if (lane === -1) {
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          continue;
        }
        const t0 = performance.now();
        const step = await iterator.next();
        options.onWait?.(performance.now() - t0);
        if (failure) break;
        if (step.done) {
          exhausted = true;
          for (let l = 0; l < lanes; l++) flush(l);
          finishIfIdle();
          return;
        }
        outstanding++;
        waiting[lane].push(step.value);
        // A lane running low gets its items now; a busy one gets them a batch at a time.
        if (waiting[lane].length >= batchSize || sent[lane] < batchSize) flush(lane);
      }
    } catch (error) {
      stop(error);
    }
    // Stopped early: let the producer release what it holds (open gSP calls, timers).
    await iterator.return?.()?.catch(() => undefined);
  };

  const stop = (error: unknown): void => {
    if (failure) return;
    failure = { error };
    settle.reject(error);
    notify();
  };

  void produce();

  return {
    done,
    complete(lane, count) {
      if (count > sent[lane]) throw new RangeError(`feed: lane ${lane} completed ${count} items but holds ${sent[lane]}`);
      sent[lane] -= count;
      outstanding -= count;
      if (failure) return;
      // The lane ran low: what waits for it goes now rather than when a batch fills.
      if (sent[lane] < batchSize) flush(lane);
      notify();
      finishIfIdle();
    },
    fail: stop,
    get outstanding() {
      return outstanding;
    },
  };
}

function toAsync<T>(it: Iterator<T>): AsyncIterator<T> {
  return {
    next: async () => it.next(),
    return: async () => it.return?.() ?? { done: true, value: undefined },
  };
}
