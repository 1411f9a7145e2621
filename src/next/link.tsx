/**
 * `next/link` (also `kilnjs/link`): Kiln's `<Link>`, client navigation from prerendered RSC
 * payloads. The component lives in `src/client/link.tsx`, a client module.
 */
export { default } from '../client/link.tsx';
export type { LinkProps, UrlObject } from '../client/link.tsx';
