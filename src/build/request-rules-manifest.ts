/**
 * What the build records for `kiln start` of the requests' way in: the middleware file and its
 * matchers (read from the bundled module, as Next.js reads `config.matcher` at build time), and
 * next.config's redirects, rewrites and headers. A static export has no server to apply them:
 * middleware is refused, and the rules are left out with a warning.
 */
import { kilnError } from '../errors.ts';
import { hasRules, type ManifestMiddleware, type RequestRules } from '../output/request-rules.ts';
import type { RscEntry } from '../render/types.ts';
import { normaliseMatcher } from '../server/middleware.ts';

export async function middlewareManifest(entry: RscEntry, exporting: boolean): Promise<ManifestMiddleware | undefined> {
  const middleware = entry.middleware;
  if (!middleware) return undefined;
  if (exporting) throw kilnError('MIDDLEWARE_EXPORT_UNSUPPORTED', { file: middleware.file });
  const written = await middleware.matcher();
  const matchers = normaliseMatcher(written);
  if (matchers === null) throw kilnError('MIDDLEWARE_MATCHER_INVALID', { file: middleware.file, value: written });
  return { file: middleware.file, matchers };
}

/** The rules to record, or undefined; the warning for an export that has some. */
export function rulesManifest(rules: RequestRules, configFile: string | null, exporting: boolean): { rules?: RequestRules; warning?: string } {
  if (!hasRules(rules)) return {};
  if (!exporting) return { rules };
  const kinds = [
    rules.redirects.length > 0 ? 'redirects' : null,
    rules.rewrites.beforeFiles.length + rules.rewrites.afterFiles.length + rules.rewrites.fallback.length > 0 ? 'rewrites' : null,
    rules.headers.length > 0 ? 'headers' : null,
  ].filter((k): k is string => k !== null);
  return { warning: kilnError('REQUEST_RULES_EXPORT_IGNORED', { file: configFile ?? 'next.config', kinds }).message };
}
