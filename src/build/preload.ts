/** Imports every route's page and layouts ahead of rendering. */
import { configFiles } from '../params/index.ts';
import type { LoadModule } from '../params/types.ts';
import type { Route } from '../routing/types.ts';

export async function preloadRouteModules(load: LoadModule, routes: readonly Route[]): Promise<void> {
  const files = new Set(routes.flatMap((route) => configFiles(route)));
  await Promise.all([...files].map((file) => load(file)));
}
