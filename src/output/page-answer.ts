/**
 * How a rendered page answers, the same from `kiln start`, `kiln dev` and the server bundle's own
 * handler: a document gets the page's status, and with a `redirect()` its `Location`; a payload
 * (client navigation) that redirects answers 200, since `fetch()` would follow a 3xx to a
 * document: the client router reads the payload's `redirect` and navigates itself.
 */
export const HTML_TYPE = 'text/html; charset=utf-8';
export const RSC_TYPE = 'text/x-component';

export type AnswerFormat = 'html' | 'rsc';

export interface PageAnswer {
  status: number;
  contentType: string;
  /** Only for a document that redirects. */
  location?: string;
}

export function pageAnswer(page: { status: number; location?: string }, format: AnswerFormat): PageAnswer {
  const redirecting = page.location !== undefined && page.status >= 300 && page.status < 400;
  if (format === 'rsc') return { status: redirecting ? 200 : page.status, contentType: RSC_TYPE };
  return redirecting ? { status: page.status, contentType: HTML_TYPE, location: page.location } : { status: page.status, contentType: HTML_TYPE };
}
