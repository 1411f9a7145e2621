import { afterEach, describe, expect, it, vi } from 'vitest';
import { within } from './deadline.ts';
import { createBudget } from './limit.ts';

const never = () => new Promise<never>(() => {});
const tag = (e: unknown) => ({ wrapped: e });

describe('within', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('returns plain values synchronously, without a timer', () => {
    vi.useFakeTimers();
    expect(within(5, 10, new AbortController().signal, () => 'timeout', tag)).toBe(5);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('resolves, wraps rejections, times out and aborts', async () => {
    const signal = new AbortController().signal;
    await expect(within(Promise.resolve(1), 10, signal, () => 'timeout', tag)).resolves.toBe(1);
    await expect(within(Promise.reject(new Error('x')), 10, signal, () => 'timeout', tag)).rejects.toEqual({
      wrapped: new Error('x'),
    });
    vi.useFakeTimers();
    const timed = within(never(), 10, signal, () => 'timeout', tag);
    const result = expect(timed).rejects.toBe('timeout');
    await vi.advanceTimersByTimeAsync(10);
    await result;
    expect(vi.getTimerCount()).toBe(0);
    const controller = new AbortController();
    const aborted = within(never(), 10, controller.signal, () => 'timeout', tag);
    controller.abort('stop');
    await expect(aborted).rejects.toBe('stop');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('an already aborted signal rejects at once, and a later rejection of the work is handled', async () => {
    let rejectWork!: (e: unknown) => void;
    const work = new Promise((_, reject) => (rejectWork = reject));
    await expect(within(work, 10, AbortSignal.abort('gone'), () => 'timeout', tag)).rejects.toBe('gone');
    rejectWork(new Error('late'));
    await new Promise((r) => setImmediate(r));
  });
});

describe('createBudget', () => {
  it('hands out at most size tokens without waiting', () => {
    const budget = createBudget(2);
    expect([budget.tryTake(), budget.tryTake(), budget.tryTake()]).toEqual([true, true, false]);
    budget.give();
    expect(budget.taken).toBe(1);
    expect(budget.tryTake()).toBe(true);
    expect(createBudget(0).tryTake()).toBe(false);
    expect(() => createBudget(1).give()).toThrow('Budget.give() without a token');
  });
});
