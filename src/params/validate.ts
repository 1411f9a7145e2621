import { kilnError } from '../errors.ts';
import type { ParamDef, Params, Route } from '../routing/types.ts';
import type { Holder } from './holders.ts';

/** Who produced a value, for messages: the route, the holder and the params it was called with. */
export interface CallContext {
  route: Route;
  holder: Pick<Holder, 'file' | 'kind' | 'level'>;
  parentParams: Record<string, unknown>;
}

/** Details every message about one call's result shares. */
export function callDetails(ctx: CallContext): {
  file: string;
  route: string;
  parentParams: Record<string, unknown>;
  params: ParamDef[];
} {
  return { file: ctx.holder.file, route: ctx.route.pattern, parentParams: ctx.parentParams, params: ctx.route.params };
}

/**
 * A plain object: `{}` literal or `Object.create(null)`, also from another realm (a VM context),
 * whose Object.prototype is a different object with a null prototype.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === null || proto === Object.prototype) return true;
  return Object.getPrototypeOf(proto) === null && (proto as { constructor?: { name?: string } }).constructor?.name === 'Object';
}

/**
 * Checks one item a holder returned (a plain object; a layout's keys only for its own segment and
 * those above) and returns it as a record. Values of the route's params are checked without
 * coercion; an undefined value counts as absent (a param still missing in the merged set fails
 * later). Keys that are not params of the route are left alone: they pass to
 * deeper calls.
 */
export function validateItem(item: unknown, index: number, ctx: CallContext): Record<string, unknown> {
  if (!isPlainObject(item)) {
    throw kilnError('PARAMS_ITEM_NOT_OBJECT', { ...callDetails(ctx), item, index });
  }
  for (const def of ctx.route.params) {
    const value = item[def.name];
    if (value === undefined || !Object.hasOwn(item, def.name)) continue;
    if (ctx.holder.kind === 'layout' && def.level > ctx.holder.level) {
      throw kilnError('PARAMS_LAYOUT_KEY_BELOW', {
        ...callDetails(ctx),
        item,
        index,
        key: def.name,
        segment: ctx.route.levels[def.level]?.segment?.raw ?? def.name,
        otherFile: ctx.route.file,
      });
    }
    checkValue(def, value, item, index, ctx);
  }
  return item;
}

/** The codes of a bad param value; they share their fields. */
type ValueCode = 'PARAMS_VALUE_TYPE' | 'PARAMS_VALUE_EMPTY' | 'PARAMS_VALUE_FORBIDDEN';

function checkValue(def: ParamDef, value: unknown, item: unknown, index: number, ctx: CallContext): void {
  const fail = (code: ValueCode, bad: unknown, part?: number): never => {
    throw kilnError(code, { ...callDetails(ctx), item, index, key: def.name, kind: def.kind, value: bad, part });
  };
  if (def.kind === 'dynamic') {
    if (typeof value !== 'string') fail('PARAMS_VALUE_TYPE', value);
    checkPart(value as string, fail);
    return;
  }
  if (!Array.isArray(value)) return void fail('PARAMS_VALUE_TYPE', value);
  if (value.length === 0 && def.kind === 'catchAll') fail('PARAMS_VALUE_EMPTY', value);
  for (let i = 0; i < value.length; i++) {
    const part: unknown = value[i];
    if (typeof part !== 'string') fail('PARAMS_VALUE_TYPE', part, i);
    checkPart(part as string, fail, i);
  }
}

function checkPart(part: string, fail: (code: ValueCode, bad: unknown, part?: number) => never, i?: number): void {
  if (part === '') fail('PARAMS_VALUE_EMPTY', part, i);
  if (part === '.' || part === '..' || part.includes('\0')) fail('PARAMS_VALUE_FORBIDDEN', part, i);
}

/**
 * The route's params out of a merged set, or the first required param it lacks (which fails the build).
 * Params in `open` (segments no gSP of the route fills) are left out, not missing. Extra keys
 * are dropped (they only feed deeper calls); arrays are copied so later changes by user code do
 * not reach the page. An empty optional catch-all becomes absent, which is what matching the
 * same URL gives.
 */
export function routeParams(
  route: Route,
  merged: Record<string, unknown>,
  open: readonly string[] = [],
): { params: Params } | { missing: ParamDef } {
  const params: Params = {};
  for (const def of route.params) {
    if (open.includes(def.name)) continue;
    const value = merged[def.name];
    if (value === undefined) {
      if (def.kind === 'optionalCatchAll') continue;
      return { missing: def };
    }
    if (Array.isArray(value)) {
      if (value.length > 0) params[def.name] = value.slice() as string[];
      else if (def.kind === 'catchAll') return { missing: def };
    } else params[def.name] = value as string;
  }
  return { params };
}
