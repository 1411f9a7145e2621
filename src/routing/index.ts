export type {
  MatchResult,
  ParamDef,
  Params,
  Route,
  RouteLevel,
  RouteTree,
  Segment,
  SegmentKind,
  SpecialFileKind,
} from './types.ts';
export { parseSegment } from './segments.ts';
export { classifyFile, DEFAULT_PAGE_EXTENSIONS, isRouteTreeFile, SPECIAL_FILE_KINDS, unlistedSpecialFile } from './files.ts';
export { buildRouteTree } from './tree.ts';
export { compareRoutes, segmentRank, sortRoutes } from './rank.ts';
export { createMatcher } from './match.ts';
export { splitPathname, type SplitPath } from './pathname.ts';
export { href } from './href.ts';
export {
  classifyMetadataFile,
  collectMetadataFiles,
  IMAGE_KINDS,
  matchMetadataFile,
  metadataFileGlobs,
  metadataFileHref,
  nearestImageFiles,
  type MetadataFile,
  type MetadataFileKind,
  type MetadataMatch,
} from './metadata-files.ts';
