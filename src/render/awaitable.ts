/**
 * Next.js 15 made `headers()`, `cookies()` and `draftMode()` return Promises, while apps written
 * for 13/14 call their methods directly (`headers().get('x')`). Like `params` (params-prop.ts),
 * Kiln returns a value that works both ways: a settled Promise of the object that also carries the
 * object's methods and getters, bound to it.
 */
export type Awaitable<T extends object> = Promise<T> & T;

const PROMISE_KEYS: ReadonlySet<PropertyKey> = new Set(['then', 'catch', 'finally', 'constructor']);

export function awaitable<T extends object>(value: T): Awaitable<T> {
  const promise = Promise.resolve(value);
  const seen = new Set<PropertyKey>();
  // Own properties first, then each prototype's, so an override wins over what it overrides.
  for (let proto: object | null = value; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const key of Reflect.ownKeys(proto)) {
      if (seen.has(key) || PROMISE_KEYS.has(key)) continue;
      seen.add(key);
      const descriptor = Object.getOwnPropertyDescriptor(proto, key)!;
      if (descriptor.get) {
        Object.defineProperty(promise, key, { get: () => Reflect.get(value, key), enumerable: false });
      } else if (typeof descriptor.value === 'function') {
        Object.defineProperty(promise, key, { value: (descriptor.value as (...a: unknown[]) => unknown).bind(value), enumerable: false });
      } else {
        Object.defineProperty(promise, key, { get: () => Reflect.get(value, key), enumerable: true });
      }
    }
  }
  return promise as Awaitable<T>;
}
