/**
 * `unstable_noStore()` (also `noStore`) from `next/cache`: says this page must not be a build-time
 * snapshot. A page that calls it while the build prerenders it is rendered per request instead
 * (λ), as one that fetches with `cache: 'no-store'`; anywhere else it does nothing.
 */
import { markDynamic } from '../render/dynamic-api.ts';

export function unstable_noStore(): void {
  markDynamic('unstable_noStore()');
}

export { unstable_noStore as noStore };
