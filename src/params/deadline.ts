/**
 * Waits for `work` unless `signal` aborts (rejects with its reason) or `timeoutMs` passes first
 * (rejects with `onTimeout()`); a rejection of `work` itself goes through `onRejected`. Values
 * that are not thenables come back as they are, without a timer, so arrays and sync iterators
 * stay cheap. The user's promise cannot be cancelled; losing the race only stops waiting for it.
 */
export function within<T>(
  work: T | PromiseLike<T>,
  timeoutMs: number,
  signal: AbortSignal,
  onTimeout: () => unknown,
  onRejected: (error: unknown) => unknown,
): T | Promise<T> {
  if (!isThenable(work)) return work;
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = (settle: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      settle();
    };
    const onAbort = () => finish(() => reject(signal.reason));
    const timer = setTimeout(() => finish(() => reject(onTimeout())), timeoutMs);
    // Before the abort check, so a rejection after we stop waiting is still handled. A thenable
    // may call back synchronously, hence the `settled` check below.
    work.then(
      (value) => finish(() => resolve(value)),
      (error: unknown) => finish(() => reject(onRejected(error))),
    );
    if (settled) return;
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}

export function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
