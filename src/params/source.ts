/**
 * A pull-based stream with explicit shutdown. Unlike an async generator, `close()` may be called
 * while a `next()` is still waiting on user code; it then stops waiting instead of queueing
 * behind it.
 */
export interface Source<T> {
  /** The caller never calls it again before the previous call settles. */
  next(): Promise<IteratorResult<T, undefined>>;
  /** Stops the stream and lets the user's iterators run their `finally`. Idempotent. */
  close(): Promise<void>;
}

export const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });
