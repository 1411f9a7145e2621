export {
  createHandler,
  createServerCore,
  toResponse,
  type Handler,
  type HandlerOptions,
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
export type { ManifestRoute, ServerManifest } from './manifest.ts';
export type { Bytes, FileRoot, FileSource, StaticFile } from './file-source.ts';
export type { FileCacheOptions } from './file-cache.ts';
export type { Reply } from './replies.ts';
