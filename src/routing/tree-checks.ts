import { kilnError } from '../errors.ts';
import type { Route, Segment } from './types.ts';

/** Checks within one route: catch-alls end the route, and no param name repeats. */
export function checkRoute(route: Route): void {
  const seenAt = new Map<string, string>();
  const last = route.segments.length - 1;
  let urlIndex = -1;
  for (const level of route.levels) {
    const segment = level.segment;
    if (segment === null || segment.kind === 'group') continue;
    urlIndex++;
    if (segment.kind === 'static' || segment.kind === 'private') continue;

    if ((segment.kind === 'catchAll' || segment.kind === 'optionalCatchAll') && urlIndex < last) {
      throw kilnError('ROUTE_CATCH_ALL_NOT_LAST', {
        file: route.file,
        route: route.pattern,
        dir: level.dir,
        segment: segment.raw,
        kind: segment.kind === 'catchAll' ? 'catch-all' : 'optional catch-all',
      });
    }
    const name = segment.param!;
    const otherDir = seenAt.get(name);
    if (otherDir !== undefined) {
      throw kilnError('ROUTE_PARAM_REPEATED', {
        file: route.file,
        route: route.pattern,
        param: name,
        otherDir,
        dir: level.dir,
      });
    }
    seenAt.set(name, level.dir);
  }
}

interface Claim {
  segment: Segment;
  route: Route;
}

interface UrlLevel {
  statics: Map<string, UrlLevel>;
  dynamic?: Claim & { next: UrlLevel };
  catchAll?: Claim;
  optional?: Claim;
  /** The route whose URL ends exactly here. */
  end?: Route;
}

const newLevel = (): UrlLevel => ({ statics: new Map() });

/**
 * The routes seen so far, arranged by URL shape (groups gone), to find conflicts between routes:
 * different param names at one level, a catch-all beside an optional catch-all, and two routes
 * for one URL. Routes must already have passed `checkRoute` (catch-alls are last).
 */
export class UrlLevels {
  private readonly root = newLevel();

  add(route: Route): void {
    let level = this.root;
    for (const segment of route.segments) {
      switch (segment.kind) {
        case 'static': {
          const key = segment.value ?? segment.raw;
          let next = level.statics.get(key);
          if (!next) level.statics.set(key, (next = newLevel()));
          level = next;
          break;
        }
        case 'dynamic': {
          const claim = level.dynamic;
          if (!claim) level.dynamic = { segment, route, next: newLevel() };
          else if (claim.segment.param !== segment.param) conflict(route, segment, claim);
          level = level.dynamic!.next;
          break;
        }
        case 'catchAll':
          if (level.optional) mixed(route, segment, level.optional);
          level.catchAll = claimRest(level.catchAll, route, segment);
          return;
        case 'optionalCatchAll':
          if (level.catchAll) mixed(route, segment, level.catchAll);
          level.optional = claimRest(level.optional, route, segment);
          // With zero parts it answers its parent's URL.
          if (level.end) duplicate(route, level.end, level.end.pattern, true);
          return;
        default:
          break;
      }
    }
    if (level.end) duplicate(route, level.end, route.pattern, false);
    if (level.optional) duplicate(route, level.optional.route, route.pattern, true);
    level.end = route;
  }
}

function claimRest(claim: Claim | undefined, route: Route, segment: Segment): Claim {
  if (!claim) return { segment, route };
  if (claim.segment.param !== segment.param) conflict(route, segment, claim);
  duplicate(route, claim.route, route.pattern, false);
}

function conflict(route: Route, segment: Segment, claim: Claim): never {
  throw kilnError('ROUTE_PARAM_CONFLICT', claimDetails(route, segment, claim));
}

function mixed(route: Route, segment: Segment, claim: Claim): never {
  throw kilnError('ROUTE_CATCH_ALL_MIXED', claimDetails(route, segment, claim));
}

/** Both sides of a clash at one URL level: the route being added and the one already there. */
function claimDetails(route: Route, segment: Segment, claim: Claim) {
  return {
    file: route.file,
    route: route.pattern,
    segment: segment.raw,
    otherFile: claim.route.file,
    otherRoute: claim.route.pattern,
    otherSegment: claim.segment.raw,
  };
}

function duplicate(route: Route, other: Route, url: string, optional: boolean): never {
  throw kilnError('ROUTE_DUPLICATE_URL', { file: route.file, otherFile: other.file, route: url, optional });
}
