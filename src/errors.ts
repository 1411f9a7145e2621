/**
 * The one catalog of user-facing errors. Every message names the file, the route and the
 * offending value, says what was expected, and ends with a hint. Code elsewhere throws
 * `kilnError(code, details)` and never builds a message string of its own.
 */

/**
 * The fields each code's message reads, so a call that leaves one out or passes the wrong type
 * fails to compile. Fields a message does not read (a stack to show, whether the cause is the
 * user's code) are listed where a caller or the CLI's reporting reads them from the details.
 */
export interface ErrorFields {
  INTERNAL: { file?: string; reason: string };

  // routing layer
  ROUTE_SEGMENT_INVALID: { file: string; segment: string; reason: string };
  ROUTE_SEGMENT_UNSUPPORTED: { file: string; segment: string; feature: string };
  ROUTE_SPECIAL_FILE_DUPLICATE: { file: string; otherFile: string; kind: string; dir: string };
  ROUTE_PAGE_EXTENSION_UNLISTED: {
    file: string;
    kind: string;
    extension: string;
    extensions: readonly string[];
    /** Whether the list is the default one or the config's own. */
    source: 'default' | 'config';
    /** The next.config file, or null when the app has none. */
    config: string | null;
  };
  ROUTE_PAGE_AND_HANDLER: { file: string; otherFile: string; route: string };
  ROUTE_PARAM_CONFLICT: RouteClash;
  ROUTE_CATCH_ALL_MIXED: RouteClash;
  ROUTE_CATCH_ALL_NOT_LAST: { file: string; route: string; dir: string; segment: string; kind: string };
  ROUTE_DUPLICATE_URL: { file: string; otherFile: string; route: string; optional: boolean };
  ROUTE_PARAM_REPEATED: { file: string; route: string; param: string; otherDir: string; dir: string };
  HREF_PARAM_INVALID: { file: string; route: string; key: string; value: unknown; expected: string };

  // render and build layers
  RENDER_FAILED: {
    file: string;
    route: string;
    path: string;
    reason: string;
    componentStack?: string;
    /** Shown after the message; the CLI then does not print the cause's stack again. */
    stack?: string;
    phase: 'flight' | 'html';
    dev?: boolean;
  };
  RENDER_NO_DEFAULT_EXPORT: { file: string; route: string; kind: string; value: unknown; suggested: string };
  METADATA_INVALID: { file: string; route: string; source: string; value: unknown };
  METADATA_ROUTE_INVALID: { file: string; url: string; source: string; kind: string; value: unknown; expected: string };
  METADATA_FILE_CONFLICT: { file: string; otherFile: string; url: string };
  ROUTE_HANDLER_NOT_RESPONSE: { file: string; route: string; method: string; value: unknown };
  /** `api`: `headers()`, `cookies()`… as the user called it. */
  REQUEST_API_OUTSIDE_REQUEST: { api: string };
  REQUEST_API_DYNAMIC_ERROR: { api: string };
  BUILD_NO_APP_DIR: { root: string; command?: string };
  PROJECT_DIR_MISSING: { root: string; command: string; reason: 'missing' | 'file' };
  BUILD_NO_ROUTES: { appDir: string; appDirName: string };
  BUILD_OUT_DIR_UNSAFE: { outDir: string; conflict: string };
  BUILD_BUNDLE_FAILED: { file?: string; loc?: string; reason: string };
  BUILD_PAGE_PATH_UNSAFE: { file: string; route: string; path: string };
  BUILD_PAGE_NOT_FOUND: { file: string; route: string; path: string };
  BUILD_PAGE_TIMEOUT: { file: string; route: string; path: string; timeoutMs: number };
  BUILD_PAGE_FAILED: { path: string; reason: string };
  BUILD_HANDLER_FAILED: { file: string; route: string; path: string; reason: string };
  BUILD_PAGE_DYNAMIC_FETCH: { file: string; route: string; path: string; url: string };
  BUILD_CACHE_NOT_SAVED: { dir: string; reason: string };
  BUILD_PAGE_NOT_KEPT: { file: string; route: string; path: string; from: string; reason: string };
  BUILD_PAGE_DYNAMIC_API: { file: string; route: string; path: string; api: string };
  BUILD_HANDLER_NOT_PRERENDERED: { file: string; route: string; path: string; status: number };
  BUILD_WORKER_FAILED: { path?: string; reason: string };
  BUILD_WORKER_MISSING: { file: string; from: string };
  BUILD_CONFIG_INVALID: { file: string; key: string; value: unknown; expected: string };
  BUILD_CONFIG_LOAD_FAILED: { file: string; reason: string };

  // params layer
  PARAMS_CONFIG_INVALID: { file: string; route?: string; option: SegmentOption; value: unknown };
  PARAMS_GSP_NOT_FUNCTION: { file: string; route?: string; value: unknown };
  PARAMS_CLIENT_MODULE: { file: string };
  /** `value` is the source text of a non-literal value; absent when the export is not a const. */
  PARAMS_CLIENT_CONFIG_UNREADABLE: { file: string; option: SegmentOption; value?: string };
  PARAMS_RESULT_NOT_ITERABLE: GspResult & { value: unknown };
  PARAMS_ITEM_NOT_OBJECT: GspResult & { item: unknown; index: number };
  PARAMS_VALUE_TYPE: GspValue;
  PARAMS_VALUE_EMPTY: GspValue;
  PARAMS_VALUE_FORBIDDEN: GspValue;
  PARAMS_LAYOUT_KEY_BELOW: GspResult & { item: unknown; index: number; key: string; segment: string; otherFile: string };
  /** `otherFile`: the ancestor page whose generateStaticParams alone generates the key. */
  PARAMS_MISSING_KEY: GspResult & { item: unknown; index: number; key: string; otherFile?: string };
  PARAMS_GSP_FAILED: GspRun & { cause: unknown };
  PARAMS_GSP_TIMEOUT: GspRun & { timeoutMs: number };
  PARAMS_PATH_SHADOWED: { file: string; route: string; pathname: string; otherFile: string; otherRoute: string };

  // server layer
  SERVER_NO_BUILD: { dir: string; file: string };
  SERVER_MANIFEST_INVALID: { file: string; route?: string; key: string; value: unknown; expected: string };
  SERVER_BUNDLE_INVALID: { file: string };
  /** `servedAt`: when the page still served was rendered, in ms since the epoch. */
  SERVER_REGENERATION_FAILED: { file: string; route: string; path: string; servedAt: number; cause: unknown };
  SERVER_HANDLER_STATUS: { file: string; route: string; path: string; status: number };
  SERVER_OPTION_INVALID: { key: string; value: unknown; expected: string };
  BUILD_OPTION_INVALID: { key: string; value: unknown; expected: string };
  /** `source`: `--shard`, `KILN_SHARD` or `JOB_COMPLETION_INDEX` (with `KILN_SHARDS`). */
  BUILD_SHARD_INVALID: { value: string; source: string };
  BUILD_SHARED_CACHE_UNAVAILABLE: { url: string; reason: string };
  MERGE_NOT_A_SHARD: { folder: string; reason: string };
  MERGE_SHARD_COUNT_MISMATCH: { folder: string; count: number; otherFolder: string; otherCount: number };
  MERGE_SHARD_MISSING: { count: number; missing: readonly number[] };
  MERGE_SHARD_DUPLICATE: { index: number; count: number; folders: readonly string[] };
  MERGE_BUNDLE_MISMATCH: { folder: string; otherFolder: string; what: string };
  MERGE_FILE_CONFLICT: { file: string; folder: string; otherFolder: string };
  MERGE_OUT_DIR_UNSAFE: { outDir: string; folder: string };
  /** `userCode: false`: the cause is Node's listen error, whose stack says nothing about the app. */
  SERVER_PORT_UNAVAILABLE: { command: string; port: number; host?: string; reason: 'in-use' | 'privileged'; userCode?: boolean };

