import type { Budget } from './limit.ts';
import { DONE, type Source } from './source.ts';

/** One inner stream, in outer order. */
interface Sub<T> {
  source: Source<T>;
  /** Items pulled ahead of the consumer (only while `ahead`). */
  buffer: T[];
  done: boolean;
  failed: boolean;
  error: unknown;
  /** Started before its turn; holds one budget token until it becomes the head. */
  ahead: boolean;
  pumping: Promise<void> | null;
}

export interface FlatMapOptions {
  /** Shared by every flatMap of one walk: how many inner streams may run ahead of the consumer. */
  budget: Budget;
  /** Items an inner stream running ahead may buffer before it pauses. */
  highWaterMark: number;
}

/**
 * `outer.flatMap(inner)` in outer order, with the next inner streams started early while the
 * consumer reads the current one (Kiln's concurrent per-parent gSP calls). Output order is
 * exactly the sequential order, so the walk stays deterministic (first-wins dedupe, build shards).
 *
 * Memory is bounded: at most `budget` inner streams run ahead, each buffering at most
 * `highWaterMark` items; the head stream is pulled one item per request (backpressure). Errors
 * surface in order, when the consumer reaches them.
 */
export class OrderedFlatMap<P, T> implements Source<T> {
  private readonly queue: Sub<T>[] = [];
  private outerDone = false;
  private outerFailed = false;
  private outerError: unknown;
  /** Serializes pulls of `outer`, which never sees two next() at once. */
  private outerChain: Promise<unknown> = Promise.resolve();
  private outerPulling = 0;
  private filling = false;
  private closed = false;

  constructor(
    private readonly outer: Source<P>,
    private readonly inner: (value: P) => Source<T>,
    private readonly options: FlatMapOptions,
  ) {}

  async next(): Promise<IteratorResult<T, undefined>> {
    for (;;) {
      if (this.closed) return DONE;
      const head = this.queue[0];
      if (!head) {
        if (this.outerPulling > 0) await this.outerChain;
        else if (this.outerDone) {
          if (this.outerFailed) throw this.outerError;
          return DONE;
        } else await this.pullOuter(false);
        continue;
      }
      this.promote(head);
      if (head.buffer.length > 0) {
        this.fillAhead();
        return { done: false, value: head.buffer.shift() as T };
      }
      if (head.failed) throw head.error;
      if (head.done) {
        this.queue.shift();
        continue;
      }
      if (head.pumping) {
        await head.pumping;
        continue;
      }
      this.fillAhead();
      const step = await head.source.next();
      if (!step.done) return step;
      head.done = true;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const subs = this.queue.splice(0);
    for (const sub of subs) this.promote(sub);
    await Promise.all([this.outer.close(), ...subs.map((sub) => sub.source.close())]);
  }

  /** The head reads through; a stream that ran ahead gives its token back and stops pumping. */
  private promote(sub: Sub<T>): void {
    if (!sub.ahead) return;
    sub.ahead = false;
    this.options.budget.give();
  }

  /** Appends the next inner stream; with `ahead`, the caller holds a token for it. */
  private pullOuter(ahead: boolean): Promise<Sub<T> | null> {
    this.outerPulling++;
    const run = async (): Promise<Sub<T> | null> => {
      if (this.outerDone || this.closed) return null;
      let step: IteratorResult<P, undefined>;
      try {
        step = await this.outer.next();
      } catch (error) {
        this.outerDone = this.outerFailed = true;
        this.outerError = error;
        return null;
      }
      if (step.done) this.outerDone = true;
      if (step.done || this.closed) return null;
      const sub: Sub<T> = {
        source: this.inner(step.value),
        buffer: [],
        done: false,
        failed: false,
        error: undefined,
        ahead: false,
        pumping: null,
      };
      // Becoming the head right away needs no token; otherwise start pulling it now.
      if (ahead && this.queue.length > 0) {
        sub.ahead = true;
        this.pump(sub);
      }
      this.queue.push(sub);
      return sub.ahead ? sub : null;
    };
    const result = this.outerChain.then(run);
    this.outerChain = result.then(noop, noop).then(() => {
      this.outerPulling--;
    });
    return result;
  }

  /** Starts inner streams ahead of the consumer while the shared budget has tokens. */
  private fillAhead(): void {
    if (this.filling || this.closed || this.outerDone) return;
    this.filling = true;
    void (async () => {
      try {
        while (!this.closed && !this.outerDone && this.options.budget.tryTake()) {
          const sub = await this.pullOuter(true);
          if (!sub) {
            this.options.budget.give();
            break;
          }
        }
      } catch {
        // Only inner() can throw here, before the token was handed to a stream; the head pulls
        // the same place again and reports the error in order.
        this.options.budget.give();
      } finally {
        this.filling = false;
      }
    })();
  }

  private pump(sub: Sub<T>): void {
    const { highWaterMark } = this.options;
    sub.pumping = (async () => {
      while (sub.ahead && !this.closed && !sub.done && !sub.failed && sub.buffer.length < highWaterMark) {
        try {
          const step = await sub.source.next();
          if (step.done) sub.done = true;
          else sub.buffer.push(step.value);
        } catch (error) {
          sub.failed = true;
          sub.error = error;
        }
      }
    })().finally(() => {
      sub.pumping = null;
    });
  }
}

function noop(): void {}
