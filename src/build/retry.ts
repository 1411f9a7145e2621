/**
 * Retries for builds that talk to real APIs: a GET that fails on the network or answers a
 * transient status, and a generateStaticParams call that throws a network error, are tried again
 * after a doubling delay. Anything else fails at once: retrying a bug only delays its report.
 */
import type { LoadModule, RouteModule } from '../params/types.ts';

export const DEFAULT_RETRIES = 2;
export const DEFAULT_RETRY_DELAY_MS = 250;

export interface RetryPolicy {
  /** Extra attempts after the first. */
  retries: number;
  /** Delay before the first retry; each later one doubles it. */
  delayMs: number;
}

/** Statuses worth asking again: timeouts, rate limits and gateway or server hiccups. */
const TRANSIENT_STATUS = new Set([408, 429, 500, 502, 503, 504]);

export function isTransientStatus(status: number): boolean {
  return TRANSIENT_STATUS.has(status);
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
]);

/**
 * True for what `fetch` throws when the network fails (`TypeError: fetch failed` with a socket
 * error as its cause), found anywhere in the cause chain, since apps often wrap it.
 */
export function isNetworkError(error: unknown): boolean {
  for (let e = error, depth = 0; e !== null && typeof e === 'object' && depth < 8; depth++) {
    const { name, message, code } = e as { name?: unknown; message?: unknown; code?: unknown };
    if (name === 'TypeError' && message === 'fetch failed') return true;
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || code.startsWith('UND_ERR_'))) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

export function retryDelay(policy: RetryPolicy, attempt: number): number {
  return policy.delayMs * 2 ** attempt;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * `load` for the params walk, with every generateStaticParams wrapped so that a call throwing a
 * network error is made again (same arguments) up to `policy.retries` times.
 */
export function withParamsRetries(load: LoadModule, policy: RetryPolicy): LoadModule {
  if (policy.retries === 0) return load;
  const wrapped = new Map<string, Promise<RouteModule>>();
  return (file) => {
    let pending = wrapped.get(file);
    if (!pending) {
      pending = load(file).then((mod) => {
        const gsp = mod.generateStaticParams;
        if (typeof gsp !== 'function') return mod;
        return { ...mod, generateStaticParams: retrying(gsp as (props: Props) => unknown, policy) };
      });
      wrapped.set(file, pending);
      // A failed load is not remembered: the caller reports it, and nothing retries it here.
      pending.catch(() => wrapped.delete(file));
    }
    return pending;
  };
}

type Props = { params?: Record<string, unknown> } & Record<string, unknown>;

function retrying(fn: (props: Props) => unknown, policy: RetryPolicy): (props: Props) => Promise<unknown> {
  return async function generateStaticParams(props: Props) {
    // Each attempt gets params as they were: a failed attempt may have changed the object.
    const pristine = { ...props.params };
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn(attempt === 0 ? props : { ...props, params: { ...pristine } });
      } catch (error) {
        if (attempt >= policy.retries || !isNetworkError(error)) throw error;
        await sleep(retryDelay(policy, attempt));
      }
    }
  };
}
