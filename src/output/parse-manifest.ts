/**
 * Reads `manifest.json` for the server: checks every field it relies on, so a damaged or
 * foreign file fails at start with the key and value at fault instead of misrouting requests.
 */
import { kilnError } from '../errors.ts';
import type { ManifestRedirect, ManifestRoute, ServerManifest } from './manifest.ts';
import { NO_RULES, type ManifestMiddleware, type RequestRules } from './request-rules.ts';

const KINDS: ReadonlySet<unknown> = new Set(['static', 'generated', 'dynamic']);
const TYPES: ReadonlySet<unknown> = new Set(['page', 'handler']);

/** Parses and checks the fields the server relies on; `file` names the manifest in errors. */
export function parseManifest(text: string, file: string): ServerManifest {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw kilnError(
      'SERVER_MANIFEST_INVALID',
      { file, key: 'the text', value: (error as Error).message, expected: 'JSON' },
      { cause: error },
    );
  }
  const bad = (key: string, value: unknown, expected: string, route?: string): never => {
    throw kilnError('SERVER_MANIFEST_INVALID', { file, key, value, expected, ...(route ? { route } : {}) });
  };
  if (!isObject(data)) return bad('the manifest', data, 'an object');
  if (data.version !== 1) bad('version', data.version, '1');
  if (typeof data.appDir !== 'string' || data.appDir === '') bad('appDir', data.appDir, 'a project-relative folder');
  if (data.buildId !== undefined && typeof data.buildId !== 'string') bad('buildId', data.buildId, 'a string');
  if (!Array.isArray(data.routes)) return bad('routes', data.routes, 'an array');

  const routes: ManifestRoute[] = [];
  for (let i = 0; i < data.routes.length; i++) {
    const r: unknown = data.routes[i];
    if (!isObject(r)) return bad(`routes[${i}]`, r, 'an object');
    if (typeof r.pattern !== 'string' || !r.pattern.startsWith('/')) bad(`routes[${i}].pattern`, r.pattern, 'a URL pattern');
    const route = r.pattern as string;
    if (typeof r.file !== 'string' || r.file === '') bad('file', r.file, 'a project-relative file', route);
    if (!TYPES.has(r.type)) bad('type', r.type, '"page" or "handler"', route);
    if (!KINDS.has(r.kind)) bad('kind', r.kind, '"static", "generated" or "dynamic"', route);
    if (typeof r.dynamicParams !== 'boolean') bad('dynamicParams', r.dynamicParams, 'true or false', route);
    const revalidate = r.revalidate;
    if (revalidate !== false && !(typeof revalidate === 'number' && revalidate >= 0)) {
      bad('revalidate', revalidate, 'a number of seconds or false', route);
    }
    const entry: ManifestRoute = {
      pattern: route,
      file: r.file as string,
      type: r.type as ManifestRoute['type'],
      kind: r.kind as ManifestRoute['kind'],
      dynamicParams: r.dynamicParams as boolean,
      revalidate: revalidate as number | false,
    };
    if (r.open !== undefined) {
      if (!isStringList(r.open)) bad('open', r.open, 'an array of param names', route);
      entry.open = r.open as string[];
    }
    if (r.generated !== undefined) {
      if (!isStringList(r.generated)) bad('generated', r.generated, 'an array of keys', route);
      entry.generated = new Set(r.generated as string[]);
    }
    routes.push(entry);
  }
  const basePath = data.basePath ?? '';
  if (typeof basePath !== 'string' || (basePath !== '' && !/^\/[^/]/.test(basePath)) || basePath.endsWith('/')) {
    bad('basePath', basePath, '"" or a path such as "/docs" (leading slash, no trailing slash)');
  }
  const trailingSlash = data.trailingSlash ?? false;
  if (typeof trailingSlash !== 'boolean') bad('trailingSlash', trailingSlash, 'true or false');

  const redirects = new Map<string, ManifestRedirect>();
  const listed = data.redirects ?? {};
  if (!isObject(listed)) bad('redirects', listed, 'an object of page path → { status, location }');
  for (const [path, r] of Object.entries(listed as Record<string, unknown>)) {
    const key = `redirects[${JSON.stringify(path)}]`;
    if (!path.startsWith('/')) bad(key, path, 'a page path starting with "/"');
    if (!isObject(r)) return bad(key, r, 'an object { status, location }');
    if (r.status !== 307 && r.status !== 308) bad(`${key}.status`, r.status, '307 or 308');
    // A header value: printable ASCII only, which also rules out CR/LF.
    if (typeof r.location !== 'string' || !/^[\x21-\x7e]+$/.test(r.location)) {
      bad(`${key}.location`, r.location, 'a URL of printable ASCII characters');
    }
    redirects.set(path, { status: r.status as 307 | 308, location: r.location as string });
  }
  // Written by the build from a checked next.config; only their shape is checked here.
  const rules = data.rules ?? NO_RULES;
  if (!isObject(rules) || !Array.isArray(rules.redirects) || !Array.isArray(rules.headers) || !isObject(rules.rewrites)) {
    bad('rules', rules, 'an object { redirects, rewrites, headers }');
  }
  const middleware = data.middleware ?? null;
  if (middleware !== null && (!isObject(middleware) || typeof middleware.file !== 'string' || !Array.isArray(middleware.matchers))) {
    bad('middleware', middleware, 'an object { file, matchers }');
  }
  return {
    version: 1,
    appDir: data.appDir as string,
    buildId: (data.buildId as string | undefined) ?? '',
    routes,
    basePath: basePath as string,
    trailingSlash: trailingSlash as boolean,
    redirects,
    rules: rules as RequestRules,
    middleware: middleware as ManifestMiddleware | null,
  };
}

function isStringList(value: unknown): boolean {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
