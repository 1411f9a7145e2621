/**
 * `Link`'s `href` may be a string or a URL object (`{ pathname, query, hash }`) as in Next.js;
 * this turns the object form into the string the anchor carries.
 */
export type Query = Record<string, string | number | boolean | null | undefined | ReadonlyArray<string | number | boolean>>;

export interface UrlObject {
  pathname?: string | null;
  query?: string | Query | null;
  search?: string | null;
  hash?: string | null;
  /** Accepted for type compatibility; only same-origin paths navigate client-side. */
  protocol?: string | null;
  host?: string | null;
  hostname?: string | null;
  port?: string | number | null;
  href?: string | null;
}

export function formatHref(href: string | UrlObject | URL): string {
  if (typeof href === 'string') return href;
  if (href instanceof URL) return href.href;
  if (typeof href.href === 'string' && href.pathname == null && href.query == null) return href.href;
  let origin = '';
  const host = href.host ?? (href.hostname ? `${href.hostname}${href.port != null && href.port !== '' ? `:${href.port}` : ''}` : '');
  if (host) {
    const protocol = href.protocol ? href.protocol.replace(/:?$/, ':') : '';
    origin = `${protocol}//${host}`;
  }
  let search = href.search ?? '';
  if (!search && href.query != null) search = typeof href.query === 'string' ? href.query : formatQuery(href.query);
  if (search && !search.startsWith('?')) search = `?${search}`;
  let hash = href.hash ?? '';
  if (hash && !hash.startsWith('#')) hash = `#${hash}`;
  return `${origin}${href.pathname ?? ''}${search}${hash}`;
}

function formatQuery(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (Array.isArray(value)) for (const item of value) params.append(key, queryValue(item));
    else params.append(key, queryValue(value));
  }
  return params.toString();
}

/** As Next.js writes them: strings, finite numbers and booleans as text; anything else empty. */
function queryValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if ((typeof value === 'number' && !Number.isNaN(value)) || typeof value === 'boolean') return String(value);
  return '';
}
