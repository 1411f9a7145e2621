/**
 * The one catalog of user-facing errors. Every message names the file, the route and the
 * offending value, says what was expected, and ends with a hint. Code elsewhere throws
 * `kilnError(code, details)` and never builds a message string of its own.
 */

export type ErrorCode = keyof typeof catalog;

export interface ErrorDetails {
  /** Project-relative file, e.g. `app/shop/[id]/page.tsx`. */
  file?: string;
  /** A second file for conflicts. */
  otherFile?: string;
  /** Route pattern, e.g. `/shop/[id]`. */
  route?: string;
  [key: string]: unknown;
}

type Entry = {
  /** Builds the one-paragraph message (without the hint). */
  message: (d: ErrorDetails) => string;
  hint: (d: ErrorDetails) => string;
};

/** Compact, bounded rendering of any value for a message. */
export function show(value: unknown, max = 120): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (value === undefined) text = 'undefined';
  else if (typeof value === 'function') text = `[function ${value.name || 'anonymous'}]`;
  else if (typeof value === 'bigint') text = `${value}n`;
  else if (typeof value === 'symbol') text = value.toString();
  else {
    try {
      text = JSONish(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function JSONish(value: unknown): string {
  if (value === null || typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return `[${value.map((v) => show(v, 40)).join(', ')}]`;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    return `[${proto?.constructor?.name ?? 'object'}]`;
  }
  const parts = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}: ${show(v, 40)}`);
  return `{ ${parts.join(', ')} }`;
}

/** Type name as a user would say it: `string`, `number`, `array`, `null`, `Map`… */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto === Object.prototype || proto === null) return 'object';
    return proto?.constructor?.name ?? 'object';
  }
  return typeof value;
}

const catalog = {
  // Placeholder entry so the type is not empty; the routing and params layers add theirs.
  INTERNAL: {
    message: (d) => `Kiln hit an internal error${d.file ? ` in ${d.file}` : ''}: ${String(d.reason)}.`,
    hint: () => 'This is a bug in Kiln; please report it with the app that triggers it.',
  },
} satisfies Record<string, Entry>;

export class KilnError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;
  readonly hint: string;
  constructor(code: ErrorCode, details: ErrorDetails, options?: { cause?: unknown }) {
    const entry: Entry = catalog[code];
    const hint = entry.hint(details);
    super(`${entry.message(details)}${hint ? ` Hint: ${hint}` : ''}`, options);
    this.name = 'KilnError';
    this.code = code;
    this.details = details;
    this.hint = hint;
  }
}

export function kilnError(code: ErrorCode, details: ErrorDetails, options?: { cause?: unknown }): KilnError {
  return new KilnError(code, details, options);
}

export function isKilnError(e: unknown): e is KilnError {
  return e instanceof KilnError;
}
