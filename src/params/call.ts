import { isKilnError, kilnError } from '../errors.ts';
import type { Route } from '../routing/types.ts';
import type { ParamsCallEvent } from './types.ts';
import { isThenable, within } from './deadline.ts';
import type { Holder } from './holders.ts';
import { openResult, type ResultIterator } from './iterate.ts';
import { DONE, type Source } from './source.ts';
import { validateItem, type CallContext } from './validate.ts';

/** One validated item, merged with the params of the call that produced it. */
export interface Produced {
  /** `{ ...parentSet, ...item }`: an item's own values win over its parent's. */
  merged: Record<string, unknown>;
  item: Record<string, unknown>;
  /** Position in the call's result, for messages. */
  index: number;
  ctx: CallContext;
}

export interface CallEnv {
  route: Route;
  timeoutMs: number;
  signal?: AbortSignal;
  onCall?: (event: ParamsCallEvent) => void;
}

/** Why the call's own signal aborted when Kiln stopped it; never shown to users. */
const CLOSED = Symbol('closed');

/**
 * One generateStaticParams call for one parent set, pulled item by item. The call happens on the
 * first pull. Each wait on user code (the call, then each step of an async result) is bounded by
 * `timeoutMs` and by the call's own signal, which follows the caller's signal and `close()`.
 */
export class CallSource implements Source<Produced> {
  private readonly controller = new AbortController();
  private readonly ctx: CallContext;
  private iterator: ResultIterator | null = null;
  /** User code still running (even after Kiln stopped waiting for it). */
  private busy: Promise<unknown> | null = null;
  private finished = false;
  private closed = false;
  private index = 0;
  private ms = 0;
  private readonly unlink: () => void;

  constructor(
    private readonly holder: Holder,
    private readonly parentSet: Record<string, unknown>,
    private readonly env: CallEnv,
  ) {
    this.ctx = { route: env.route, holder, parentParams: parentSet };
    const outer = env.signal;
    const follow = () => this.controller.abort(outer?.reason);
    if (outer?.aborted) follow();
    outer?.addEventListener('abort', follow, { once: true });
    this.unlink = () => outer?.removeEventListener('abort', follow);
  }

  async next(): Promise<IteratorResult<Produced, undefined>> {
    if (this.finished || this.closed) return DONE;
    const iterator = this.iterator ?? (this.iterator = openResult(await this.call(), this.ctx));
    const pending = this.wait(() => iterator.next(), 'iterate');
    // Arrays and sync iterators give a plain result: no extra await per item for them.
    const step = pending instanceof Promise ? await pending : pending;
    if (this.closed) return DONE;
    if (step.done) {
      this.finish();
      this.env.onCall?.({
        route: this.env.route,
        file: this.holder.file,
        parentParams: this.ctx.parentParams as ParamsCallEvent['parentParams'],
        count: this.index,
        ms: this.ms,
      });
      return DONE;
    }
    const index = this.index++;
    const item = validateItem(step.value, index, this.ctx);
    return { done: false, value: { merged: { ...this.parentSet, ...item }, item, index, ctx: this.ctx } };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.finish();
    this.controller.abort(CLOSED);
    const iterator = this.iterator;
    if (!iterator) return;
    const stop = async (): Promise<void> => {
      try {
        await iterator.return();
      } catch {
        // The walk is already over; a failing cleanup has nothing left to fail.
      }
    };
    // A generator still running its next() would queue return() behind it: ask it once it pauses,
    // without making the caller wait for user code that may never settle.
    if (this.busy) void this.busy.then(stop);
    else await Promise.resolve(within(stop(), this.env.timeoutMs, new AbortController().signal, noop, noop)).catch(noop);
  }

  private finish(): void {
    this.finished = true;
    this.unlink();
  }

  private call(): unknown {
    // A fresh copy per call: user code may mutate it, and siblings must not see that.
    const params = { ...this.parentSet };
    return this.wait(() => this.holder.fn({ params }), 'call');
  }

  /**
   * Runs user code, turning a throw, a rejection or a timeout into a catalog error. A plain
   * (non-thenable) result comes back synchronously.
   */
  private wait<T>(run: () => T | PromiseLike<T>, phase: 'call' | 'iterate'): T | Promise<T> {
    const fail = (cause: unknown) =>
      kilnError(
        'PARAMS_GSP_FAILED',
        { file: this.holder.file, route: this.env.route.pattern, parentParams: this.parentSet, phase, index: this.index, cause },
        { cause },
      );
    const signal = this.controller.signal;
    if (signal.aborted) throw signal.reason === CLOSED ? closedError() : signal.reason;
    const started = performance.now();
    let pending: T | PromiseLike<T>;
    try {
      pending = run();
    } catch (error) {
      throw fail(error);
    }
    if (!isThenable(pending)) {
      this.ms += performance.now() - started;
      return pending;
    }
    const timedOut = () =>
      kilnError('PARAMS_GSP_TIMEOUT', {
        file: this.holder.file,
        route: this.env.route.pattern,
        parentParams: this.parentSet,
        phase,
        index: this.index,
        timeoutMs: this.env.timeoutMs,
      });
    return this.settle(pending, within(pending, this.env.timeoutMs, signal, timedOut, fail) as Promise<T>, started);
  }

  private async settle<T>(pending: PromiseLike<T>, result: Promise<T>, started: number): Promise<T> {
    // Until user code settles, close() must not await the iterator's return() (it would queue).
    const busy = Promise.resolve(pending).then(noop, noop);
    this.busy = busy;
    let userSettled = false;
    try {
      const value = await result;
      userSettled = true;
      return value;
    } catch (error) {
      userSettled = isKilnError(error) && error.code === 'PARAMS_GSP_FAILED';
      throw error === CLOSED ? closedError() : error;
    } finally {
      this.ms += performance.now() - started;
      if (userSettled && this.busy === busy) this.busy = null;
      else
        void busy.then(() => {
          if (this.busy === busy) this.busy = null;
        });
    }
  }
}

function noop(): undefined {
  return undefined;
}

/** Rejection of a wait cut short by close(); whoever closed the source ignores it. */
function closedError(): Error {
  return new Error('generateStaticParams call closed');
}
