export {
  closeHandler,
  createHandler,
  onDemandOf,
  createServerCore,
  toResponse,
  type Handler,
  type HandlerOptions,
  type IsrOptions,
  type OnDemand,
  type PageFormat,
  type RequestInput,
  type ServerCore,
} from './handler.ts';
export {
  handleShutdownSignals,
  startServer,
  toNodeListener,
  type ListenerOptions,
  type RunningServer,
  type ShutdownOptions,
  type StartOptions,
} from './node.ts';
export type { ServerRoute } from './routes.ts';
export type { ManifestRedirect, ManifestRoute, ServerManifest } from '../output/manifest.ts';
export type { Bytes, FileRoot, FileSource, StaticFile } from './file-source.ts';
export type { FileCacheOptions } from './file-cache.ts';
export type { Reply } from './replies.ts';
export type { CacheEntry, CacheHandler, CacheLock } from './cache-handler.ts';
export type { CacheConfig } from './cache-config.ts';
export { createFsCache, type FsCacheOptions } from './fs-cache.ts';
export { createMemoryCache, type MemoryCacheOptions } from './memory-cache.ts';
export { withFallback, type FallbackOptions } from './fallback-cache.ts';
export { DEFAULT_MAX_REGENERATIONS } from './regenerate.ts';
export type { RenderedPage, ServerRenderer } from './bundle-renderer.ts';
export type { OnDemandServer } from './on-demand.ts';
