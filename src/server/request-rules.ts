/**
 * next.config's `redirects()`, `rewrites()` and `headers()`, as Next.js applies them to a request:
 * `source` is a path pattern (`/blog/:slug`, `/docs/:path*`, `/(.*)`), `has` and `missing` test
 * headers, cookies, query values and the host, and `destination` takes the pattern's parameters
 * (and the named groups of `has` values). The build evaluates the config's functions once and
 * records the rules in the manifest, so `kiln start` needs no next.config; `kiln dev` reads them
 * from the config. Pure: a request is given as its facts.
 */
import { match as compilePattern, type MatchFunction } from 'path-to-regexp';
import type { RequestRules, RuleBase, RuleCondition } from '../output/request-rules.ts';

/** What the rules may test of a request. */
export interface RequestFacts {
  /** The path under the base path (`/blog/a`), decoded as the router sees it. */
  pathname: string;
  /** The path as requested, base path included, for rules with `basePath: false`. */
  fullPathname: string;
  search: string;
  header(name: string): string | null;
}

export type RewritePhase = keyof RequestRules['rewrites'];

/** Where a rewrite sends the request: another path of the app, or another origin. */
export type RewriteTarget = { kind: 'internal'; pathname: string; search: string } | { kind: 'external'; url: string };

export interface CompiledRules {
  redirect(facts: RequestFacts): { status: number; location: string } | null;
  rewrite(phase: RewritePhase, facts: RequestFacts): RewriteTarget | null;
  /** Every header the matching rules set, in order (a later rule's value wins). */
  headers(facts: RequestFacts): Array<[string, string]>;
}

interface Compiled<R extends RuleBase> {
  rule: R;
  test: MatchFunction<Record<string, string | string[]>>;
}

type RuleParams = Record<string, string | string[]>;

/**
 * One rule's test: its `source` pattern against the path, then its `has` and `missing`; the
 * parameters (pattern names and `has` groups) when it matches, null when not. Middleware's
 * `config.matcher` entries are tested the same way.
 */
export function compileRuleTest(rule: RuleBase): (facts: RequestFacts) => RuleParams | null {
  const test = compilePattern<RuleParams>(rule.source, { decode: safeDecode, strict: true });
  return (facts) => matchRule(rule, test, facts);
}

export function compileRules(rules: RequestRules, basePath: string): CompiledRules {
  const compile = <R extends RuleBase>(list: R[]): Array<Compiled<R>> =>
    list.map((rule) => ({ rule, test: compilePattern<RuleParams>(rule.source, { decode: safeDecode, strict: true }) }));
  const redirects = compile(rules.redirects);
  const rewrites = {
    beforeFiles: compile(rules.rewrites.beforeFiles),
    afterFiles: compile(rules.rewrites.afterFiles),
    fallback: compile(rules.rewrites.fallback),
  };
  const headers = compile(rules.headers);

  return {
    redirect(facts) {
      for (const { rule, test } of redirects) {
        const params = matchRule(rule, test, facts);
        if (params === null) continue;
        const status = rule.statusCode ?? (rule.permanent ? 308 : 307);
        const target = withQuery(interpolate(rule.destination, params), facts.search);
        const location = isExternal(target) || rule.basePath === false ? target : `${basePath}${target}`;
        return { status, location };
      }
      return null;
    },
    rewrite(phase, facts) {
      for (const { rule, test } of rewrites[phase]) {
        const params = matchRule(rule, test, facts);
        if (params === null) continue;
        const target = withQuery(interpolate(rule.destination, params), facts.search);
        if (isExternal(target)) return { kind: 'external', url: target };
        const q = target.indexOf('?');
        const raw = q === -1 ? target : target.slice(0, q);
        const pathname = rule.basePath === false && basePath && raw.startsWith(basePath) ? raw.slice(basePath.length) || '/' : raw;
        return { kind: 'internal', pathname, search: q === -1 ? '' : target.slice(q) };
      }
      return null;
    },
    headers(facts) {
      const out: Array<[string, string]> = [];
      for (const { rule, test } of headers) {
        const params = matchRule(rule, test, facts);
        if (params === null) continue;
        for (const { key, value } of rule.headers) out.push([key.toLowerCase(), interpolate(value, params)]);
      }
      return out;
    },
  };
}

function matchRule(rule: RuleBase, test: Compiled<RuleBase>['test'], facts: RequestFacts): Record<string, string | string[]> | null {
  const found = test(rule.basePath === false ? facts.fullPathname : facts.pathname);
  if (!found) return null;
  const params: Record<string, string | string[]> = { ...found.params };
  for (const condition of rule.has ?? []) {
    const captured = testCondition(condition, facts);
    if (captured === null) return null;
    Object.assign(params, captured);
  }
  for (const condition of rule.missing ?? []) {
    if (testCondition(condition, facts) !== null) return null;
  }
  return params;
}

/** The condition's named groups (and its key's value) when it holds; null when it does not. */
function testCondition(condition: RuleCondition, facts: RequestFacts): Record<string, string> | null {
  const actual = conditionValue(condition, facts);
  if (actual === null) return null;
  if (condition.value === undefined) return condition.key && /^[A-Za-z_]\w*$/.test(condition.key) ? { [condition.key]: actual } : {};
  const found = new RegExp(`^(?:${condition.value})$`).exec(actual);
  if (!found) return null;
  return { ...found.groups };
}

function conditionValue(condition: RuleCondition, facts: RequestFacts): string | null {
  switch (condition.type) {
    case 'header':
      return facts.header(condition.key ?? '');
    case 'host':
      return (facts.header('host') ?? '').replace(/:\d+$/, '');
    case 'query':
      return new URLSearchParams(facts.search).get(condition.key ?? '');
    case 'cookie':
      return cookieValue(facts.header('cookie'), condition.key ?? '');
  }
}

function cookieValue(header: string | null, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === name) return safeDecode(part.slice(eq + 1).trim());
  }
  return null;
}

/**
 * `:name` (with `*`, `+` or `?`) in a destination becomes the parameter's value, path segments
 * encoded; a catch-all's parts are joined by `/`. A name the match did not give is left as is.
 */
function interpolate(destination: string, params: Record<string, string | string[]>): string {
  return destination.replace(/(\/?):([A-Za-z_]\w*)([*+?])?/g, (whole, slash: string, name: string, modifier: string | undefined) => {
    const value = params[name];
    const empty = value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
    // An optional part that is absent takes its slash with it: `/guide/:path*` → `/guide`.
    if (empty && (modifier === '*' || modifier === '?')) return '';
    if (value === undefined) return whole;
    return slash + (Array.isArray(value) ? value.map(encodeSegment).join('/') : encodeSegment(value));
  });
}

function encodeSegment(value: string): string {
  return encodeURIComponent(value).replace(/%2F/gi, '/');
}

/** The request's query goes along, as Next.js passes it on; the destination's own keys win. */
function withQuery(target: string, search: string): string {
  if (search === '' || search === '?') return target;
  const hash = target.indexOf('#');
  const base = hash === -1 ? target : target.slice(0, hash);
  const fragment = hash === -1 ? '' : target.slice(hash);
  const q = base.indexOf('?');
  const own = new URLSearchParams(q === -1 ? '' : base.slice(q + 1));
  for (const [key, value] of new URLSearchParams(search)) if (!own.has(key)) own.append(key, value);
  const query = own.toString();
  return `${q === -1 ? base : base.slice(0, q)}${query ? `?${query}` : ''}${fragment}`;
}

function isExternal(target: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(target);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
