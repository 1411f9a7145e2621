import { splitPathname } from './pathname.ts';
import type { MatchResult, Params, Route, RouteTree } from './types.ts';

/**
 * One URL level of the routes, by shape. Param names live on the routes, not here: the tree
 * guarantees one name per dynamic level, and captures are read back in URL order.
 */
interface Node {
  statics: Map<string, Node> | null;
  dynamic: Node | null;
  /** Route ending here (zero parts left). */
  end: Route | null;
  catchAll: Route | null;
  optional: Route | null;
}

const newNode = (): Node => ({ statics: null, dynamic: null, end: null, catchAll: null, optional: null });

/**
 * Returns a function that matches a request pathname (no query or hash) to a route of `tree`.
 * Priority is static > dynamic > catch-all > optional catch-all at each level, with backtracking,
 * which finds the same route as scanning `tree.routes` (priority order) for the first match.
 */
export function createMatcher(tree: RouteTree): (pathname: string) => MatchResult {
  const root = newNode();
  // routes are in priority order, so the first claim of a slot is the one that should win.
  for (const route of tree.routes) insert(root, route);

  return (pathname) => {
    const split = splitPathname(pathname);
    if (typeof split === 'string') return { kind: 'malformed', reason: split };
    const { parts, lastEmpty } = split;
    const captures: (string | string[])[] = [];
    const route = walk(root, parts, 0, lastEmpty, captures);
    if (route === null) return { kind: 'none' };
    const params: Params = {};
    const defs = route.params;
    for (let i = 0; i < defs.length; i++) {
      // An optional catch-all that matched zero parts captured nothing and stays absent.
      if (i < captures.length) params[defs[i].name] = captures[i];
    }
    return { kind: 'found', route, params };
  };
}

function insert(root: Node, route: Route): void {
  let node = root;
  for (const segment of route.segments) {
    switch (segment.kind) {
      case 'static': {
        const key = segment.value ?? segment.raw;
        node.statics ??= new Map();
        let next = node.statics.get(key);
        if (!next) node.statics.set(key, (next = newNode()));
        node = next;
        break;
      }
      case 'dynamic':
        node = node.dynamic ??= newNode();
        break;
      case 'catchAll':
        node.catchAll ??= route;
        return;
      case 'optionalCatchAll':
        node.optional ??= route;
        return;
      default:
        break;
    }
  }
  node.end ??= route;
}

/**
 * Depth-first in priority order. `lastEmpty` is the index of the last empty part (-1 if none),
 * so "no empty part from i on" is one comparison: empty parts never fill a param.
 */
function walk(
  node: Node,
  parts: readonly string[],
  i: number,
  lastEmpty: number,
  captures: (string | string[])[],
): Route | null {
  if (i === parts.length) {
    if (node.end) return node.end;
    return node.optional;
  }
  const part = parts[i];
  if (node.statics) {
    const next = node.statics.get(part);
    if (next) {
      const found = walk(next, parts, i + 1, lastEmpty, captures);
      if (found) return found;
    }
  }
  if (part === '') return null;
  if (node.dynamic) {
    const depth = captures.length;
    captures.push(part);
    const found = walk(node.dynamic, parts, i + 1, lastEmpty, captures);
    if (found) return found;
    captures.length = depth;
  }
  if (lastEmpty >= i) return null;
  const rest = node.catchAll ?? node.optional;
  if (rest) captures.push(parts.slice(i));
  return rest;
}
