/**
 * The rsc environment's entry, built to `server/rsc/index.js`. It exports `kiln`, the object the
 * build, the dev server and `kiln start` drive, and a default Web handler for plugin-rsc's dev
 * middleware. The route tree is built here, at run time, from the app's file list.
 */
import { pageAnswer } from '../output/page-answer.ts';
import { appDir, middlewareModules, metadataFiles, metadataModules, modules, pageExtensions } from 'virtual:kiln/app';
import { kilnError } from '../errors.ts';
import type { RouteModule } from '../params/types.ts';
import { buildRouteTree, collectMetadataFiles, createMatcher, href } from '../routing/index.ts';
import { stripBasePath, toPublicHref, urlConfig } from '../client/config.ts';
import { isNotFoundError, notFound, NOT_FOUND_DIGEST, redirectInfo } from '../next/navigation.ts';
import { createPageRenderer } from '../render/render-page.ts';
import { installMetadataFiles } from '../render/metadata-files.ts';
import { createMetadataRoutes } from '../render/metadata-routes.ts';
import { callRouteHandler } from '../render/route-handler.ts';
import { createMiddleware } from '../render/middleware.ts';
import { installFetchMemo } from '../render/render-store.ts';
import { pathnameOfPayloadUrl } from '../output/payload-url.ts';
import type { HtmlResult, Payload, RscEntry } from '../render/types.ts';

installFetchMemo();

// Builds and `kiln start` render over Node streams, the cheaper kind on Node; the dev server keeps
// the Web-stream React builds that plugin-rsc has Vite pre-bundle. The branch not taken is not bundled.
const { renderFlight } = import.meta.env.DEV ? await import('../render/flight.web.ts') : await import('../render/flight.node.ts');

const files = Object.keys(modules)
  .map((key) => key.slice(1))
  .sort();
const tree = buildRouteTree(
  files.map((file) => file.slice(appDir.length + 1)),
  appDir,
  pageExtensions,
);
const match = createMatcher(tree);

// Metadata files: static ones are linked from every page's head; code ones answer their URLs.
const appRelative = (key: string): string => key.slice(appDir.length + 2);
const metadataList = collectMetadataFiles([...new Set([...Object.keys(metadataFiles), ...Object.keys(metadataModules)])].map(appRelative), appDir);
function loadMetadataModule(file: string): Promise<Record<string, unknown>> {
  const importer = metadataModules[`/${file}`];
  if (!importer) return Promise.reject(kilnError('INTERNAL', { file, reason: 'not one of the metadata modules the bundle knows' }));
  return importer();
}
installMetadataFiles({
  files: metadataList,
  info: new Map(Object.entries(metadataFiles).map(([key, info]) => [key.slice(1), info])),
  basePath: urlConfig.basePath,
  load: loadMetadataModule,
});
const metadata = createMetadataRoutes(metadataList, loadMetadataModule);

/**
 * A page that is never there. Rendered in a route's place, it falls back to the not-found page
 * nearest to that route, inside the route's layouts: what a dynamicParams = false route shows
 * for params it does not have. Only `renderNotFound` uses it.
 */
const ABSENT_PAGE = '\0kiln:absent-page';
const absentPage: RouteModule = { default: () => notFound() };

/**
 * Built modules never change, so each is imported once: a dynamic `import()` per layout per page
 * costs the module loader's lookup every time. In dev every call imports, so an edit shows.
 */
const loaded = new Map<string, Promise<RouteModule>>();

function load(file: string): Promise<RouteModule> {
  if (file === ABSENT_PAGE) return Promise.resolve(absentPage);
  const kept = import.meta.env.DEV ? undefined : loaded.get(file);
  if (kept) return kept;
  const importer = modules[`/${file}`];
  if (!importer) return Promise.reject(kilnError('INTERNAL', { file, reason: 'not one of the app files the bundle knows' }));
  const module = importer() as Promise<RouteModule>;
  if (import.meta.env.DEV) return module;
  // A failed import is not kept: the next call reports it again.
  const keptModule = module.catch((error: unknown) => {
    loaded.delete(file);
    throw error;
  });
  loaded.set(file, keptModule);
  return keptModule;
}

async function flight(payload: Payload): Promise<{ bytes: Uint8Array; errors: unknown[] }> {
  const errors: unknown[] = [];
  const bytes = await renderFlight(payload, (error) => {
    errors.push(error);
    // The digest is all the browser sees of a server error in production.
    if (isNotFoundError(error)) return NOT_FOUND_DIGEST;
    return redirectInfo(error) ? (error as { digest: string }).digest : undefined;
  });
  return { bytes, errors };
}

type SsrEntry = typeof import('./ssr.tsx');
const loadSsrEntry = () => import.meta.viteRsc.loadModule<SsrEntry>('ssr', 'index');
/** Imported once in a build, as app modules are; per render in dev, so edits show. */
let ssrEntry: Promise<SsrEntry> | undefined;

async function html(rsc: Uint8Array): Promise<HtmlResult> {
  const ssr = await (import.meta.env.DEV ? loadSsrEntry() : (ssrEntry ??= loadSsrEntry()));
  return ssr.renderHtml(rsc);
}

const pages = createPageRenderer({ tree, load, match, flight, html, publicHref: (url) => toPublicHref(url) });

/**
 * Takes public URLs, as the browser sends them (under next.config's `basePath` when there is
 * one), so a route handler's `request.url` is the real one. A URL outside the base path is taken
 * as an app path, for callers that still pass those (the static export's route handler calls).
 */
async function handler(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const appPath = stripBasePath(url.pathname, urlConfig.basePath) ?? url.pathname;
  const payloadPath = pathnameOfPayloadUrl(appPath);
  const pathname = payloadPath ?? appPath;
  const found = match(pathname);
  if (found.kind === 'malformed') {
    return new Response('Bad Request', { status: 400, headers: { 'content-type': 'text/plain;charset=utf-8' } });
  }
  if (found.kind === 'found' && found.route.type === 'handler' && payloadPath === null) {
    return callRouteHandler(found.route, found.params, request, load);
  }
  const result = await pages.renderPath(
    found.kind === 'found' && found.route.type === 'page'
      ? { route: found.route, params: found.params, pathname: href(found.route, found.params), request }
      : pathname,
  );
  const format = payloadPath === null ? 'html' : 'rsc';
  const answer = pageAnswer(result, format);
  const headers: Record<string, string> = { 'content-type': answer.contentType };
  if (answer.location !== undefined) headers.location = answer.location;
  return new Response((format === 'html' ? result.html : result.rsc) as Uint8Array<ArrayBuffer>, { status: answer.status, headers });
}

// Next.js takes one middleware file (`middleware.ts` or `proxy.ts`); two are an error naming both.
const middlewareKeys = Object.keys(middlewareModules).sort();
const middleware =
  middlewareKeys.length === 0 ? null : createMiddleware(middlewareKeys.map((key) => key.slice(1)), middlewareModules[middlewareKeys[0]], !import.meta.env.DEV);

export const kiln: RscEntry = {
  appDir,
  urlConfig: { basePath: urlConfig.basePath, trailingSlash: urlConfig.trailingSlash },
  files,
  tree,
  load,
  match,
  renderPath: pages.renderPath,
  renderNotFound: (pathname, within) =>
    within
      ? pages.renderPath({ route: { ...within.route, file: ABSENT_PAGE }, params: within.params, pathname: pathname ?? '/404' })
      : pages.renderNotFound(pathname),
  handler,
  metadata,
  middleware,
};

export default handler;

if (import.meta.hot) import.meta.hot.accept();