  // dev layer
  DEV_MODULE_FAILED: { file: string; loc?: string; route?: string; path: string; reason: string };
  DEV_REQUEST_FAILED: { file?: string; route?: string; path: string; reason: string };
  DEV_NO_ROUTES: { appDir: string; appDirName: string };

  // Next.js compatibility
  POSTCSS_CONFIG_LOAD_FAILED: { file: string; reason: string };
  POSTCSS_CONFIG_INVALID: { file: string; key: string; value: unknown; expected: string };
  POSTCSS_PLUGIN_NOT_FOUND: { file: string; plugin: string; from: string };
  POSTCSS_PLUGIN_FAILED: { file: string; plugin: string; reason: string };
  NEXT_CONFIG_LOAD_FAILED: { file: string; reason: string };
  /** `hintText` replaces the default hint when the fix is more specific than "change it". */
  NEXT_CONFIG_INVALID: { file: string; key: string; value: unknown; expected: string; hintText?: string };
  NEXT_CONFIG_IGNORED: { file: string; keys: readonly string[] };
  // Warning, not thrown.
  SERVER_ACTIONS_UNSUPPORTED: { file: string };
  MIDDLEWARE_NO_FUNCTION: { file: string; exports: readonly string[] };
  MIDDLEWARE_BAD_ANSWER: { file: string; value: unknown };
  MIDDLEWARE_DUPLICATE: { file: string; otherFile: string };
  MIDDLEWARE_MATCHER_INVALID: { file: string; value: unknown };
  MIDDLEWARE_EXPORT_UNSUPPORTED: { file: string };
  MIDDLEWARE_REWRITE_EXTERNAL_FAILED: { file: string; url: string; reason: string };
  // Warning, not thrown.
  REQUEST_RULES_EXPORT_IGNORED: { file: string; kinds: readonly string[] };
  MDX_OPTIONS_HIDDEN: { file: string };
  MDX_PLUGIN_NOT_FOUND: { file: string; list: string; plugin: string; from: string };
  MDX_PLUGIN_FAILED: { file: string; list: string; plugin: string; reason: string };
  NEXT_MODULE_UNSUPPORTED: { file?: string; module: string; provided: string; hintText?: string };
  NEXT_EXPORT_UNSUPPORTED: { file: string; module: string; name: string; provided: string; hintText?: string };
  NEXT_FONT_CALL_INVALID: { file: string; call: string; module: string; reason: string };
  NEXT_FONT_FILE_MISSING: { file: string; src: unknown; resolved: string };
  NEXT_FONT_GOOGLE_OFFLINE: { file: string; family: string; stack: string };
  EXPORT_ROUTE_UNSUPPORTED: { file: string; route: string; reason: string; what: string; hintText: string };
  /** `call`: `revalidatePath()`…; `name`: which argument; `example`: a correct call for the hint. */
  NEXT_CACHE_ARGUMENT_INVALID: { call: string; name: string; value: unknown; expected: string; example: string };
  NEXT_HEADERS_READONLY: { method: string };
  NEXT_COOKIES_READONLY: { method: string };
}

/** Both sides of a clash at one URL level: the route being added and the one already there. */
type RouteClash = {
  file: string;
  route: string;
  segment: string;
  otherFile: string;
  otherRoute: string;
  otherSegment: string;
};

type SegmentOption = 'dynamicParams' | 'revalidate' | 'dynamic';

/** One param of the route, for the example a PARAMS_* hint writes out. */
interface ParamShape {
  name: string;
  kind: string;
}

/** What every message about one generateStaticParams result names. */
type GspResult = {
  file: string;
  route: string;
  /** The parent params the call got; empty for a first call. */
  parentParams: Record<string, unknown>;
  params: readonly ParamShape[];
};

/** A param value of one item: `part` is the index within a catch-all's array. */
type GspValue = GspResult & { item: unknown; index: number; key: string; kind: string; value: unknown; part?: number };

/** One generateStaticParams call: `index` is the item being produced when `phase` is iterate. */
type GspRun = {
  file: string;
  route: string;
  parentParams: Record<string, unknown>;
  phase: 'call' | 'iterate';
  index: number;
};

export type ErrorCode = keyof ErrorFields;

/**
 * The details of a caught error whose code is not known statically: the fields most messages
 * share, and any other field as unknown. Narrow with `hasCode` to read one code's fields.
 */
export type ErrorDetails = {
  readonly file?: string;
  readonly otherFile?: string;
  readonly route?: string;
  readonly [key: string]: unknown;
};

type Entry<F> = {
  /** Builds the one-paragraph message (without the hint). */
  message: (d: F) => string;
  hint: (d: F) => string;
};

