import { kilnError } from '../errors.ts';
import type { ParamDef, Params, Route } from './types.ts';

/** A route's URL as literal text (encoded, with leading `/`) and params, compiled once per route. */
type Piece = string | ParamDef;

const compiled = new WeakMap<Route, Piece[]>();

/**
 * The encoded URL of `route` for `params`: each value through encodeURIComponent,
 * catch-all parts joined by `/`, an absent or empty optional catch-all omitted, `/` for the root.
 * The params layer validates values first; this guard throws HREF_PARAM_INVALID for anything that
 * would give a URL the matcher cannot map back to the same params.
 */
export function href(route: Route, params: Params): string {
  let pieces = compiled.get(route);
  if (!pieces) compiled.set(route, (pieces = compile(route)));

  let out = '';
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i];
    if (typeof piece === 'string') {
      out += piece;
      continue;
    }
    const value: unknown = params[piece.name];
    if (piece.kind === 'dynamic') {
      if (!isPart(value)) invalid(route, piece, value, 'a non-empty string other than "." and ".."');
      out += `/${encode(route, piece, value)}`;
      continue;
    }
    if (value === undefined && piece.kind === 'optionalCatchAll') continue;
    if (!Array.isArray(value) || (value.length === 0 && piece.kind === 'catchAll')) {
      invalid(route, piece, value, expectedList(piece));
    }
    for (let j = 0; j < value.length; j++) {
      const part: unknown = value[j];
      if (!isPart(part)) invalid(route, piece, value, expectedList(piece));
      out += `/${encode(route, piece, part)}`;
    }
  }
  return out === '' ? '/' : out;
}

function compile(route: Route): Piece[] {
  const pieces: Piece[] = [];
  let literal = '';
  let p = 0;
  for (const segment of route.segments) {
    if (segment.kind === 'static') {
      literal += `/${encodeURIComponent(segment.value ?? segment.raw)}`;
    } else if (segment.kind !== 'group' && segment.kind !== 'private') {
      if (literal) pieces.push(literal);
      literal = '';
      pieces.push(route.params[p++]);
    }
  }
  if (literal) pieces.push(literal);
  return pieces;
}

/** One URL part: the matcher rejects empty parts, dot segments and NUL (see pathname.ts). */
function isPart(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && value !== '.' && value !== '..' && !value.includes('\0');
}

function encode(route: Route, def: ParamDef, value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    // A lone UTF-16 surrogate has no UTF-8 encoding.
    return invalid(route, def, value, 'well-formed Unicode text (no lone surrogate)');
  }
}

function expectedList(def: ParamDef): string {
  return def.kind === 'catchAll'
    ? 'a non-empty array of non-empty strings other than "." and ".."'
    : 'undefined or an array of non-empty strings other than "." and ".."';
}

function invalid(route: Route, def: ParamDef, value: unknown, expected: string): never {
  throw kilnError('HREF_PARAM_INVALID', { file: route.file, route: route.pattern, key: def.name, value, expected });
}
