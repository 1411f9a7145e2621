/** Decides, per route, whether the build prerenders it and what the report calls it. */
import { routeConfig, staticParamsKind } from '../params/index.ts';
import type { LoadModule } from '../params/types.ts';
import type { Route } from '../routing/types.ts';
import type { RouteStats } from './types.ts';
import { DigestSum } from './output-digest.ts';

export interface PlannedRoute {
  route: Route;
  stats: RouteStats;
  /** Prerendered pathnames, filled in as pages are written. */
  paths: string[];
  prerender: boolean;
  /** The sum of the digests of the pages written for it. */
  digest: DigestSum;
  /**
   * A partially generated route (segments no gSP fills): its open params and the `generatedKey`s of the values
   * generateStaticParams gave the others, filled in as the params are walked.
   */
  open?: { params: string[]; generated: Set<string> };
}

export async function planRoutes(routes: readonly Route[], load: LoadModule): Promise<PlannedRoute[]> {
  return Promise.all(
    routes.map(async (route): Promise<PlannedRoute> => {
      const config = await routeConfig(route, load);
      let kind: RouteStats['kind'] = 'dynamic';
      if (config.dynamic !== 'force-dynamic' && config.revalidate !== 0) {
        const how = await staticParamsKind(route, load);
        // A route handler is prerendered only when generateStaticParams lists its paths; one
        // without params answers every request itself.
        if (route.type === 'page') kind = how === 'on-demand' ? 'dynamic' : how;
        else if (how === 'generated') kind = 'generated';
      }
      return {
        route,
        paths: [],
        prerender: kind !== 'dynamic',
        digest: new DigestSum(),
        stats: {
          pattern: route.pattern,
          file: route.file,
          type: route.type,
          kind,
          pages: 0,
          bytes: 0,
          dynamicParams: config.dynamicParams,
          revalidate: config.revalidate,
          dynamic: config.dynamic,
          notFound: 0,
        },
      };
    }),
  );
}