/** Compact, bounded rendering of any value for a message. */
export function show(value: unknown, max = 120): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (value === undefined) text = 'undefined';
  else if (typeof value === 'function') text = `[function ${value.name || 'anonymous'}]`;
  else if (typeof value === 'bigint') text = `${value}n`;
  else if (typeof value === 'symbol') text = value.toString();
  else {
    try {
      text = JSONish(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function JSONish(value: unknown): string {
  if (value === null || typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return `[${value.map((v) => show(v, 40)).join(', ')}]`;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    return `[${proto?.constructor?.name ?? 'object'}]`;
  }
  const parts = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}: ${show(v, 40)}`);
  return parts.length === 0 ? '{}' : `{ ${parts.join(', ')} }`;
}

/**
 * Free text (an error's own message) as the end of a sentence: a full stop added unless it ends
 * in one already, or in "?" or "!", so a message never reads "exist?." or "failed..".
 */
export function sentence(text: string): string {
  const trimmed = text.trimEnd();
  return /[.?!…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/**
 * A whole number of at least `min` (1 unless given): the one check for the counts, sizes and
 * timeouts of options, flags and config files, so that all of them accept the same values.
 */
export function isWholeNumber(value: unknown, min = 1): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min;
}

/** Type name as a user would say it: `string`, `number`, `array`, `null`, `Map`… */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto === Object.prototype || proto === null) return 'object';
    return proto?.constructor?.name ?? 'object';
  }
  return typeof value;
}

const catalog: { [C in ErrorCode]: Entry<ErrorFields[C]> } = {
  // Placeholder entry so the type is not empty; the routing and params layers add theirs.
  INTERNAL: {
    message: (d) => `Kiln hit an internal error${d.file ? ` in ${d.file}` : ''}: ${d.reason}.`,
    hint: () => 'This is a bug in Kiln; please report it with the app that triggers it.',
  },

  // ── routing layer (src/routing): folder names, the route tree, href ──────────────────────────
  ROUTE_SEGMENT_INVALID: {
    message: (d) =>
      `Folder ${d.file} has an invalid name ${show(d.segment)}: ${d.reason}. ` +
      'Expected a plain name, [param], [...param], [[...param]], (group) or _private.',
    hint: () => 'Rename the folder; a param name uses letters, digits, "_", "$" or "-", e.g. [slug].',
  },
  ROUTE_SEGMENT_UNSUPPORTED: {
    message: (d) => `Folder ${d.file} (${show(d.segment)}) is ${d.feature}, which Kiln does not support.`,
    hint: () => 'Move its files into ordinary folders, or prefix the folder with "_" to keep it out of routing.',
  },
  ROUTE_SPECIAL_FILE_DUPLICATE: {
    message: (d) =>
      `${d.otherFile} and ${d.file} are both the ${d.kind} file of folder ${d.dir}. ` +
      `Expected one ${d.kind} file per folder.`,
    hint: () => 'Delete or rename one of them.',
  },
  ROUTE_PAGE_EXTENSION_UNLISTED: {
    message: (d) =>
      `${d.file} is not used as a ${d.kind} file: pageExtensions (${d.source === 'default' ? 'the default: ' : ''}` +
      `${d.extensions.join(', ')}) does not include ${show(d.extension)}, so the file belongs to no route.`,
    hint: (d) =>
      `Add ${show(d.extension)} to pageExtensions in ${d.config ?? 'next.config.mjs'}: pageExtensions: ` +
      `[${[...d.extensions, d.extension].map((e) => show(e)).join(', ')}].`,
  },
  ROUTE_PAGE_AND_HANDLER: {
    message: (d) =>
      `${d.otherFile} and ${d.file} share a folder, so route ${d.route} has both a page and a route handler. ` +
      'Expected one or the other.',
    hint: () => 'Move route.* into a subfolder of its own (the page keeps the URL), or delete one of the two.',
  },
  ROUTE_PARAM_CONFLICT: {
    message: (d) =>
      `${d.otherFile} (route ${d.otherRoute}) and ${d.file} (route ${d.route}) use different param ` +
      `names at the same URL level: ${d.otherSegment} and ${d.segment}. ` +
      'Expected one param name per level, since one URL part cannot fill two params.',
    hint: (d) => `Rename one folder so both use the same name, e.g. ${d.segment} to ${d.otherSegment}.`,
  },
  ROUTE_CATCH_ALL_MIXED: {
    message: (d) =>
      `${d.otherFile} (route ${d.otherRoute}) and ${d.file} (route ${d.route}) put a catch-all and an ` +
      `optional catch-all at the same URL level: ${d.otherSegment} and ${d.segment}. ` +
      'Expected at most one of the two per level.',
    hint: () => 'Keep only the optional catch-all [[...name]] (it also matches zero parts) or only [...name].',
  },
  ROUTE_CATCH_ALL_NOT_LAST: {
    message: (d) =>
      `${d.file} (route ${d.route}) is below the ${d.kind} folder ${d.dir}, so ` +
      `${d.segment} is not the last URL segment. Expected the ${d.kind} to end its route.`,
    hint: (d) => `The ${d.kind} takes every remaining URL part; move this route out of ${d.dir}.`,
  },
  ROUTE_DUPLICATE_URL: {
    message: (d) =>
      `${d.otherFile} and ${d.file} both resolve to the URL ${d.route}. Expected one page or route handler per URL.`,
    hint: (d) =>
      d.optional
        ? 'An optional catch-all also matches its parent URL with zero parts; remove one of the two, or use [...name].'
        : 'Route groups (folders in parentheses) add nothing to the URL; rename or move one of the two.',
  },
  ROUTE_PARAM_REPEATED: {
    message: (d) =>
      `${d.file} (route ${d.route}) uses the param name ${show(d.param)} twice: in ${d.otherDir} and in ` +
      `${d.dir}. Expected each param name once per route, since params is one object.`,
    hint: () => 'Rename one of the two folders.',
  },
  HREF_PARAM_INVALID: {
    message: (d) =>
      `Cannot build a URL for ${d.file} (route ${d.route}): param ${show(d.key)} is ${show(d.value)} ` +
      `(${typeName(d.value)}); expected ${d.expected}.`,
    hint: (d) => `Check what generateStaticParams (or the link) gives for ${show(d.key)}.`,
  },
  // ── end of routing layer ──────────────────────────────────────────────────────────────────────

  // ── render and build layers (src/render, src/build, src/vite) ─────────────────────────────────
  RENDER_FAILED: {
    message: (d) =>
      `Rendering ${d.path} (route ${d.route}) failed in ${d.file}: ${sentence(d.reason)}` +
      (d.componentStack ? `\nComponent stack:${d.componentStack}` : '') +
      (d.stack ? `\nError stack:\n${d.stack}` : ''),
    hint: (d) =>
      d.phase === 'html'
        ? 'The error came from a client component while rendering HTML on the server; guard browser-only code with useEffect.'
        : d.dev
          ? 'Fix the component (or the data it reads) and save; the page recovers without restarting kiln dev.'
          : 'Fix the component (or the data it reads); a failed build leaves the previous output untouched.',
  },
  RENDER_NO_DEFAULT_EXPORT: {
    message: (d) =>
      `${d.file} (route ${d.route}) is a ${d.kind} file but its default export is ${show(d.value)} ` +
      `(${typeName(d.value)}). Expected a React component as the default export.`,
    hint: (d) => `Add \`export default function ${d.suggested}(props) { … }\` to ${d.file}.`,
  },
  METADATA_INVALID: {
    message: (d) =>
      `${d.file} (route ${d.route}) gives ${d.source} = ${show(d.value)} (${typeName(d.value)}). ` +
      `Expected a plain object such as ${d.source.toLowerCase().includes('viewport') ? '{ themeColor: "…" }' : '{ title: "…", description: "…" }'}.`,
    // The same check covers metadata and viewport, static or generated.
    hint: (d) =>
      d.source.endsWith('()')
        ? `Return an object from ${d.source.slice(0, -2)} (or a Promise of one).`
        : `Export ${d.source} as an object literal.`,
  },
  METADATA_ROUTE_INVALID: {
    message: (d) =>
      `${d.file} (${d.url}) gives ${d.source} = ${show(d.value)} (${typeName(d.value)}). ` +
      `Expected ${d.expected}.`,
    hint: (d) => `Return ${d.expected} from ${d.source} in ${d.file}, as the Next.js docs for ${d.kind} show.`,
  },
  METADATA_FILE_CONFLICT: {
    message: (d) => `${d.file} is served at ${d.url}, and so is ${d.otherFile}. Expected one file per URL.`,
    hint: () => 'Delete or rename one of them (a metadata file in app/ takes the place of one in public/).',
  },
  ROUTE_HANDLER_NOT_RESPONSE: {
    message: (d) =>
      `${d.file} (route ${d.route}): ${d.method} returned ${show(d.value)} (${typeName(d.value)}); expected a Response.`,
    hint: (d) => `Return a Response from ${d.method}, e.g. return Response.json(data) or return new Response(text).`,
  },
  // headers(), cookies() and friends (src/render/dynamic-api.ts).
  REQUEST_API_OUTSIDE_REQUEST: {
    message: (d) =>
      `${d.api} was called outside a request; expected a call while a page, layout, generateMetadata or route handler runs.`,
    hint: () => 'Move the call into the component or handler: at module level or in generateStaticParams there is no request to read.',
  },
  REQUEST_API_DYNAMIC_ERROR: {
    message: (d) => `${d.api} reads the request, but this route says export const dynamic = 'error', so it must be prerendered.`,
    hint: () => "Remove the call, or change dynamic to 'force-dynamic' (render per request) or 'force-static' (read empty values).",
  },
  BUILD_NO_APP_DIR: {
    message: (d) => `No app folder in ${d.root}: expected ${d.root}/app or ${d.root}/src/app.`,
    hint: (d) =>
      `Create app/page.tsx (and app/layout.tsx), or pass the folder that holds app/ to kiln ${d.command ?? 'build'}.`,
  },
  PROJECT_DIR_MISSING: {
    message: (d) => `${d.root} ${d.reason === 'file' ? 'is a file, not a folder' : 'does not exist'}.`,
    hint: (d) =>
      `Pass the folder that holds app/ (kiln ${d.command} path/to/my-site), or run kiln ${d.command} inside it.`,
  },
  BUILD_NO_ROUTES: {
    message: (d) =>
      `${d.appDir} has no page or route handler, so there is nothing to build. Expected at least one ` +
      'file named page.tsx (or .jsx, .ts, .js) or route.ts (or .js) in it or a folder below it.',
    hint: (d) => `Add ${d.appDirName}/page.tsx: export default function Page() { return <h1>Hello</h1>; }`,
  },
  BUILD_OUT_DIR_UNSAFE: {
    message: (d) =>
      `The output folder ${d.outDir} overlaps ${d.conflict}. Expected an output folder that is ` +
      'not, does not hold and is not inside the project, app or public folder, since a build replaces it entirely.',
    hint: () => 'Use the default (dist) or choose another --out folder.',
  },
  BUILD_BUNDLE_FAILED: {
    message: (d) =>
      `Vite could not bundle the app${d.file ? `: ${d.file}${d.loc ? `:${d.loc}` : ''}` : ''}: ${d.reason}.`,
    hint: () => 'Fix the import or syntax error shown below; the previous output is untouched.',
  },
  BUILD_PAGE_PATH_UNSAFE: {
    message: (d) =>
      `Route ${d.route} (${d.file}) produced the path ${show(d.path)}, which cannot be written under pages/. ` +
      'Expected encoded segments that are not empty, "." or "..".',
    hint: () => 'This is a bug in Kiln: the params layer should have rejected this value; please report it.',
  },
  BUILD_PAGE_NOT_FOUND: {
    message: (d) =>
      `${d.file} (route ${d.route}) called notFound() while prerendering ${d.path}, so that path was not ` +
      'written; requests for it get the not-found page with status 404.',
    hint: (d) => `If ${d.path} should exist, check the data its page reads; otherwise stop generateStaticParams from returning it.`,
  },
  // ── end of render and build layers ────────────────────────────────────────────────────────────
  // ── build: worker pool, page timeout, kiln.config (src/build, issue 4) ───────────────────────
  BUILD_PAGE_TIMEOUT: {
    message: (d) =>
      `Rendering ${d.path} (route ${d.route}, ${d.file}) did not finish within ${d.timeoutMs} ms, ` +
      'so the build stopped. Expected every page to render within the page timeout.',
    hint: () =>
      'Look for a fetch or promise in that page, its layouts or generateMetadata that never settles; or raise ' +
      'pageTimeoutMs in kiln.config.ts.',
  },
  BUILD_PAGE_FAILED: {
    message: (d) => `Prerendering ${d.path} failed: ${sentence(d.reason)}`,
    hint: () => 'The original error, with its stack, is attached as the cause; a failed build leaves the previous output untouched.',
  },
  BUILD_HANDLER_FAILED: {
    message: (d) => `${d.file} (route ${d.route}) threw while its GET was prerendered for ${d.path}: ${sentence(d.reason)}`,
    hint: () => 'The original error, with its stack, is attached as the cause; a failed build leaves the previous output untouched.',
  },
  // ── build: no-store fetches make a route dynamic ───────────────────────────────────────────────
  // Warning (onWarning), not thrown.
  BUILD_PAGE_NOT_KEPT: {
    message: (d) => `Keeping ${d.path} (route ${d.route}, ${d.file}) from the previous output ${d.from} failed: ${sentence(d.reason)}`,
    hint: () => 'Check that the previous output is readable and on a file system that allows hard links or copies, or run kiln build --force.',
  },
  BUILD_CACHE_NOT_SAVED: {
    message: (d) => `The build cache could not be saved in ${d.dir}: ${d.reason}. The output is complete; the next build renders every page.`,
    hint: () => 'Check that the folder is writable; it is safe to delete.',
  },
  BUILD_PAGE_DYNAMIC_FETCH: {
    message: (d) =>
      `${d.file} (route ${d.route}) fetched ${d.url} with cache: 'no-store' while prerendering ${d.path}, ` +
      'so the route is rendered per request instead of prerendered (λ in the route table).',
    hint: () =>
      "Drop cache: 'no-store' (or next: { revalidate: 0 }) from that fetch if the page may be a build-time snapshot; " +
      "otherwise mark the route export const dynamic = 'force-dynamic' to skip prerendering it.",
  },
  // Warning (onWarning), not thrown: headers(), cookies() or unstable_noStore() while prerendering.
  BUILD_PAGE_DYNAMIC_API: {
    message: (d) =>
      `${d.file} (route ${d.route}) called ${d.api} while prerendering ${d.path}, so the route is ` +
      'rendered per request instead of prerendered (λ in the route table).',
    hint: () =>
      "If the page may be a build-time snapshot that sees no request, add export const dynamic = 'force-static' " +
      "(headers() and cookies() then read empty); otherwise mark the route export const dynamic = 'force-dynamic'.",
  },
  // Warning (onWarning), not thrown.
  BUILD_HANDLER_NOT_PRERENDERED: {
    message: (d) =>
      `${d.file} (route ${d.route}) answered ${d.status} for ${d.path} at build time, so that path was not ` +
      'prerendered; requests for it are answered by the handler at run time.',
    hint: (d) => `Only a 200 or a redirect is prerendered; stop generateStaticParams from returning ${d.path} if it should not exist.`,
  },
  BUILD_WORKER_FAILED: {
    message: (d) =>
      `A render worker stopped unexpectedly${d.path ? ` while rendering ${d.path}` : ''}: ${d.reason}.`,
    hint: () =>
      'An error thrown outside a render (a timer or an event handler in server code) ends its worker; catch it. ' +
      'Run with --concurrency 1 to narrow it down.',
  },
  BUILD_WORKER_MISSING: {
    message: (d) => `The render worker script ${d.file} is missing; expected the compiled package next to ${d.from}.`,
    hint: () => 'Run `npm run build` in the Kiln package (it compiles src/ to dist/).',
  },
  BUILD_CONFIG_INVALID: {
    message: (d) =>
      `${d.file}: ${d.key} is ${show(d.value)} (${typeName(d.value)}); expected ${d.expected}.`,
    hint: (d) => `Fix or remove ${d.key} in ${d.file}.`,
  },
  BUILD_CONFIG_LOAD_FAILED: {
    message: (d) => `${d.file} could not be loaded: ${d.reason}.`,
    hint: (d) => `${d.file} must export default an object, e.g. export default { fetchConcurrency: 8 }.`,
  },
  // ── end of build: worker pool, page timeout, kiln.config ─────────────────────────────────────
  // ── params layer (src/params): segment config, generateStaticParams calls and results ────────
  PARAMS_CONFIG_INVALID: {
    message: (d) =>
      `${d.file}${d.route ? ` (route ${d.route})` : ''}: export const ${d.option} = ${show(d.value)} ` +
      `is not valid; expected ${configExpected(d.option)}.`,
    hint: (d) => configHint(d.option, d.value),
  },
  PARAMS_GSP_NOT_FUNCTION: {
    message: (d) =>
      `${d.file}${d.route ? ` (route ${d.route})` : ''}: the export generateStaticParams is ${show(d.value)} ` +
      `(${typeName(d.value)}); expected a function.`,
    hint: () => 'Export a function: export async function generateStaticParams() { return [...] }.',
  },
  PARAMS_CLIENT_MODULE: {
    message: (d) =>
      `${d.file} is a "use client" module and exports generateStaticParams; expected generateStaticParams ` +
      'in a server page or layout, since it runs at build time on the server.',
    hint: (d) =>
      `Remove "use client" from ${d.file} and move the interactive part into a client component it imports.`,
  },
  PARAMS_CLIENT_CONFIG_UNREADABLE: {
    message: (d) =>
      `${d.file} is a "use client" module, so Kiln reads its export ${d.option} from the source, ` +
      (d.value === undefined
        ? 'but it is not written as export const ' + d.option + ' = <value>.'
        : `but ${d.value} is not a literal; expected true, false, a number or a string.`),
    hint: (d) => `Write export const ${d.option} = ${d.option === 'dynamic' ? "'force-static'" : d.option === 'revalidate' ? '60' : 'false'} with a literal value.`,
  },
  PARAMS_RESULT_NOT_ITERABLE: {
    message: (d) =>
      `${d.file}: ${gspCall(d)} for route ${d.route} returned ${show(d.value)} (${typeName(d.value)}); ` +
      'expected an array of params objects (an iterable or async iterable also works).',
    hint: (d) =>
      d.value === undefined
        ? `Return the array, e.g. return ${exampleList(d)}.`
        : typeof d.value === 'string'
          ? `A string is not a list of params; return an array of objects, e.g. ${exampleList(d)}.`
          : `Return an array of objects, one per page, e.g. ${exampleList(d)}.`,
  },
  PARAMS_ITEM_NOT_OBJECT: {
    message: (d) =>
      `${d.file}: ${gspCall(d)} for route ${d.route} returned ${show(d.item)} at index ${d.index}; ` +
      `expected a plain object of params (got ${typeName(d.item)}).`,
    hint: (d) => `Return objects such as ${exampleItem(d)}.`,
  },
  PARAMS_VALUE_TYPE: {
    message: (d) =>
      `${d.file}: ${gspCall(d)} for route ${d.route} returned ${show(d.item)} at index ${d.index}; ` +
      `${valueName(d)} must be ${valueExpected(d)} (got ${typeName(d.value)}).`,
    hint: (d) => valueTypeHint(d),
  },
  PARAMS_VALUE_EMPTY: {
    message: (d) =>
      `${d.file}: ${gspCall(d)} for route ${d.route} returned ${show(d.item)} at index ${d.index}; ` +
      `${valueName(d)} must be ${Array.isArray(d.value) ? 'a non-empty array of strings' : 'a non-empty string'} ` +
      `(got ${show(d.value)}).`,
    hint: (d) =>
      Array.isArray(d.value)
        ? `A catch-all needs at least one part; use [[...${d.key}]] to also prerender the URL without ` +
          'parts, or leave this item out.'
        : 'An empty value would make an empty URL segment; leave this item out or give it a value.',
  },
  PARAMS_VALUE_FORBIDDEN: {
    message: (d) =>
      `${d.file}: ${gspCall(d)} for route ${d.route} returned ${show(d.item)} at index ${d.index}; ` +
      `${valueName(d)} must not be "." or ".." or contain a NUL character (got ${show(d.value)}).`,
    hint: () => 'Such a URL part resolves to another path or cannot be requested; leave this item out.',
  },
  PARAMS_LAYOUT_KEY_BELOW: {
    message: (d) =>
      `${d.file}: ${gspCall(d)} for route ${d.route} returned ${show(d.item)} at index ${d.index}; ` +
      `${show(d.key)} is the param of ${d.segment} below this layout, and a layout may return params ` +
      'only for its own segment and those above it.',
    hint: (d) =>
      `Return ${show(d.key)} from the generateStaticParams of ${d.otherFile}; it is called once for each params ` +
      'set this layout returns.',
  },
  PARAMS_MISSING_KEY: {
    message: (d) =>
      `${d.file}: ${gspCall(d)} for route ${d.route} returned ${show(d.item)} at index ${d.index}, ` +
      `which leaves ${show(d.key)} without a value, so that page cannot be prerendered` +
      (d.otherFile
        ? `: only the page ${d.otherFile} generates ${show(d.key)}, and a page's generateStaticParams does not feed deeper routes.`
        : '.'),
    hint: (d) =>
      d.otherFile
        ? `Move generateStaticParams from ${d.otherFile} into a layout in the same folder (layouts pass their params ` +
          `down), or return ${show(d.key)} from ${d.file} too.`
        : `Return ${show(d.key)} in every item; leave out an item whose page should not be prerendered.`,
  },
  PARAMS_GSP_FAILED: {
    message: (d) =>
      `${d.file}: generateStaticParams for route ${d.route}, called with { params: ${showParams(d.parentParams)} }, ` +
      `${d.phase === 'iterate' ? `threw while producing item ${d.index}` : 'threw'}: ${sentence(errorText(d.cause))}`,
    hint: () => 'The original error, with its stack, is attached as the cause.',
  },
  PARAMS_GSP_TIMEOUT: {
    message: (d) =>
      `${d.file}: generateStaticParams for route ${d.route}, called with { params: ${showParams(d.parentParams)} }, ` +
      `${d.phase === 'iterate' ? `did not produce item ${d.index}` : 'did not return'} within ` +
      `${d.timeoutMs} ms.`,
    hint: () => 'Make it faster (e.g. fetch in parallel), or raise the params timeout (timeoutMs).',
  },
  // Warning (onWarning), not thrown.
  PARAMS_PATH_SHADOWED: {
    message: (d) =>
      `${d.file} (route ${d.route}) generated ${d.pathname}, which ${d.otherFile} (route ` +
      `${d.otherRoute}) already produced; it is prerendered once, from ${d.otherFile}.`,
    hint: (d) => `Leave that value out of the generateStaticParams of ${d.file}.`,
  },
  // ── end of params layer ───────────────────────────────────────────────────────────────────────
  // ── server layer (src/server): reading the build output at `kiln start` ──────────────────────
  SERVER_NO_BUILD: {
    message: (d) =>
      `There is no build to serve in ${d.dir}: ${d.file} is missing. ` +
      'Expected the output folder that `kiln build` writes (manifest.json, pages/, client/).',
    hint: () => 'Run `kiln build` first, or point `kiln start` at the output folder with --out.',
  },
  SERVER_MANIFEST_INVALID: {
    message: (d) =>
      `${d.file} is not a build manifest this server can read: ` +
      `${d.route ? `route ${d.route}: ` : ''}${d.key} is ${show(d.value)}; expected ${d.expected}.`,
    hint: () => 'Rebuild with `kiln build` from the same Kiln version that runs `kiln start`.',
  },
  // On-demand rendering, ISR and the page cache (src/server/on-demand.ts and friends).
  SERVER_BUNDLE_INVALID: {
    message: (d) =>
      `${d.file} is not a Kiln server bundle: it has no \`kiln\` export with renderPath(). ` +
      'Expected the rsc entry that `kiln build` writes to server/rsc/index.js.',
    hint: () => 'Rebuild with `kiln build` from the same Kiln version that runs `kiln start`.',
  },
  SERVER_REGENERATION_FAILED: {
    message: (d) =>
      `Regenerating ${d.path} (route ${d.route}, ${d.file}) failed; still serving the page rendered at ` +
      `${new Date(d.servedAt).toISOString()}: ${errorText(d.cause)}.`,
    hint: () => 'Fix the error; the next stale request or revalidatePath() tries again. The original error is the cause.',
  },
  SERVER_HANDLER_STATUS: {
    message: (d) =>
      `${d.file}: GET for ${d.path} (route ${d.route}) answered ${d.status}; expected 200 to cache it.`,
    hint: () => 'A cached route handler must answer 200; the last good response keeps being served.',
  },
  // Sharded builds (src/build/shard.ts) and `kiln merge` (src/build/merge.ts).
  BUILD_SHARD_INVALID: {
    message: (d) =>
      `The shard ${show(d.value)} (from ${d.source === 'JOB_COMPLETION_INDEX' ? 'JOB_COMPLETION_INDEX and KILN_SHARDS' : d.source}) is not valid; ` +
      'expected i/n with whole numbers 1 <= i <= n, such as 2/4 for the second of four shards.',
    hint: (d) =>
      d.source === 'JOB_COMPLETION_INDEX'
        ? 'Set KILN_SHARDS to the Job\'s completions (a whole number) and run it as an Indexed Job, which sets JOB_COMPLETION_INDEX from 0.'
        : 'Shards are numbered from 1: a matrix of n jobs passes --shard ${{ matrix.shard }}/n with shard from 1 to n.',
  },
  BUILD_SHARED_CACHE_UNAVAILABLE: {
    message: (d) =>
      `The shared fetch cache at KILN_REDIS_URL (${d.url}) cannot be used: ${d.reason}. This shard goes on with its own cache, ` +
      'so it may fetch URLs other shards fetch too.',
    hint: () => 'Check that Redis runs and that every shard can reach it, or unset KILN_REDIS_URL to build without it.',
  },
  MERGE_NOT_A_SHARD: {
    message: (d) => `${d.folder} is not the output of a sharded build: ${d.reason}.`,
    hint: () => 'Pass the folders written by kiln build --shard i/n --out <folder>, one per shard.',
  },
  MERGE_SHARD_COUNT_MISMATCH: {
    message: (d) =>
      `${d.folder} is a shard of ${d.count}, but ${d.otherFolder} is a shard of ${d.otherCount}; expected every shard of one build.`,
    hint: () => 'Merge the shards of one run only: every shard must be built with the same n in --shard i/n.',
  },
  MERGE_SHARD_MISSING: {
    message: (d) =>
      `The build was split into ${d.count} shards, but shard${d.missing.length > 1 ? 's' : ''} ${d.missing.map((i) => `${i}/${d.count}`).join(', ')} ` +
      `${d.missing.length > 1 ? 'are' : 'is'} missing; expected every shard from 1/${d.count} to ${d.count}/${d.count} exactly once.`,
    hint: () => 'Pass every shard folder (check that each shard\'s build succeeded and its artifact was downloaded).',
  },
  MERGE_SHARD_DUPLICATE: {
    message: (d) =>
      `Shard ${d.index}/${d.count} was given ${d.folders.length} times (${d.folders.join(', ')}); expected each shard exactly once.`,
    hint: () => 'Pass each shard\'s folder once; two folders with the same shard usually come from a retried job.',
  },
  MERGE_BUNDLE_MISMATCH: {
    message: (d) => `${d.folder} and ${d.otherFolder} were not built from the same bundle (${d.what} differs); expected shards of one build.`,
    hint: () => 'Build every shard from the same commit with the same configuration and environment, then merge them.',
  },
  MERGE_FILE_CONFLICT: {
    message: (d) => `${d.file} differs between ${d.folder} and ${d.otherFolder}; expected every shard to write the same bytes for it.`,
    hint: () =>
      'Every shard writes the files all pages share (client assets, the 404 page, metadata files); make what they render ' +
      'independent of the time and machine (no new Date() or Math.random() in a sitemap or shared image), or build in one shard.',
  },
  MERGE_OUT_DIR_UNSAFE: {
    message: (d) => `The merge output folder ${d.outDir} overlaps ${d.folder}; expected a folder that neither holds nor lies inside a shard folder or the current folder.`,
    hint: () => 'Choose another --out folder (the default is dist).',
  },
  BUILD_OPTION_INVALID: {
    message: (d) => `The build option ${d.key} is ${show(d.value)}; expected ${d.expected}.`,
    hint: () => 'Fix the value where the build is started (a `kiln build` flag or the options of build()).',
  },
  SERVER_OPTION_INVALID: {
    message: (d) => `The server option ${d.key} is ${show(d.value)}; expected ${d.expected}.`,
    hint: () => 'Fix the value where the server is started (a `kiln start` flag or the options of startServer).',
  },
  // `kiln start` and `kiln dev` could not listen (src/commands/listen-error.ts).
  SERVER_PORT_UNAVAILABLE: {
    message: (d) =>
      d.reason === 'in-use'
        ? `Port ${d.port} is already in use${d.host ? ` on ${d.host}` : ''}, so kiln ${d.command} cannot listen on it.`
        : `Port ${d.port} needs administrator rights to listen on, so kiln ${d.command} cannot use it.`,
    hint: (d) =>
      `${d.reason === 'in-use' ? 'Stop the other server, or choose' : 'Choose'} another port: ` +
      `kiln ${d.command} --port ${d.port < 1024 ? 3000 : d.port + 1} (--port 0 picks a free one).`,
  },
  // ── end of server layer ───────────────────────────────────────────────────────────────────────
  // ── dev layer (src/dev): `kiln dev` serving the app from source ───────────────────────────────
  DEV_MODULE_FAILED: {
    message: (d) =>
      `${d.file}${d.loc ? `:${d.loc}` : ''} could not be compiled or loaded while serving ${d.path}` +
      `${d.route ? ` (route ${d.route})` : ''}: ${sentence(d.reason)} Expected a module that compiles and imports.`,
    hint: () => 'Fix the error and save the file; the page recovers without restarting kiln dev.',
  },
  DEV_REQUEST_FAILED: {
    message: (d) =>
      `Serving ${d.path}${d.route ? ` (route ${d.route})` : ''} failed${d.file ? ` in ${d.file}` : ''}: ` +
      sentence(d.reason),
    hint: () => 'Fix the error and save the file; the page recovers without restarting kiln dev.',
  },
  // Warning, not thrown: the server starts, and picks up the first page without a restart.
  DEV_NO_ROUTES: {
    message: (d) => `${d.appDir} has no page or route handler yet, so every URL answers 404 until one is added.`,
    hint: (d) => `Add ${d.appDirName}/page.tsx; kiln dev serves it without a restart.`,
  },
  // ── end of dev layer ──────────────────────────────────────────────────────────────────────────
  // ── Next.js compatibility (src/next, src/client, src/build/export.ts) ─────────────────────────
  POSTCSS_CONFIG_LOAD_FAILED: {
    message: (d) => `${d.file} could not be loaded: ${d.reason}.`,
    hint: () => 'Fix the error in the PostCSS config; it should export { plugins: [...] } as for Next.js.',
  },
  POSTCSS_CONFIG_INVALID: {
    message: (d) => `${d.file}: ${d.key} is ${show(d.value)} (${typeName(d.value)}); expected ${d.expected}.`,
    hint: () => 'Write export default { plugins: ["@tailwindcss/postcss"] } (names as strings, [name, options] pairs, or { name: options }).',
  },
  POSTCSS_PLUGIN_NOT_FOUND: {
    message: (d) => `${d.file} names the PostCSS plugin ${show(d.plugin)}, which cannot be found from ${d.from}.`,
    hint: (d) => `Install it in the app (npm install --save-dev ${d.plugin}), or remove it from ${d.file}.`,
  },
  POSTCSS_PLUGIN_FAILED: {
    message: (d) => `${d.file}: the PostCSS plugin ${show(d.plugin)} could not be loaded: ${d.reason}.`,
    hint: (d) => `Check the plugin's version and options in ${d.file}.`,
  },
  NEXT_CONFIG_LOAD_FAILED: {
    message: (d) => `${d.file} could not be loaded: ${d.reason}.`,
    hint: () =>
      'Fix the error in the config file; Kiln reads its output, trailingSlash, basePath, images.unoptimized, ' +
      "pageExtensions, redirects, rewrites, headers and @next/mdx's options.",
  },
  NEXT_CONFIG_INVALID: {
    message: (d) => `${d.file}: ${d.key} is ${show(d.value)} (${typeName(d.value)}); expected ${d.expected}.`,
    hint: (d) => d.hintText ?? `Change ${d.key} in ${d.file}.`,
  },
  // Warning, not thrown.
  NEXT_CONFIG_IGNORED: {
    message: (d) =>
      `${d.file}: Kiln ignores ${d.keys.join(', ')}; it reads only output, trailingSlash, basePath, ` +
      "images.unoptimized, pageExtensions, redirects, rewrites, headers and @next/mdx's options.",
    hint: () => 'Remove those keys to silence this warning, or keep them for Next.js.',
  },
  SERVER_ACTIONS_UNSUPPORTED: {
    message: (d) =>
      `${d.file} declares Server Actions ("use server"), which Kiln does not run: calling one fails in the browser with a message that says so.`,
    hint: () => 'Send forms and mutations to a route handler (app/…/route.ts) instead.',
  },
  MIDDLEWARE_NO_FUNCTION: {
    message: (d) =>
      `${d.file} exports no middleware function (it exports ${d.exports.length === 0 ? 'nothing' : d.exports.join(', ')}); ` +
      'expected export function middleware(request) (or proxy, or a default export).',
    hint: (d) => `Export the function from ${d.file}, as Next.js expects it.`,
  },
  MIDDLEWARE_DUPLICATE: {
    message: (d) => `${d.file} and ${d.otherFile} are both middleware; an app has one middleware file.`,
    hint: (d) => `Keep one of them (Next.js 16 names it proxy.ts), and move what ${d.otherFile} does into it.`,
  },
  MIDDLEWARE_BAD_ANSWER: {
    message: (d) => `${d.file} answered ${show(d.value)} (${typeName(d.value)}); expected a Response (NextResponse.next(), redirect(), rewrite(), json()) or nothing.`,
    hint: () => 'Return a NextResponse, or nothing to go on to the page.',
  },
  MIDDLEWARE_MATCHER_INVALID: {
    message: (d) =>
      `${d.file}: config.matcher is ${show(d.value)} (${typeName(d.value)}); expected a path pattern such as "/blog/:path*", ` +
      'a list of them, or objects { source, has, missing }.',
    hint: (d) => `Change config.matcher in ${d.file}.`,
  },
  MIDDLEWARE_EXPORT_UNSUPPORTED: {
    message: (d) => `${d.file} is middleware, which runs for each request, and output: 'export' writes a site with no server to run it.`,
    hint: () => "Remove output: 'export' to serve the app with kiln start, or move the middleware's work into pages.",
  },
  MIDDLEWARE_REWRITE_EXTERNAL_FAILED: {
    message: (d) => `${d.file} rewrote the request to ${d.url}, which could not be fetched: ${d.reason}.`,
    hint: () => 'Check that the other origin answers from this server.',
  },
  // Warning, not thrown.
  REQUEST_RULES_EXPORT_IGNORED: {
    message: (d) => `${d.file}: ${d.kinds.join(', ')} are not applied to a static export: a static host serves files as they are.`,
    hint: () => "Set them up in the static host's own configuration, or serve the build with kiln start.",
  },
  // Warning, not thrown.
  MDX_OPTIONS_HIDDEN: {
    message: (d) =>
      `${d.file}: this version of @next/mdx keeps its options (remarkPlugins, rehypePlugins, …) only inside its ` +
      'webpack function, which Kiln does not run, so MDX files compile without them.',
    hint: () => 'Update @next/mdx (15 or later also describes its options as data, which Kiln reads).',
  },
  MDX_PLUGIN_NOT_FOUND: {
    message: (d) =>
      `${d.file} names the ${d.list} entry ${show(d.plugin)} in @next/mdx's options, which cannot be found ` +
      `from ${d.from}.`,
    hint: (d) => `Install it in the app (npm install ${d.plugin}), or remove it from ${d.file}.`,
  },
  MDX_PLUGIN_FAILED: {
    message: (d) => `${d.file}: the ${d.list} entry ${show(d.plugin)} could not be loaded: ${d.reason}.`,
    hint: (d) => `Check the plugin's version (MDX 3 needs unified 11 plugins) and its options in ${d.file}.`,
  },
  NEXT_MODULE_UNSUPPORTED: {
    message: (d) =>
      `${d.file ?? 'A module'} imports ${show(d.module)}, which Kiln does not provide. Kiln provides ` +
      `${d.provided}.`,
    hint: (d) => d.hintText ?? 'Remove the import or replace it with one of the modules Kiln provides.',
  },
  NEXT_EXPORT_UNSUPPORTED: {
    message: (d) =>
      `${d.file} imports ${d.name} from ${show(d.module)}, which Kiln's ${d.module} does not provide. ` +
      `It provides ${d.provided}.`,
    hint: (d) => d.hintText ?? 'Remove the import, or write the part you need in the app itself.',
  },
  NEXT_FONT_CALL_INVALID: {
    message: (d) =>
      `${d.file}: ${d.call} from ${d.module} ${d.reason}; expected a call at the top level of ` +
      'the module with one object literal argument, assigned to a const.',
    hint: () => "Write it as in Next.js: const inter = Inter({ subsets: ['latin'] }) at the top of the module.",
  },
  NEXT_FONT_FILE_MISSING: {
    message: (d) =>
      `${d.file}: localFont() names the font file ${show(d.src)}, which does not exist (looked for ${d.resolved}).`,
    hint: () => 'The path is relative to the module that calls localFont(); fix it or add the file.',
  },
  // Warning, not thrown.
  NEXT_FONT_GOOGLE_OFFLINE: {
    message: (d) =>
      `${d.file}: next/font/google ${d.family} is not downloaded (Kiln makes no network requests); ` +
      `it renders with ${d.stack}.`,
    hint: () => 'Self-host the font files and use next/font/local to get the real font.',
  },
  EXPORT_ROUTE_UNSUPPORTED: {
    message: (d) =>
      `${d.file} (route ${d.route}) ${d.reason}, and output: 'export' writes only static files, so nothing ` +
      `could answer ${d.what}.`,
    hint: (d) => d.hintText,
  },
  // next/cache and next/headers called the wrong way (src/next).
  NEXT_CACHE_ARGUMENT_INVALID: {
    message: (d) => `${d.call}: ${d.name} is ${show(d.value)} (${typeName(d.value)}); expected ${d.expected}.`,
    hint: (d) => `Call it as in Next.js, e.g. ${d.example}.`,
  },
  NEXT_HEADERS_READONLY: {
    message: (d) => `headers().${d.method}() was called, but headers() are the request's and cannot be changed.`,
    hint: () => 'Set response headers on the Response a route handler returns.',
  },
  NEXT_COOKIES_READONLY: {
    message: (d) =>
      `cookies().${d.method}() works only in a route handler (route.ts): a page, layout or generateMetadata renders ` +
      'after its response has begun, so it cannot change cookies.',
    hint: () =>
      'Set or delete the cookie in a route handler and send the browser there (a form post or fetch), or change it ' +
      'in a client component with document.cookie.',
  },
  // ── end of Next.js compatibility ──────────────────────────────────────────────────────────────
};

export class KilnError<C extends ErrorCode = ErrorCode> extends Error {
  readonly code: C;
  readonly details: ErrorFields[C] & ErrorDetails;
  readonly hint: string;
  constructor(code: C, details: ErrorFields[C], options?: { cause?: unknown }) {
    // Indexing the catalog with a type parameter loses which entry goes with which fields.
    const entry = catalog[code] as Entry<ErrorFields[C]>;
    const hint = entry.hint(details);
    const message = entry.message(details);
    // After a message of several lines (one that ends in a stack), the hint starts a line of its own.
    super(`${message}${hint ? `${message.includes('\n') ? '\n' : ' '}Hint: ${hint}` : ''}`, options);
    this.name = 'KilnError';
    this.code = code;
    this.details = details as ErrorFields[C] & ErrorDetails;
    this.hint = hint;
  }
}

export function kilnError<C extends ErrorCode>(code: C, details: ErrorFields[C], options?: { cause?: unknown }): KilnError<C> {
  return new KilnError(code, details, options);
}

/** Narrows a catalog error to one code, so its details read as that code's fields. */
export function hasCode<C extends ErrorCode>(error: KilnError, code: C): error is KilnError<C> {
  return error.code === code;
}

/**
 * A catalog error rebuilt from a code and details that crossed a boundary as plain data (a
 * worker thread, another copy of this module, a bundler's error wrapper), where the compiler
 * cannot check them; undefined when this catalog has no such code.
 */
export function catalogError(code: string, details: object, options?: { cause?: unknown }): KilnError | undefined {
  if (!Object.hasOwn(catalog, code)) return undefined;
  return kilnError(code as ErrorCode, details as ErrorFields[ErrorCode], options);
}

/**
 * True for Kiln's errors from any copy of this module: the server bundles and the dev server's
 * module runner each evaluate their own, so identity (`instanceof`) is not enough.
 */
export function isKilnError(e: unknown): e is KilnError {
  if (e instanceof KilnError) return true;
  const candidate = e as { name?: unknown; code?: unknown; details?: unknown } | null;
  return (
    e instanceof Error &&
    candidate?.name === 'KilnError' &&
    typeof candidate.code === 'string' &&
    typeof candidate.details === 'object' &&
    candidate.details !== null
  );
}

// ── params layer helpers (message fragments for the PARAMS_* entries) ────────────────────────────

/** `generateStaticParams()` for a first call, with the parent params for a per-parent call. */
function gspCall(d: GspResult): string {
  const parent = d.parentParams;
  return parent && Object.keys(parent).length > 0
    ? `generateStaticParams({ params: ${show(parent)} })`
    : 'generateStaticParams()';
}

/** `show` of a params object, with `{}` for an empty one. */
function showParams(params: Record<string, unknown>): string {
  return params && typeof params === 'object' && Object.keys(params).length === 0 ? '{}' : show(params ?? {});
}

function exampleItem(d: GspResult): string {
  const params = d.params ?? [];
  if (params.length === 0) return "{ slug: 'a' }";
  const parts = params.map((p) => (p.kind === 'dynamic' ? `${p.name}: 'a'` : `${p.name}: ['a', 'b']`));
  return `{ ${parts.join(', ')} }`;
}

function exampleList(d: GspResult): string {
  return `[${exampleItem(d)}]`;
}

/** `"id"`, or `"slug"[1]` for one part of a catch-all. */
function valueName(d: GspValue): string {
  return typeof d.part === 'number' ? `${show(d.key)}[${d.part}]` : show(d.key);
}

function valueExpected(d: GspValue): string {
  if (typeof d.part === 'number' || d.kind === 'dynamic') return 'a string';
  if (d.kind === 'catchAll') return 'a non-empty array of strings';
  return 'an array of strings or undefined';
}

function valueTypeHint(d: GspValue): string {
  const key = d.key;
  const scalar = ['number', 'boolean', 'bigint'].includes(typeof d.value);
  if (typeof d.part === 'number') return `Return { ${key}: parts.map(String) }.`;
  if (d.kind === 'dynamic') {
    if (scalar) return `Return { ${key}: String(value) }.`;
    if (Array.isArray(d.value)) return `[${key}] takes one URL part; use [...${key}] for several parts.`;
    return `Return { ${key}: '…' } with a string value.`;
  }
  if (typeof d.value === 'string') {
    return `Return { ${key}: [value] } for one part, or { ${key}: value.split('/') } for several.`;
  }
  if (scalar) return `Return { ${key}: [String(value)] }.`;
  return `Return { ${key}: ['a', 'b'] } with an array of strings.`;
}

function configExpected(option: SegmentOption): string {
  if (option === 'dynamicParams') return 'true or false';
  if (option === 'revalidate') return 'a number of seconds >= 0 (0 renders on every request) or false (never)';
  return 'one of "auto", "force-static", "error", "force-dynamic"';
}

function configHint(option: SegmentOption, value: unknown): string {
  if (typeof value === 'string' && (value === 'true' || value === 'false' || /^\d+(\.\d+)?$/.test(value))) {
    return `Write ${option} = ${value}, without quotes.`;
  }
  return 'Segment config must be a literal value; fix or remove the export.';
}

function errorText(cause: unknown): string {
  if (cause instanceof Error) return cause.message || cause.name;
  return show(cause);
}

/**
 * The server bundle carries its own copy of the error catalog, so its errors are not instances
 * of this process's KilnError. Rebuild them here so `isKilnError` and the CLI's reporting work.
 */
export function reviveError(error: unknown): unknown {
  if (error instanceof KilnError) return error;
  const e = error as { name?: unknown; code?: unknown; details?: unknown; cause?: unknown } | null;
  if (e?.name !== 'KilnError' || typeof e.code !== 'string' || typeof e.details !== 'object' || e.details === null) return error;
  try {
    const revived = catalogError(e.code, e.details, { cause: e.cause });
    if (!revived) return error;
    if (error instanceof Error && error.stack) revived.stack = error.stack;
    return revived;
  } catch {
    // Details from another Kiln version may lack a field this catalog's message reads.
    return error;
  }
}
