/**
 * next.config's `redirects()`, `rewrites()` and `headers()`: called once, as Next.js calls them
 * at build time, and checked, so a typo stops the build naming the rule and the value instead of
 * a request failing later. What comes out is data (./../server/request-rules.ts) that the build
 * records in the manifest and `kiln dev` uses as it is.
 */
import { kilnError } from '../errors.ts';
import { type HeaderRule, type RedirectRule, type RequestRules, type RewriteRule, type RuleCondition } from '../output/request-rules.ts';

export async function readRequestRules(config: Record<string, unknown>, file: string): Promise<RequestRules> {
  const bad = (key: string, value: unknown, expected: string): never => {
    throw kilnError('NEXT_CONFIG_INVALID', { file, key, value, expected });
  };
  const call = async (key: 'redirects' | 'rewrites' | 'headers'): Promise<unknown> => {
    const fn = config[key];
    if (fn === undefined) return undefined;
    if (typeof fn !== 'function') return bad(key, fn, 'an async function returning a list of rules');
    return (fn as () => unknown).call(config);
  };

  const [redirects, rewrites, headers] = await Promise.all([call('redirects'), call('rewrites'), call('headers')]);
  // Fresh lists: the rules are filled in below, and NO_RULES is shared.
  const rules: RequestRules = { redirects: [], rewrites: { beforeFiles: [], afterFiles: [], fallback: [] }, headers: [] };

  const list = (key: string, value: unknown): unknown[] => (Array.isArray(value) ? value : bad(key, value, 'a list of rules'));
  const base = (key: string, item: unknown): Record<string, unknown> => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return bad(key, item, 'a rule object');
    const rule = item as Record<string, unknown>;
    if (typeof rule.source !== 'string' || !rule.source.startsWith('/')) bad(`${key}.source`, rule.source, 'a path pattern starting with "/"');
    if (rule.basePath !== undefined && rule.basePath !== false) bad(`${key}.basePath`, rule.basePath, 'false or no value');
    for (const which of ['has', 'missing'] as const) {
      if (rule[which] === undefined) continue;
      const conditions = list(`${key}.${which}`, rule[which]);
      conditions.forEach((c, i) => condition(`${key}.${which}[${i}]`, c));
    }
    return rule;
  };
  const condition = (key: string, item: unknown): RuleCondition => {
    const c = (typeof item === 'object' && item !== null ? item : bad(key, item, 'a condition such as { type: "header", key: "x-id" }')) as Record<string, unknown>;
    if (!['header', 'cookie', 'query', 'host'].includes(c.type as string)) bad(`${key}.type`, c.type, '"header", "cookie", "query" or "host"');
    if (c.type !== 'host' && typeof c.key !== 'string') bad(`${key}.key`, c.key, 'a name');
    if (c.value !== undefined && typeof c.value !== 'string') bad(`${key}.value`, c.value, 'a regular expression as a string');
    return c as unknown as RuleCondition;
  };
  const destination = (key: string, rule: Record<string, unknown>): void => {
    if (typeof rule.destination !== 'string' || rule.destination === '') bad(`${key}.destination`, rule.destination, 'a path or a URL');
  };
  const strip = <R>(rule: Record<string, unknown>, keys: string[]): R => {
    const out: Record<string, unknown> = {};
    for (const k of ['source', 'basePath', 'has', 'missing', ...keys]) if (rule[k] !== undefined) out[k] = rule[k];
    return out as R;
  };

  if (redirects !== undefined) {
    list('redirects()', redirects).forEach((item, i) => {
      const key = `redirects()[${i}]`;
      const rule = base(key, item);
      destination(key, rule);
      const code = rule.statusCode;
      if (code !== undefined && !(typeof code === 'number' && [301, 302, 303, 307, 308].includes(code))) bad(`${key}.statusCode`, code, '301, 302, 303, 307 or 308');
      if (code === undefined && typeof rule.permanent !== 'boolean') bad(`${key}.permanent`, rule.permanent, 'true or false (or a statusCode)');
      rules.redirects.push(strip<RedirectRule>(rule, ['destination', 'permanent', 'statusCode']));
    });
  }

  if (rewrites !== undefined) {
    const take = (key: string, value: unknown): RewriteRule[] =>
      list(key, value).map((item, i) => {
        const rule = base(`${key}[${i}]`, item);
        destination(`${key}[${i}]`, rule);
        return strip<RewriteRule>(rule, ['destination']);
      });
    if (Array.isArray(rewrites)) {
      // A plain list is applied after the app's own files and pages, as Next.js applies it.
      rules.rewrites.afterFiles = take('rewrites()', rewrites);
    } else if (typeof rewrites === 'object' && rewrites !== null) {
      const phases = rewrites as Record<string, unknown>;
      for (const phase of ['beforeFiles', 'afterFiles', 'fallback'] as const) {
        if (phases[phase] !== undefined) rules.rewrites[phase] = take(`rewrites().${phase}`, phases[phase]);
      }
    } else {
      bad('rewrites()', rewrites, 'a list of rules or { beforeFiles, afterFiles, fallback }');
    }
  }

  if (headers !== undefined) {
    list('headers()', headers).forEach((item, i) => {
      const key = `headers()[${i}]`;
      const rule = base(key, item);
      const pairs = list(`${key}.headers`, rule.headers);
      pairs.forEach((pair, j) => {
        const p = pair as { key?: unknown; value?: unknown } | null;
        if (typeof p?.key !== 'string' || typeof p.value !== 'string') bad(`${key}.headers[${j}]`, pair, '{ key: "name", value: "text" }');
      });
      rules.headers.push(strip<HeaderRule>(rule, ['headers']));
    });
  }
  return rules;
}
