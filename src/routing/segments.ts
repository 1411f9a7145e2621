import { kilnError } from '../errors.ts';
import type { Segment } from './types.ts';

// A param name becomes an object key and a TypeScript property: keep it to identifier-ish text.
const PARAM_NAME = /^[\p{L}\p{N}_$-]+$/u;
// `(.)x`, `(..)x`, `(...)x` are Next's intercepting routes, not groups.
const INTERCEPTING = /^\(\.{1,3}\)/;
const GROUP_FORBIDDEN = /[()[\]]/;

/**
 * Parses one folder name of the app tree. `dir` is the project-relative folder, used only to name
 * it in errors (defaults to the name itself).
 */
export function parseSegment(name: string, dir: string = name): Segment {
  if (name.startsWith('_')) return { raw: name, kind: 'private' };
  if (name.startsWith('@')) unsupported(name, dir, 'a parallel-route slot (@folder)');
  if (name.startsWith('(')) return parseGroup(name, dir);
  if (name.startsWith('[')) return parseDynamic(name, dir);
  if (name === '') invalid(name, dir, 'the name is empty');
  if (name.includes('[') || name.includes(']')) {
    invalid(name, dir, 'brackets must wrap the whole name');
  }
  return { raw: name, kind: 'static', value: decodeStatic(name) };
}

function parseGroup(name: string, dir: string): Segment {
  if (INTERCEPTING.test(name)) unsupported(name, dir, 'an intercepting route ((.)folder)');
  if (!name.endsWith(')')) invalid(name, dir, 'a group name must end with ")"');
  const inner = name.slice(1, -1);
  if (inner === '') invalid(name, dir, 'the group name is empty');
  if (GROUP_FORBIDDEN.test(inner)) invalid(name, dir, 'a group name cannot contain brackets or parentheses');
  return { raw: name, kind: 'group' };
}

function parseDynamic(name: string, dir: string): Segment {
  if (name.startsWith('[[')) {
    if (!name.endsWith(']]')) invalid(name, dir, 'an optional catch-all must end with "]]"');
    const inner = name.slice(2, -2);
    if (!inner.startsWith('...')) {
      invalid(name, dir, 'only catch-alls can be optional: write [[...name]]');
    }
    return { raw: name, kind: 'optionalCatchAll', param: paramName(inner.slice(3), name, dir) };
  }
  if (!name.endsWith(']')) invalid(name, dir, 'a param must end with "]"');
  const inner = name.slice(1, -1);
  if (inner.startsWith('...')) {
    return { raw: name, kind: 'catchAll', param: paramName(inner.slice(3), name, dir) };
  }
  return { raw: name, kind: 'dynamic', param: paramName(inner, name, dir) };
}

function paramName(param: string, name: string, dir: string): string {
  if (param === '') invalid(name, dir, 'the param name is empty');
  if (!PARAM_NAME.test(param)) {
    invalid(name, dir, `the param name ${JSON.stringify(param)} has characters other than letters, digits, _, $ and -`);
  }
  // `params.__proto__ = v` would replace the prototype instead of setting a key.
  if (param === '__proto__') invalid(name, dir, 'the param name "__proto__" is reserved');
  return param;
}

/** Static folders are the decoded URL text; `%5Fabout` is how Next spells a leading underscore. */
function decodeStatic(name: string): string {
  if (!name.includes('%')) return name;
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

function invalid(segment: string, file: string, reason: string): never {
  throw kilnError('ROUTE_SEGMENT_INVALID', { file, segment, reason });
}

function unsupported(segment: string, file: string, feature: string): never {
  throw kilnError('ROUTE_SEGMENT_UNSUPPORTED', { file, segment, feature });
}
