/**
 * What `kiln dev` sends the browser when a page cannot be rendered: shared by the dev server
 * (src/dev/), which answers a payload request with it, and the browser's dev overlay.
 */

/** The content type of a failed payload request's JSON body; it tells the body from a payload. */
export const DEV_ERROR_CONTENT_TYPE = 'application/vnd.kiln.dev-error+json';

export interface DevErrorInfo {
  /** Catalog code, e.g. `RENDER_FAILED`. */
  code: string;
  /** The catalog message, hint included; it names the file and the route. */
  message: string;
  /** Project-relative file at fault, when known. */
  file: string | null;
  /** Route pattern, when the request matched one. */
  route: string | null;
  /** The requested page path. */
  pathname: string;
  /** Source excerpt around a compile error. */
  frame: string | null;
  /** Stack of the user's error (the catalog error's cause), when there is one. */
  stack: string | null;
}

/** The JSON body: `{ kilnDevError: DevErrorInfo }`. */
export interface DevErrorBody {
  kilnDevError: DevErrorInfo;
}
