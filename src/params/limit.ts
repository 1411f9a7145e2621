/**
 * A pool of tokens taken without waiting. Calls started ahead of the consumer take one; the
 * consumer's own path never needs one, so the walk always makes progress and cannot deadlock.
 */
export interface Budget {
  tryTake(): boolean;
  give(): void;
  /** Tokens currently taken (for tests and progress). */
  readonly taken: number;
}

export function createBudget(size: number): Budget {
  let taken = 0;
  return {
    tryTake() {
      if (taken >= size) return false;
      taken++;
      return true;
    },
    give() {
      if (taken === 0) throw new Error('Budget.give() without a token');
      taken--;
    },
    get taken() {
      return taken;
    },
  };
}
