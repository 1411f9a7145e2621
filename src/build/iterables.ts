/** Async generator plumbing for the stream of pages from the params walk to the lanes. */

/** Passes items through and reports how many there were once the source is exhausted. */
export async function* counted<T>(source: AsyncIterable<T>, onDone: (count: number) => void): AsyncGenerator<T> {
  let count = 0;
  for await (const item of source) {
    count++;
    yield item;
  }
  onDone(count);
}

export async function* mapIterable<T, U>(source: AsyncIterable<T>, map: (item: T) => U): AsyncGenerator<U> {
  for await (const item of source) yield map(item);
}

/** Takes up to `count` items from the generator, saying whether that was all of them. */
export async function* filterIterable<T>(source: AsyncIterable<T>, keep: (item: T) => boolean): AsyncGenerator<T> {
  for await (const item of source) if (keep(item)) yield item;
}

export async function peek<T>(source: AsyncGenerator<T>, count: number): Promise<{ items: T[]; exhausted: boolean }> {
  const items: T[] = [];
  while (items.length < count) {
    const step = await source.next();
    if (step.done) return { items, exhausted: true };
    items.push(step.value);
  }
  return { items, exhausted: false };
}

/** The peeked items, then the rest of the generator (closed when the result is closed). */
export async function* prepend<T>(items: T[], rest: AsyncGenerator<T>): AsyncGenerator<T> {
  try {
    yield* items;
    yield* rest;
  } finally {
    await rest.return(undefined);
  }
}
