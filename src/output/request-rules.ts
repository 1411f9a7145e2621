/**
 * next.config's `redirects()`, `rewrites()` and `headers()` and middleware's `config.matcher`, as
 * the build records them in `manifest.json` for `kiln start` (which never reads next.config).
 * How they apply to a request is src/server/request-rules.ts and src/server/middleware.ts.
 */

export interface RuleCondition {
  type: 'header' | 'cookie' | 'query' | 'host';
  /** Header, cookie or query name; absent for `host`. */
  key?: string;
  /** A regular expression the whole value must match; absent: the key only has to be there. */
  value?: string;
}

export interface RuleBase {
  source: string;
  /** `false`: the source is matched against the full path, base path included. */
  basePath?: false;
  has?: RuleCondition[];
  missing?: RuleCondition[];
}

export interface RedirectRule extends RuleBase {
  destination: string;
  /** 308 when true, 307 when false; `statusCode` wins when given. */
  permanent?: boolean;
  statusCode?: number;
}

export interface RewriteRule extends RuleBase {
  destination: string;
}

export interface HeaderRule extends RuleBase {
  headers: Array<{ key: string; value: string }>;
}

export interface RequestRules {
  redirects: RedirectRule[];
  rewrites: { beforeFiles: RewriteRule[]; afterFiles: RewriteRule[]; fallback: RewriteRule[] };
  headers: HeaderRule[];
}

/** No rules; frozen, since every app without next.config rules shares it. */
export const NO_RULES: RequestRules = Object.freeze({
  redirects: Object.freeze([]) as unknown as RedirectRule[],
  rewrites: Object.freeze({ beforeFiles: Object.freeze([]), afterFiles: Object.freeze([]), fallback: Object.freeze([]) }) as unknown as RequestRules['rewrites'],
  headers: Object.freeze([]) as unknown as HeaderRule[],
});

export function hasRules(rules: RequestRules): boolean {
  const { rewrites } = rules;
  return rules.redirects.length + rules.headers.length + rewrites.beforeFiles.length + rewrites.afterFiles.length + rewrites.fallback.length > 0;
}

/** A middleware's `config.matcher` entry, normalised. */
export interface MatcherRule {
  source: string;
  has?: RuleCondition[];
  missing?: RuleCondition[];
}

/** The app's middleware as the manifest records it. */
export interface ManifestMiddleware {
  /** Project-relative file (`middleware.ts`, `src/proxy.ts`). */
  file: string;
  matchers: MatcherRule[];
}
