/**
 * Next.js middleware (`middleware.ts`, or `proxy.ts` as Next.js 16 names it, beside `app/`): which
 * requests it runs for (`config.matcher`) and what its answer tells the server. The module runs
 * in the app's server bundle; this side is pure.
 *
 * The answer is read as Next.js reads it:
 * - nothing, or `NextResponse.next()`: go on to the page, adding the answer's headers (cookies it
 *   set) to the page's response, and with `next({ request: { headers } })` the page reads those;
 * - `NextResponse.rewrite(url)`: serve `url` (a path of the app or another origin) in place of
 *   the requested one, headers as for `next()`;
 * - anything else (a redirect, a JSON or HTML response): that is the answer.
 */
import {
  MIDDLEWARE_NEXT,
  MIDDLEWARE_OVERRIDE,
  MIDDLEWARE_REQUEST_PREFIX,
  MIDDLEWARE_REWRITE,
} from '../next/middleware-headers.ts';
import type { MatcherRule } from '../output/request-rules.ts';
import { compileRuleTest, type RequestFacts } from './request-rules.ts';

export type MiddlewareOutcome =
  | { kind: 'next'; headers: Array<[string, string]>; requestHeaders: Headers | null }
  | { kind: 'rewrite'; url: string; headers: Array<[string, string]>; requestHeaders: Headers | null }
  | { kind: 'respond'; response: Response };

/**
 * `config.matcher` as Next.js accepts it: a path pattern, a list of them, or objects with
 * `source`, `has` and `missing`. Null when the value is none of these, for the caller's error.
 */
export function normaliseMatcher(matcher: unknown): MatcherRule[] | null {
  if (matcher === undefined) return [{ source: '/:path*' }];
  const list = Array.isArray(matcher) ? matcher : [matcher];
  const out: MatcherRule[] = [];
  for (const entry of list) {
    if (typeof entry === 'string' && entry.startsWith('/')) out.push({ source: entry });
    else if (typeof entry === 'object' && entry !== null && typeof (entry as MatcherRule).source === 'string') {
      const { source, has, missing } = entry as MatcherRule;
      out.push({ source, ...(has ? { has } : {}), ...(missing ? { missing } : {}) });
    } else return null;
  }
  return out;
}

/** Whether the middleware runs for a request. Kiln's hashed bundles never go through it. */
export function compileMatcher(matchers: MatcherRule[]): (facts: RequestFacts) => boolean {
  const tests = matchers.map(compileRuleTest);
  return (facts) => !facts.pathname.startsWith('/_kiln/') && tests.some((test) => test(facts) !== null);
}

export function decodeMiddlewareAnswer(answer: Response | null | undefined): MiddlewareOutcome {
  if (answer === null || answer === undefined) return { kind: 'next', headers: [], requestHeaders: null };
  const rewrite = answer.headers.get(MIDDLEWARE_REWRITE);
  const goOn = answer.headers.get(MIDDLEWARE_NEXT);
  if (rewrite === null && goOn === null) return { kind: 'respond', response: answer };
  let requestHeaders: Headers | null = null;
  const override = answer.headers.get(MIDDLEWARE_OVERRIDE);
  if (override !== null) {
    requestHeaders = new Headers();
    for (const name of override.split(',').filter(Boolean)) {
      const value = answer.headers.get(`${MIDDLEWARE_REQUEST_PREFIX}${name}`);
      if (value !== null) requestHeaders.set(name, value);
    }
  }
  const headers: Array<[string, string]> = [];
  answer.headers.forEach((value, name) => {
    if (name === MIDDLEWARE_NEXT || name === MIDDLEWARE_REWRITE || name === MIDDLEWARE_OVERRIDE || name.startsWith(MIDDLEWARE_REQUEST_PREFIX)) return;
    if (name === 'set-cookie') return;
    headers.push([name, value]);
  });
  // Several cookies are several headers; Headers joins them unless asked for each.
  for (const cookie of answer.headers.getSetCookie()) headers.push(['set-cookie', cookie]);
  if (rewrite !== null) return { kind: 'rewrite', url: rewrite, headers, requestHeaders };
  return { kind: 'next', headers, requestHeaders };
}
