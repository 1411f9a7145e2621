/**
 * The one catalog of user-facing errors. Every message names the file, the route and the
 * offending value, says what was expected, and ends with a hint. Code elsewhere throws
 * `kilnError(code, details)` and never builds a message string of its own.
 */

export type ErrorCode = keyof typeof catalog;

export interface ErrorDetails {
  /** Project-relative file, e.g. `app/shop/[id]/page.tsx`. */
  file?: string;
  /** A second file for conflicts. */
  otherFile?: string;
  /** Route pattern, e.g. `/shop/[id]`. */
  route?: string;
  [key: string]: unknown;
}

type Entry = {
  /** Builds the one-paragraph message (without the hint). */
  message: (d: ErrorDetails) => string;
  hint: (d: ErrorDetails) => string;
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
export function sentence(text: unknown): string {
  const trimmed = String(text).trimEnd();
  return /[.?!…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
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

const catalog = {
  // Placeholder entry so the type is not empty; the routing and params layers add theirs.
  INTERNAL: {
    message: (d) => `Kiln hit an internal error${d.file ? ` in ${d.file}` : ''}: ${String(d.reason)}.`,
    hint: () => 'This is a bug in Kiln; please report it with the app that triggers it.',
  },

  // ── routing layer (src/routing): folder names, the route tree, href ──────────────────────────
  ROUTE_SEGMENT_INVALID: {
    message: (d) =>
      `Folder ${d.file} has an invalid name ${show(d.segment)}: ${String(d.reason)}. ` +
      'Expected a plain name, [param], [...param], [[...param]], (group) or _private.',
    hint: () => 'Rename the folder; a param name uses letters, digits, "_", "$" or "-", e.g. [slug].',
  },
  ROUTE_SEGMENT_UNSUPPORTED: {
    message: (d) => `Folder ${d.file} (${show(d.segment)}) is ${String(d.feature)}, which Kiln does not support.`,
    hint: () => 'Move its files into ordinary folders, or prefix the folder with "_" to keep it out of routing.',
  },
  ROUTE_SPECIAL_FILE_DUPLICATE: {
    message: (d) =>
      `${d.otherFile} and ${d.file} are both the ${String(d.kind)} file of folder ${String(d.dir)}. ` +
      `Expected one ${String(d.kind)} file per folder.`,
    hint: () => 'Delete or rename one of them.',
  },
  ROUTE_PAGE_EXTENSION_UNLISTED: {
    message: (d) =>
      `${d.file} is not used as a ${String(d.kind)} file: pageExtensions (${d.source === 'default' ? 'the default: ' : ''}` +
      `${(d.extensions as string[]).join(', ')}) does not include ${show(d.extension)}, so the file belongs to no route.`,
    hint: (d) =>
      `Add ${show(d.extension)} to pageExtensions in ${String(d.config ?? 'next.config.mjs')}: pageExtensions: ` +
      `[${[...(d.extensions as string[]), String(d.extension)].map((e) => show(e)).join(', ')}].`,
  },
  ROUTE_PAGE_AND_HANDLER: {
    message: (d) =>
      `${d.otherFile} and ${d.file} share a folder, so route ${d.route} has both a page and a route handler. ` +
      'Expected one or the other.',
    hint: () => 'Move route.* into a subfolder of its own (the page keeps the URL), or delete one of the two.',
  },
  ROUTE_PARAM_CONFLICT: {
    message: (d) =>
      `${d.otherFile} (route ${String(d.otherRoute)}) and ${d.file} (route ${d.route}) use different param ` +
      `names at the same URL level: ${String(d.otherSegment)} and ${String(d.segment)}. ` +
      'Expected one param name per level, since one URL part cannot fill two params.',
    hint: (d) => `Rename one folder so both use the same name, e.g. ${String(d.segment)} to ${String(d.otherSegment)}.`,
  },
  ROUTE_CATCH_ALL_MIXED: {
    message: (d) =>
      `${d.otherFile} (route ${String(d.otherRoute)}) and ${d.file} (route ${d.route}) put a catch-all and an ` +
      `optional catch-all at the same URL level: ${String(d.otherSegment)} and ${String(d.segment)}. ` +
      'Expected at most one of the two per level.',
    hint: () => 'Keep only the optional catch-all [[...name]] (it also matches zero parts) or only [...name].',
  },
  ROUTE_CATCH_ALL_NOT_LAST: {
    message: (d) =>
      `${d.file} (route ${d.route}) is below the ${String(d.kind)} folder ${String(d.dir)}, so ` +
      `${String(d.segment)} is not the last URL segment. Expected the ${String(d.kind)} to end its route.`,
    hint: (d) => `The ${String(d.kind)} takes every remaining URL part; move this route out of ${String(d.dir)}.`,
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
      `${d.file} (route ${d.route}) uses the param name ${show(d.param)} twice: in ${String(d.otherDir)} and in ` +
      `${String(d.dir)}. Expected each param name once per route, since params is one object.`,
    hint: () => 'Rename one of the two folders.',
  },
  HREF_PARAM_INVALID: {
    message: (d) =>
      `Cannot build a URL for ${d.file} (route ${d.route}): param ${show(d.key)} is ${show(d.value)} ` +
      `(${typeName(d.value)}); expected ${String(d.expected)}.`,
    hint: (d) => `Check what generateStaticParams (or the link) gives for ${show(d.key)}.`,
  },
  // ── end of routing layer ──────────────────────────────────────────────────────────────────────

  // ── render and build layers (src/render, src/build, src/vite) ─────────────────────────────────
  RENDER_FAILED: {
    message: (d) =>
      `Rendering ${String(d.path)} (route ${d.route}) failed in ${d.file}: ${sentence(d.reason)}` +
      (d.componentStack ? `\nComponent stack:${String(d.componentStack)}` : '') +
      (d.stack ? `\nError stack:\n${String(d.stack)}` : ''),
    hint: (d) =>
      d.phase === 'html'
        ? 'The error came from a client component while rendering HTML on the server; guard browser-only code with useEffect.'
        : d.dev
          ? 'Fix the component (or the data it reads) and save; the page recovers without restarting kiln dev.'
          : 'Fix the component (or the data it reads); a failed build leaves the previous output untouched.',
  },
  RENDER_NO_DEFAULT_EXPORT: {
    message: (d) =>
      `${d.file} (route ${d.route}) is a ${String(d.kind)} file but its default export is ${show(d.value)} ` +
      `(${typeName(d.value)}). Expected a React component as the default export.`,
    hint: (d) => `Add \`export default function ${String(d.suggested)}(props) { … }\` to ${d.file}.`,
  },
  METADATA_INVALID: {
    message: (d) =>
      `${d.file} (route ${d.route}) gives ${String(d.source)} = ${show(d.value)} (${typeName(d.value)}). ` +
      `Expected a plain object such as ${String(d.source).toLowerCase().includes('viewport') ? '{ themeColor: "…" }' : '{ title: "…", description: "…" }'}.`,
    // The same check covers metadata and viewport, static or generated.
    hint: (d) =>
      String(d.source).endsWith('()')
        ? `Return an object from ${String(d.source).slice(0, -2)} (or a Promise of one).`
        : `Export ${String(d.source)} as an object literal.`,
  },
  METADATA_ROUTE_INVALID: {
    message: (d) =>
      `${d.file} (${String(d.url)}) gives ${String(d.source)} = ${show(d.value)} (${typeName(d.value)}). ` +
      `Expected ${String(d.expected)}.`,
    hint: (d) => `Return ${String(d.expected)} from ${String(d.source)} in ${d.file}, as the Next.js docs for ${String(d.kind)} show.`,
  },
  METADATA_FILE_CONFLICT: {
    message: (d) => `${d.file} is served at ${String(d.url)}, and so is ${d.otherFile}. Expected one file per URL.`,
    hint: () => 'Delete or rename one of them (a metadata file in app/ takes the place of one in public/).',
  },
  BUILD_NO_APP_DIR: {
    message: (d) => `No app folder in ${String(d.root)}: expected ${String(d.root)}/app or ${String(d.root)}/src/app.`,
    hint: (d) =>
      `Create app/page.tsx (and app/layout.tsx), or pass the folder that holds app/ to kiln ${String(d.command ?? 'build')}.`,
  },
  PROJECT_DIR_MISSING: {
    message: (d) => `${String(d.root)} ${d.reason === 'file' ? 'is a file, not a folder' : 'does not exist'}.`,
    hint: (d) =>
      `Pass the folder that holds app/ (kiln ${String(d.command)} path/to/my-site), or run kiln ${String(d.command)} inside it.`,
  },
  BUILD_NO_ROUTES: {
    message: (d) =>
      `${String(d.appDir)} has no page or route handler, so there is nothing to build. Expected at least one ` +
      'file named page.tsx (or .jsx, .ts, .js) or route.ts (or .js) in it or a folder below it.',
    hint: (d) => `Add ${String(d.appDirName)}/page.tsx: export default function Page() { return <h1>Hello</h1>; }`,
  },
  BUILD_OUT_DIR_UNSAFE: {
    message: (d) =>
      `The output folder ${String(d.outDir)} overlaps ${String(d.conflict)}. Expected an output folder that is ` +
      'not, does not hold and is not inside the project, app or public folder, since a build replaces it entirely.',
    hint: () => 'Use the default (dist) or choose another --out folder.',
  },
  BUILD_BUNDLE_FAILED: {
    message: (d) =>
      `Vite could not bundle the app${d.file ? `: ${d.file}${d.loc ? `:${String(d.loc)}` : ''}` : ''}: ${String(d.reason)}.`,
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
      `${d.file} (route ${d.route}) called notFound() while prerendering ${String(d.path)}, so that path was not ` +
      'written; requests for it get the not-found page with status 404.',
    hint: (d) => `If ${String(d.path)} should exist, check the data its page reads; otherwise stop generateStaticParams from returning it.`,
  },
  // ── end of render and build layers ────────────────────────────────────────────────────────────
  // ── build: worker pool, page timeout, kiln.config (src/build, issue 4) ───────────────────────
  BUILD_PAGE_TIMEOUT: {
    message: (d) =>
      `Rendering ${String(d.path)} (route ${d.route}, ${d.file}) did not finish within ${String(d.timeoutMs)} ms, ` +
      'so the build stopped. Expected every page to render within the page timeout.',
    hint: () =>
      'Look for a fetch or promise in that page, its layouts or generateMetadata that never settles; or raise ' +
      'pageTimeoutMs in kiln.config.ts.',
  },
  BUILD_PAGE_FAILED: {
    message: (d) => `Prerendering ${String(d.path)} failed: ${sentence(d.reason)}`,
    hint: () => 'The original error, with its stack, is attached as the cause; a failed build leaves the previous output untouched.',
  },
  BUILD_HANDLER_FAILED: {
    message: (d) => `${d.file} (route ${d.route}) threw while its GET was prerendered for ${String(d.path)}: ${sentence(d.reason)}`,
    hint: () => 'The original error, with its stack, is attached as the cause; a failed build leaves the previous output untouched.',
  },
  // ── build: no-store fetches make a route dynamic (behavior.md rule 22) ─────────────────────────
  // Warning (onWarning), not thrown.
  BUILD_PAGE_DYNAMIC_FETCH: {
    message: (d) =>
      `${d.file} (route ${d.route}) fetched ${String(d.url)} with cache: 'no-store' while prerendering ${String(d.path)}, ` +
      'so the route is rendered per request instead of prerendered (λ in the route table).',
    hint: () =>
      "Drop cache: 'no-store' (or next: { revalidate: 0 }) from that fetch if the page may be a build-time snapshot; " +
      "otherwise mark the route export const dynamic = 'force-dynamic' to skip prerendering it.",
  },
  // Warning (onWarning), not thrown: headers(), cookies() or unstable_noStore() while prerendering.
  BUILD_PAGE_DYNAMIC_API: {
    message: (d) =>
      `${d.file} (route ${d.route}) called ${String(d.api)} while prerendering ${String(d.path)}, so the route is ` +
      'rendered per request instead of prerendered (λ in the route table).',
    hint: () =>
      "If the page may be a build-time snapshot that sees no request, add export const dynamic = 'force-static' " +
      "(headers() and cookies() then read empty); otherwise mark the route export const dynamic = 'force-dynamic'.",
  },
  // Warning (onWarning), not thrown.
  BUILD_HANDLER_NOT_PRERENDERED: {
    message: (d) =>
      `${d.file} (route ${d.route}) answered ${String(d.status)} for ${String(d.path)} at build time, so that path was not ` +
      'prerendered; requests for it are answered by the handler at run time.',
    hint: (d) => `Only a 200 or a redirect is prerendered; stop generateStaticParams from returning ${String(d.path)} if it should not exist.`,
  },
  BUILD_WORKER_FAILED: {
    message: (d) =>
      `A render worker stopped unexpectedly${d.path ? ` while rendering ${String(d.path)}` : ''}: ${String(d.reason)}.`,
    hint: () =>
      'An error thrown outside a render (a timer or an event handler in server code) ends its worker; catch it. ' +
      'Run with --concurrency 1 to narrow it down.',
  },
  BUILD_WORKER_MISSING: {
    message: (d) => `The render worker script ${String(d.file)} is missing; expected the compiled package next to ${String(d.from)}.`,
    hint: () => 'Run `npm run build` in the Kiln package (it compiles src/ to dist/).',
  },
  BUILD_CONFIG_INVALID: {
    message: (d) =>
      `${d.file}: ${String(d.key)} is ${show(d.value)} (${typeName(d.value)}); expected ${String(d.expected)}.`,
    hint: (d) => `Fix or remove ${String(d.key)} in ${d.file}.`,
  },
  BUILD_CONFIG_LOAD_FAILED: {
    message: (d) => `${d.file} could not be loaded: ${String(d.reason)}.`,
    hint: (d) => `${d.file} must export default an object, e.g. export default { fetchConcurrency: 8 }.`,
  },
  // ── end of build: worker pool, page timeout, kiln.config ─────────────────────────────────────
  // ── params layer (src/params): segment config, generateStaticParams calls and results ────────
  PARAMS_CONFIG_INVALID: {
    message: (d) =>
      `${d.file}${d.route ? ` (route ${d.route})` : ''}: export const ${String(d.option)} = ${show(d.value)} ` +
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
      `${d.file} is a "use client" module, so Kiln reads its export ${String(d.option)} from the source, ` +
      (d.value === undefined
        ? 'but it is not written as export const ' + String(d.option) + ' = <value>.'
        : `but ${String(d.value)} is not a literal; expected true, false, a number or a string.`),
    hint: (d) => `Write export const ${String(d.option)} = ${d.option === 'dynamic' ? "'force-static'" : d.option === 'revalidate' ? '60' : 'false'} with a literal value.`,
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
      `${d.file}: ${gspCall(d)} for route ${d.route} returned ${show(d.item)} at index ${String(d.index)}; ` +
      `expected a plain object of params (got ${typeName(d.item)}).`,
    hint: (d) => `Return objects such as ${exampleItem(d)}.`,
  },
  PARAMS_VALUE_TYPE: {
    message: (d) =>
      `${d.file}: ${gspCall(d)} for route ${d.route} returned ${show(d.item)} at index ${String(d.index)}; ` +
      `${valueName(d)} must be ${valueExpected(d)} (got ${typeName(d.value)}).`,
    hint: (d) => valueTypeHint(d),
  },
  PARAMS_VALUE_EMPTY: {
    message: (d) =>
      `${d.file}: ${gspCall(d)} for route ${d.route} returned ${show(d.item)} at index ${String(d.index)}; ` +
      `${valueName(d)} must be ${Array.isArray(d.value) ? 'a non-empty array of strings' : 'a non-empty string'} ` +
      `(got ${show(d.value)}).`,
    hint: (d) =>
      Array.isArray(d.value)
        ? `A catch-all needs at least one part; use [[...${String(d.key)}]] to also prerender the URL without ` +
          'parts, or leave this item out.'
        : 'An empty value would make an empty URL segment; leave this item out or give it a value.',
  },
  PARAMS_VALUE_FORBIDDEN: {
    message: (d) =>
      `${d.file}: ${gspCall(d)} for route ${d.route} returned ${show(d.item)} at index ${String(d.index)}; ` +
      `${valueName(d)} must not be "." or ".." or contain a NUL character (got ${show(d.value)}).`,
    hint: () => 'Such a URL part resolves to another path or cannot be requested; leave this item out.',
  },
  PARAMS_LAYOUT_KEY_BELOW: {
    message: (d) =>
      `${d.file}: ${gspCall(d)} for route ${d.route} returned ${show(d.item)} at index ${String(d.index)}; ` +
      `${show(d.key)} is the param of ${String(d.segment)} below this layout, and a layout may return params ` +
      'only for its own segment and those above it.',
    hint: (d) =>
      `Return ${show(d.key)} from the generateStaticParams of ${d.otherFile}; it is called once for each params ` +
      'set this layout returns.',
  },
  PARAMS_MISSING_KEY: {
    message: (d) =>
      `${d.file}: ${gspCall(d)} for route ${d.route} returned ${show(d.item)} at index ${String(d.index)}, ` +
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
      `${d.phase === 'iterate' ? `threw while producing item ${String(d.index)}` : 'threw'}: ${sentence(errorText(d.cause))}`,
    hint: () => 'The original error, with its stack, is attached as the cause.',
  },
  PARAMS_GSP_TIMEOUT: {
    message: (d) =>
      `${d.file}: generateStaticParams for route ${d.route}, called with { params: ${showParams(d.parentParams)} }, ` +
      `${d.phase === 'iterate' ? `did not produce item ${String(d.index)}` : 'did not return'} within ` +
      `${String(d.timeoutMs)} ms.`,
    hint: () => 'Make it faster (e.g. fetch in parallel), or raise the params timeout (timeoutMs).',
  },
  // Warning (onWarning), not thrown.
  PARAMS_PATH_SHADOWED: {
    message: (d) =>
      `${d.file} (route ${d.route}) generated ${String(d.pathname)}, which ${d.otherFile} (route ` +
      `${String(d.otherRoute)}) already produced; it is prerendered once, from ${d.otherFile}.`,
    hint: (d) => `Leave that value out of the generateStaticParams of ${d.file}.`,
  },
  // ── end of params layer ───────────────────────────────────────────────────────────────────────
  // ── server layer (src/server): reading the build output at `kiln start` ──────────────────────
  SERVER_NO_BUILD: {
    message: (d) =>
      `There is no build to serve in ${String(d.dir)}: ${d.file} is missing. ` +
      'Expected the output folder that `kiln build` writes (manifest.json, pages/, client/).',
    hint: () => 'Run `kiln build` first, or point `kiln start` at the output folder with --out.',
  },
  SERVER_MANIFEST_INVALID: {
    message: (d) =>
      `${d.file} is not a build manifest this server can read: ` +
      `${d.route ? `route ${d.route}: ` : ''}${String(d.key)} is ${show(d.value)}; expected ${String(d.expected)}.`,
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
      `Regenerating ${String(d.path)} (route ${d.route}, ${d.file}) failed; still serving the page rendered at ` +
      `${new Date(Number(d.servedAt)).toISOString()}: ${errorText(d.cause)}.`,
    hint: () => 'Fix the error; the next stale request or revalidatePath() tries again. The original error is the cause.',
  },
  SERVER_HANDLER_STATUS: {
    message: (d) =>
      `${d.file}: GET for ${String(d.path)} (route ${d.route}) answered ${String(d.status)}; expected 200 to cache it.`,
    hint: () => 'A cached route handler must answer 200; the last good response keeps being served.',
  },
  SERVER_OPTION_INVALID: {
    message: (d) => `The server option ${String(d.key)} is ${show(d.value)}; expected ${String(d.expected)}.`,
    hint: () => 'Fix the value where the server is started (a `kiln start` flag or the options of startServer).',
  },
  // `kiln start` and `kiln dev` could not listen (src/commands/listen-error.ts).
  SERVER_PORT_UNAVAILABLE: {
    message: (d) =>
      d.reason === 'in-use'
        ? `Port ${String(d.port)} is already in use${d.host ? ` on ${String(d.host)}` : ''}, so kiln ${String(d.command)} cannot listen on it.`
        : `Port ${String(d.port)} needs administrator rights to listen on, so kiln ${String(d.command)} cannot use it.`,
    hint: (d) =>
      `${d.reason === 'in-use' ? 'Stop the other server, or choose' : 'Choose'} another port: ` +
      `kiln ${String(d.command)} --port ${Number(d.port) < 1024 ? 3000 : Number(d.port) + 1} (--port 0 picks a free one).`,
  },
  // ── end of server layer ───────────────────────────────────────────────────────────────────────
  // ── dev layer (src/dev): `kiln dev` serving the app from source ───────────────────────────────
  DEV_MODULE_FAILED: {
    message: (d) =>
      `${d.file}${d.loc ? `:${String(d.loc)}` : ''} could not be compiled or loaded while serving ${String(d.path)}` +
      `${d.route ? ` (route ${d.route})` : ''}: ${sentence(d.reason)} Expected a module that compiles and imports.`,
    hint: () => 'Fix the error and save the file; the page recovers without restarting kiln dev.',
  },
  DEV_REQUEST_FAILED: {
    message: (d) =>
      `Serving ${String(d.path)}${d.route ? ` (route ${d.route})` : ''} failed${d.file ? ` in ${d.file}` : ''}: ` +
      sentence(d.reason),
    hint: () => 'Fix the error and save the file; the page recovers without restarting kiln dev.',
  },
  // Warning, not thrown: the server starts, and picks up the first page without a restart.
  DEV_NO_ROUTES: {
    message: (d) => `${String(d.appDir)} has no page or route handler yet, so every URL answers 404 until one is added.`,
    hint: (d) => `Add ${String(d.appDirName)}/page.tsx; kiln dev serves it without a restart.`,
  },
  // ── end of dev layer ──────────────────────────────────────────────────────────────────────────
  // ── Next.js compatibility (src/next, src/client, src/build/export.ts) ─────────────────────────
  POSTCSS_CONFIG_LOAD_FAILED: {
    message: (d) => `${d.file} could not be loaded: ${String(d.reason)}.`,
    hint: () => 'Fix the error in the PostCSS config; it should export { plugins: [...] } as for Next.js.',
  },
  POSTCSS_CONFIG_INVALID: {
    message: (d) => `${d.file}: ${String(d.key)} is ${show(d.value)} (${typeName(d.value)}); expected ${String(d.expected)}.`,
    hint: () => 'Write export default { plugins: ["@tailwindcss/postcss"] } (names as strings, [name, options] pairs, or { name: options }).',
  },
  POSTCSS_PLUGIN_NOT_FOUND: {
    message: (d) => `${d.file} names the PostCSS plugin ${show(d.plugin)}, which cannot be found from ${String(d.from)}.`,
    hint: (d) => `Install it in the app (npm install --save-dev ${String(d.plugin)}), or remove it from ${d.file}.`,
  },
  POSTCSS_PLUGIN_FAILED: {
    message: (d) => `${d.file}: the PostCSS plugin ${show(d.plugin)} could not be loaded: ${String(d.reason)}.`,
    hint: (d) => `Check the plugin's version and options in ${d.file}.`,
  },
  NEXT_CONFIG_LOAD_FAILED: {
    message: (d) => `${d.file} could not be loaded: ${String(d.reason)}.`,
    hint: () =>
      'Fix the error in the config file; Kiln reads its output, trailingSlash, basePath, images.unoptimized, ' +
      "pageExtensions and @next/mdx's options.",
  },
  NEXT_CONFIG_INVALID: {
    message: (d) => `${d.file}: ${String(d.key)} is ${show(d.value)} (${typeName(d.value)}); expected ${String(d.expected)}.`,
    hint: (d) => String(d.hintText ?? `Change ${String(d.key)} in ${d.file}.`),
  },
  // Warning, not thrown.
  NEXT_CONFIG_IGNORED: {
    message: (d) =>
      `${d.file}: Kiln ignores ${(d.keys as string[]).join(', ')}; it reads only output, trailingSlash, basePath, ` +
      "images.unoptimized, pageExtensions and @next/mdx's options.",
    hint: () => 'Remove those keys to silence this warning, or keep them for Next.js.',
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
      `${d.file} names the ${String(d.list)} entry ${show(d.plugin)} in @next/mdx's options, which cannot be found ` +
      `from ${String(d.from)}.`,
    hint: (d) => `Install it in the app (npm install ${String(d.plugin)}), or remove it from ${d.file}.`,
  },
  MDX_PLUGIN_FAILED: {
    message: (d) => `${d.file}: the ${String(d.list)} entry ${show(d.plugin)} could not be loaded: ${String(d.reason)}.`,
    hint: (d) => `Check the plugin's version (MDX 3 needs unified 11 plugins) and its options in ${d.file}.`,
  },
  NEXT_MODULE_UNSUPPORTED: {
    message: (d) =>
      `${d.file ?? 'A module'} imports ${show(d.module)}, which Kiln does not provide. Kiln provides ` +
      `${String(d.provided)}.`,
    hint: (d) => String(d.hintText ?? 'Remove the import or replace it with one of the modules Kiln provides.'),
  },
  NEXT_EXPORT_UNSUPPORTED: {
    message: (d) =>
      `${d.file} imports ${String(d.name)} from ${show(d.module)}, which Kiln's ${String(d.module)} does not provide. ` +
      `It provides ${String(d.provided)}.`,
    hint: (d) => String(d.hintText ?? 'Remove the import, or write the part you need in the app itself.'),
  },
  NEXT_FONT_CALL_INVALID: {
    message: (d) =>
      `${d.file}: ${String(d.call)} from ${String(d.module)} ${String(d.reason)}; expected a call at the top level of ` +
      'the module with one object literal argument, assigned to a const.',
    hint: () => "Write it as in Next.js: const inter = Inter({ subsets: ['latin'] }) at the top of the module.",
  },
  NEXT_FONT_FILE_MISSING: {
    message: (d) =>
      `${d.file}: localFont() names the font file ${show(d.src)}, which does not exist (looked for ${String(d.resolved)}).`,
    hint: () => 'The path is relative to the module that calls localFont(); fix it or add the file.',
  },
  // Warning, not thrown.
  NEXT_FONT_GOOGLE_OFFLINE: {
    message: (d) =>
      `${d.file}: next/font/google ${String(d.family)} is not downloaded (Kiln makes no network requests); ` +
      `it renders with ${String(d.stack)}.`,
    hint: () => 'Self-host the font files and use next/font/local to get the real font.',
  },
  EXPORT_ROUTE_UNSUPPORTED: {
    message: (d) =>
      `${d.file} (route ${d.route}) ${String(d.reason)}, and output: 'export' writes only static files, so nothing ` +
      `could answer ${String(d.what)}.`,
    hint: (d) => String(d.hintText),
  },
  // ── end of Next.js compatibility ──────────────────────────────────────────────────────────────
} satisfies Record<string, Entry>;

export class KilnError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;
  readonly hint: string;
  constructor(code: ErrorCode, details: ErrorDetails, options?: { cause?: unknown }) {
    const entry: Entry = catalog[code];
    const hint = entry.hint(details);
    const message = entry.message(details);
    // After a message of several lines (one that ends in a stack), the hint starts a line of its own.
    super(`${message}${hint ? `${message.includes('\n') ? '\n' : ' '}Hint: ${hint}` : ''}`, options);
    this.name = 'KilnError';
    this.code = code;
    this.details = details;
    this.hint = hint;
  }
}

export function kilnError(code: ErrorCode, details: ErrorDetails, options?: { cause?: unknown }): KilnError {
  return new KilnError(code, details, options);
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

interface ParamShape {
  name: string;
  kind: string;
}

/** `generateStaticParams()` for a first call, with the parent params for a per-parent call. */
function gspCall(d: ErrorDetails): string {
  const parent = d.parentParams as Record<string, unknown> | undefined;
  return parent && Object.keys(parent).length > 0
    ? `generateStaticParams({ params: ${show(parent)} })`
    : 'generateStaticParams()';
}

/** `show` of a params object, with `{}` for an empty one. */
function showParams(params: unknown): string {
  return params && typeof params === 'object' && Object.keys(params).length === 0 ? '{}' : show(params ?? {});
}

function exampleItem(d: ErrorDetails): string {
  const params = (d.params as ParamShape[] | undefined) ?? [];
  if (params.length === 0) return "{ slug: 'a' }";
  const parts = params.map((p) => (p.kind === 'dynamic' ? `${p.name}: 'a'` : `${p.name}: ['a', 'b']`));
  return `{ ${parts.join(', ')} }`;
}

function exampleList(d: ErrorDetails): string {
  return `[${exampleItem(d)}]`;
}

/** `"id"`, or `"slug"[1]` for one part of a catch-all. */
function valueName(d: ErrorDetails): string {
  return typeof d.part === 'number' ? `${show(d.key)}[${d.part}]` : show(d.key);
}

function valueExpected(d: ErrorDetails): string {
  if (typeof d.part === 'number' || d.kind === 'dynamic') return 'a string';
  if (d.kind === 'catchAll') return 'a non-empty array of strings';
  return 'an array of strings or undefined';
}

function valueTypeHint(d: ErrorDetails): string {
  const key = String(d.key);
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

function configExpected(option: unknown): string {
  if (option === 'dynamicParams') return 'true or false';
  if (option === 'revalidate') return 'a number of seconds >= 0 (0 renders on every request) or false (never)';
  return 'one of "auto", "force-static", "error", "force-dynamic"';
}

function configHint(option: unknown, value: unknown): string {
  if (typeof value === 'string' && (value === 'true' || value === 'false' || /^\d+(\.\d+)?$/.test(value))) {
    return `Write ${String(option)} = ${value}, without quotes.`;
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
    const revived = kilnError(e.code as ErrorCode, e.details as ErrorDetails, { cause: e.cause });
    if (error instanceof Error && error.stack) revived.stack = error.stack;
    return revived;
  } catch {
    return error;
  }
}
