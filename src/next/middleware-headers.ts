/**
 * How a middleware's `NextResponse.next()` / `rewrite()` tell the server what to do: headers of
 * the returned response, which the server reads and removes. They are Next.js's own names, so a
 * middleware that sets them by hand behaves as it does there.
 */
export const MIDDLEWARE_NEXT = 'x-middleware-next';
export const MIDDLEWARE_REWRITE = 'x-middleware-rewrite';
export const MIDDLEWARE_OVERRIDE = 'x-middleware-override-headers';
export const MIDDLEWARE_REQUEST_PREFIX = 'x-middleware-request-';
