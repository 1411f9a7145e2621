/**
 * Which app file an error came from. Flight catches errors far from where they were thrown, so
 * the layer that called the user's component records the file against the error object.
 */
const files = new WeakMap<object, string>();

export function blame(error: unknown, file: string): void {
  // The innermost layer wins: a page error passing through its layout keeps naming the page.
  if (typeof error === 'object' && error !== null && !files.has(error)) files.set(error, file);
}

export function blamedFile(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? files.get(error) : undefined;
}
