/**
 * Route handlers (`route.ts`): the module's export named after the request method answers it,
 * as in Next.js. HEAD falls back to GET; a missing method answers 405 with `Allow`.
 */
import { kilnError } from '../errors.ts';
import { isNotFoundError, redirectInfo } from '../next/navigation.ts';
import { NextRequest } from '../next/server.ts';
import type { LoadModule } from '../params/types.ts';
import type { Params, Route } from '../routing/types.ts';
import { runInHandlerScope } from './handler-scope.ts';
import { paramsProp } from './params-prop.ts';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

type Handler = (request: Request, context: { params: unknown }) => unknown;

export async function callRouteHandler(route: Route, params: Params, request: Request, load: LoadModule): Promise<Response> {
  const mod = await load(route.file);
  const method = request.method.toUpperCase();
  let fn = mod[method];
  if (typeof fn !== 'function' && method === 'HEAD') fn = mod.GET;
  if (typeof fn !== 'function') {
    const allow = METHODS.filter((m) => typeof mod[m] === 'function' || (m === 'HEAD' && typeof mod.GET === 'function'));
    return new Response(null, { status: 405, headers: { allow: allow.join(', ') } });
  }
  // Handlers written for Next.js read `req.nextUrl` and `req.cookies`.
  const nextRequest = request instanceof NextRequest ? request : new NextRequest(request);
  // As in Next.js, a handler of a route without dynamic segments gets no params at all.
  const context = { params: route.params.length === 0 ? undefined : paramsProp(params) };
  // headers() and cookies() beneath the handler read this request; cookies it sets reach its answer.
  return runInHandlerScope(nextRequest, async () => {
    let result: unknown;
    try {
      result = await (fn as Handler)(nextRequest, context);
    } catch (error) {
      const answer = thrownAnswer(error);
      if (answer) return answer;
      throw error;
    }
    if (!(result instanceof Response)) {
      throw kilnError('ROUTE_HANDLER_NOT_RESPONSE', { file: route.file, route: route.pattern, method, value: result });
    }
    return result;
  });
}

/**
 * What Next.js answers when a handler throws `redirect()`, `permanentRedirect()` or `notFound()`:
 * 307 / 308 with the target as written (Next.js adds no base path here, unlike for pages), or an
 * empty 404. Anything else thrown is a real failure: null.
 */
function thrownAnswer(error: unknown): Response | null {
  const redirect = redirectInfo(error);
  if (redirect) return new Response(null, { status: redirect.status, headers: { location: redirect.url } });
  if (isNotFoundError(error)) return new Response(null, { status: 404 });
  return null;
}
