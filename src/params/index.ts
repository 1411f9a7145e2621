export type {
  DynamicMode,
  LoadModule,
  PageEntry,
  ParamsCallEvent,
  ParamsWarning,
  PartialParamsEvent,
  RouteConfig,
  RouteModule,
} from './types.ts';
export {
  combineSegmentConfigs,
  configFiles,
  DEFAULT_ROUTE_CONFIG,
  readSegmentConfig,
  routeConfig,
  type SegmentConfig,
} from './config.ts';
export {
  hasStaticParams,
  readGenerateStaticParams,
  staticParamsHolders,
  staticParamsKind,
  type GenerateStaticParams,
  type Holder,
  type StaticParamsKind,
} from './holders.ts';
export { assertNotClientModule, readDirectives } from './client-module.ts';
export { generatedKey, openParams } from './open.ts';
export { isClientReference, readSourceExport, withClientSegmentConfig } from './client-config.ts';
export { isPlainObject, routeParams, validateItem, type CallContext } from './validate.ts';
export {
  DEFAULT_CONCURRENCY,
  DEFAULT_HIGH_WATER_MARK,
  DEFAULT_TIMEOUT_MS,
  generateAllParams,
  generateRouteParams,
  type GenerateParamsOptions,
} from './walk.ts';
export {
  collectRouteReport,
  prerenderKind,
  type PrerenderKind,
  type RouteCallReport,
  type RouteReport,
} from './report.ts';
