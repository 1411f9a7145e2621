import { isWholeNumber, kilnError, type ErrorCode, type ErrorFields } from '../errors.ts';
import { href } from '../routing/index.ts';
import type { ParamDef, Route } from '../routing/types.ts';
import { CallSource, type CallEnv, type Produced } from './call.ts';
import { OrderedFlatMap } from './flat-map.ts';
import { staticParamsHolders, type Holder } from './holders.ts';
import { createBudget } from './limit.ts';
import type { Source } from './source.ts';
import { openParams } from './open.ts';
import type { LoadModule, PageEntry, ParamsCallEvent, ParamsWarning, PartialParamsEvent } from './types.ts';
import { callDetails, routeParams } from './validate.ts';

export interface GenerateParamsOptions {
  load: LoadModule;
  /**
   * generateStaticParams calls that may run at once: the chain the consumer is reading from, plus
   * up to `concurrency - 1` calls for later parent sets started ahead. 1 = strictly one by one.
   */
  concurrency?: number;
  /** Limit for each wait on user code: the call, then each step of an async result. */
  timeoutMs?: number;
  /** Items a call started ahead may buffer before it pauses. */
  highWaterMark?: number;
  signal?: AbortSignal;
  onCall?: (event: ParamsCallEvent) => void;
  /**
   * Each item of a route with open segments (dynamic segments no gSP fills): the values it generated, which those
   * segments' pages share. An open optional catch-all also gives a page (the catch-all absent).
   */
  onPartial?: (event: PartialParamsEvent) => void;
  /** Warnings are dropped without it: this layer prints nothing. */
  onWarning?: (warning: ParamsWarning) => void;
}

export const DEFAULT_CONCURRENCY = 8;
export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_HIGH_WATER_MARK = 16;

/**
 * The pages of one route, streamed: gSP called top-down once per parent set, items validated, merged and deduplicated. A route without dynamic params gives one page
 * with `{}`; a dynamic route without any gSP gives none (it renders on demand: see
 * `staticParamsKind` to tell that from gSP producing nothing). Pages come in the order a
 * sequential walk would give them, each pathname once (first wins).
 */
export function generateRouteParams(route: Route, options: GenerateParamsOptions): AsyncGenerator<PageEntry, void, undefined> {
  return walkRoute(route, options, new Map());
}

/**
 * Every route's pages in the order of `routes` (pass `tree.routes`, most specific first). A
 * pathname that an earlier route already produced is skipped with a warning: the more specific
 * route serves that URL, and writing it twice would race.
 */
export async function* generateAllParams(
  routes: Iterable<Route>,
  options: GenerateParamsOptions,
): AsyncGenerator<PageEntry, void, undefined> {
  const seen = new Map<string, Route>();
  for (const route of routes) yield* walkRoute(route, options, seen);
}

async function* walkRoute(
  route: Route,
  options: GenerateParamsOptions,
  seen: Map<string, Route>,
): AsyncGenerator<PageEntry, void, undefined> {
  options.signal?.throwIfAborted();
  const shadowWarned = new Set<Route>();
  const emit = (params: PageEntry['params']): PageEntry | null => {
    const pathname = href(route, params);
    const first = seen.get(pathname);
    if (first === undefined) {
      seen.set(pathname, route);
      return { route, params, pathname };
    }
    if (first !== route && !shadowWarned.has(first)) {
      shadowWarned.add(first);
      warn(options, 'PARAMS_PATH_SHADOWED', {
        file: route.file,
        route: route.pattern,
        pathname,
        otherFile: first.file,
        otherRoute: first.pattern,
      });
    }
    return null;
  };

  if (route.params.length === 0) {
    const entry = emit({});
    if (entry) yield entry;
    return;
  }
  const holders = await staticParamsHolders(route, options.load);
  if (holders.length === 0) return;

  const open = openParams(route, holders);
  // An open optional catch-all may be absent, so each item is also a page without it.
  const complete = route.params.every((def) => !open.includes(def.name) || def.kind === 'optionalCatchAll');
  const source = walkSource(route, holders, options);
  const missing = new MissingKeys(route, holders, options);
  try {
    for (;;) {
      const step = await source.next();
      if (step.done) return;
      const result = routeParams(route, step.value.merged, open);
      if ('missing' in result) throw await missing.error(result.missing, step.value);
      if (open.length > 0) options.onPartial?.({ route, open, params: result.params });
      if (!complete) continue;
      const entry = emit(result.params);
      if (entry) yield entry;
    }
  } finally {
    await source.close();
  }
}

/** Holder k called per parent set, flat-mapped into holder k + 1, down to the last holder. */
function walkSource(route: Route, holders: Holder[], options: GenerateParamsOptions): Source<Produced> {
  const concurrency = positiveInteger(options.concurrency, DEFAULT_CONCURRENCY, 'concurrency');
  const flat = {
    budget: createBudget(concurrency - 1),
    highWaterMark: positiveInteger(options.highWaterMark, DEFAULT_HIGH_WATER_MARK, 'highWaterMark'),
  };
  const env: CallEnv = {
    route,
    timeoutMs: positiveInteger(options.timeoutMs, DEFAULT_TIMEOUT_MS, 'timeoutMs'),
    signal: options.signal,
    onCall: options.onCall,
  };
  const level = (k: number, parentSet: Record<string, unknown>): Source<Produced> => {
    const calls = new CallSource(holders[k], parentSet, env);
    if (k === holders.length - 1) return calls;
    return new OrderedFlatMap(calls, (p: Produced) => level(k + 1, p.merged), flat);
  };
  return level(0, {});
}

/**
 * Items that leave a param without a value: as in Next.js, the build fails, naming the param, the
 * item and the route. When the param could only have come from a page (a page's gSP never feeds
 * deeper routes; here no layout at or below the param's folder exports gSP, and the page of some ancestor folder at or
 * below that param's folder does), the error names that page too.
 */
class MissingKeys {
  private ancestorPages: Promise<{ level: number; file: string }[]> | null = null;

  constructor(
    private readonly route: Route,
    private readonly holders: Holder[],
    private readonly options: GenerateParamsOptions,
  ) {}

  async error(def: ParamDef, produced: Produced): Promise<Error> {
    const { ctx, item, index } = produced;
    const details = { ...callDetails(ctx), item, index, key: def.name };
    const page = await this.feedingPage(def);
    return kilnError('PARAMS_MISSING_KEY', page ? { ...details, otherFile: page } : details);
  }

  private async feedingPage(def: ParamDef): Promise<string | undefined> {
    if (this.holders.some((h) => h.kind === 'layout' && h.level >= def.level)) return undefined;
    this.ancestorPages ??= this.findAncestorPages();
    return (await this.ancestorPages).find((p) => p.level >= def.level)?.file;
  }

  /** Ancestor folders' pages that export gSP, root → leaf. Loaded only on this error path. */
  private async findAncestorPages(): Promise<{ level: number; file: string }[]> {
    const levels = this.route.levels.slice(0, -1);
    const found = await Promise.all(
      levels.map(async (level, i) => {
        if (!level.page) return null;
        const mod = await this.options.load(level.page);
        return typeof mod.generateStaticParams === 'function' ? { level: i, file: level.page } : null;
      }),
    );
    return found.filter((p) => p !== null);
  }
}

function warn<C extends ErrorCode>(options: GenerateParamsOptions, code: C, details: ErrorFields[C]): void {
  options.onWarning?.({ code, message: kilnError(code, details).message });
}

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!isWholeNumber(value)) {
    throw new RangeError(`generateRouteParams: ${name} must be a positive integer (got ${String(value)})`);
  }
  return value;
}
