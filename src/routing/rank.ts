import type { Route, Segment, SegmentKind } from './types.ts';

const KIND_RANK: Record<SegmentKind, number> = {
  static: 0,
  dynamic: 1,
  catchAll: 2,
  optionalCatchAll: 3,
  // Never in Route.segments; ranked last so a hand-made list still sorts deterministically.
  group: 4,
  private: 5,
};

/** Orders a segment kind: static < dynamic < catch-all < optional catch-all. */
export function segmentRank(segment: Segment): number {
  return KIND_RANK[segment.kind];
}

/**
 * Match priority: compare URL segments position by position by kind; where one route's segments
 * are a prefix of the other's, the shorter comes first (the only way both match one path is the
 * longer one ending in an optional catch-all matching zero parts). Ties break on the pattern string
 * by code units, so the order never depends on the input order or the locale.
 */
export function compareRoutes(a: Route, b: Route): number {
  const sa = a.segments;
  const sb = b.segments;
  const n = Math.min(sa.length, sb.length);
  for (let i = 0; i < n; i++) {
    const d = KIND_RANK[sa[i].kind] - KIND_RANK[sb[i].kind];
    if (d !== 0) return d;
  }
  if (sa.length !== sb.length) return sa.length - sb.length;
  if (a.pattern !== b.pattern) return a.pattern < b.pattern ? -1 : 1;
  // Same pattern only happens for a page and a handler in an invalid tree; still be total.
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

/** A new array of the routes in match priority order. */
export function sortRoutes(routes: readonly Route[]): Route[] {
  return [...routes].sort(compareRoutes);
}
