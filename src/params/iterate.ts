import { kilnError } from '../errors.ts';
import { callDetails, type CallContext } from './validate.ts';

/**
 * A pull view over what generateStaticParams returned. `next()` is synchronous for arrays and
 * sync iterables, so the caller can skip promise and timer work per item for them.
 */
export interface ResultIterator {
  next(): IteratorResult<unknown> | Promise<IteratorResult<unknown>>;
  /** Lets a generator run its `finally`; a no-op for arrays. */
  return(): unknown;
}

/**
 * Opens a gSP result lazily, so a long one streams in bounded memory: an array is read by index, a sync or async iterable
 * through its own iterator, one item per pull; nothing is copied. Strings are iterable but are
 * not lists of params, so they are refused with everything else.
 */
export function openResult(value: unknown, ctx: CallContext): ResultIterator {
  if (Array.isArray(value)) {
    let i = 0;
    return {
      next: () => (i < value.length ? { done: false, value: value[i++] } : { done: true, value: undefined }),
      return: () => undefined,
    };
  }
  if (value !== null && typeof value === 'object') {
    const asyncOpen = (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator];
    if (typeof asyncOpen === 'function') return wrap(asyncOpen.call(value) as AsyncIterator<unknown>);
    const syncOpen = (value as { [Symbol.iterator]?: unknown })[Symbol.iterator];
    if (typeof syncOpen === 'function') return wrap(syncOpen.call(value) as Iterator<unknown>);
  }
  throw kilnError('PARAMS_RESULT_NOT_ITERABLE', { ...callDetails(ctx), value });
}

function wrap(it: Iterator<unknown> | AsyncIterator<unknown>): ResultIterator {
  return {
    next: () => it.next(),
    return: () => it.return?.(),
  };
}
