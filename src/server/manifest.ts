import { kilnError } from '../errors.ts';

/** What the server reads of one `manifest.json` route (the contract in the build output layout). */
export interface ManifestRoute {
  pattern: string;
  /** Project-relative page or route-handler file, e.g. `app/tags/[tag]/page.tsx`. */
  file: string;
  type: 'page' | 'handler';
  kind: 'static' | 'generated' | 'dynamic';
  dynamicParams: boolean;
  revalidate: number | false;
  /** Open params (rule 12): not restricted by `dynamicParams`. Absent: none. */
  open?: readonly string[];
  /** With `open` and `dynamicParams` false: the `generatedKey`s open pages may have. */
  generated?: ReadonlySet<string>;
}

/**
 * The server's view of `manifest.json`. Per-route `paths` lists are deliberately dropped: the
 * files under `pages/` are the truth about what was prerendered, and a big site's list would
 * only take memory.
 */
export interface ServerManifest {
  version: 1;
  /** Project-relative app folder, `app` or `src/app`. */
  appDir: string;
  buildId: string;
  routes: ManifestRoute[];
  /** next.config's `basePath`: '' or `/docs`. Absent in the manifest: ''. */
  basePath: string;
  /** next.config's `trailingSlash`. Absent in the manifest: false. */
  trailingSlash: boolean;
  /**
   * Prerendered pages that called `redirect()` / `permanentRedirect()`, by canonical path (as
   * `href()` writes it, without the base path). Their `pages/` files are a meta-refresh document
   * and the redirect payload; a document request answers `status` with `Location: location`.
   */
  redirects: ReadonlyMap<string, PageRedirect>;
}

export interface PageRedirect {
  status: 307 | 308;
  /** As the header carries it: the base path included for a local path. */
  location: string;
}

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

  const redirects = new Map<string, PageRedirect>();
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
  return {
    version: 1,
    appDir: data.appDir as string,
    buildId: (data.buildId as string | undefined) ?? '',
    routes,
    basePath: basePath as string,
    trailingSlash: trailingSlash as boolean,
    redirects,
  };
}

function isStringList(value: unknown): boolean {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
