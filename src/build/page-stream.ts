/**
 * The stream of pages to prerender: every prerendered route's params, walked once in this
 * thread (retrying network failures), as tasks that name the route by its index in the tree.
 * Partially generated routes (segments no generateStaticParams fills) record their open params and generated values on their
 * plan as the walk finds them.
 */
import { generateAllParams, generatedKey } from '../params/index.ts';
import type { LoadModule, ParamsWarning } from '../params/types.ts';
import type { Route } from '../routing/types.ts';
import { counted, filterIterable, mapIterable } from './iterables.ts';
import type { PageTask } from './page-runner.ts';
import type { PlannedRoute } from './plan.ts';
import { withParamsRetries, type RetryPolicy } from './retry.ts';
import { inShard, type Shard } from './shard.ts';

export interface PageStreamOptions {
  /** The tree's routes, in the order the lanes know them. */
  routes: readonly Route[];
  /** Their plans, in the same order. */
  planned: readonly PlannedRoute[];
  load: LoadModule;
  retry: RetryPolicy;
  onWarning: (warning: ParamsWarning) => void;
  /**
   * How many pages the params produced for this build, once the walk is done, and how many for
   * all shards together (the same without a shard).
   */
  onTotal: (count: number, all: number) => void;
  /** Render only this shard's pages; the walk still runs whole, so every shard plans alike. */
  shard?: Shard;
}

export function pageTasks(options: PageStreamOptions): AsyncGenerator<PageTask> {
  const { routes, planned } = options;
  const routeIndex = new Map(routes.map((route, i) => [route, i]));
  let all = 0;
  const walked = counted(
    generateAllParams(
      planned.filter((p) => p.prerender).map((p) => p.route),
      {
        load: withParamsRetries(options.load, options.retry),
        onWarning: options.onWarning,
        onPartial: (event) => {
          const plan = planned[routeIndex.get(event.route)!];
          plan.open ??= { params: [...event.open], generated: new Set() };
          plan.open.generated.add(generatedKey(event.route, event.open, event.params));
        },
      },
    ),
    (count) => {
      all = count;
    },
  );
  const { shard } = options;
  const entries = counted(shard ? filterIterable(walked, (page) => inShard(page.pathname, shard)) : walked, (count) => options.onTotal(count, all));
  return mapIterable(entries, (page): PageTask => [routeIndex.get(page.route)!, page.params, page.pathname]);
}
