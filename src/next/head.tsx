/**
 * `next/head` is a Pages Router API: in the App Router (and so in Kiln) it has no effect. It
 * renders nothing, and says so once in development. Use the `metadata` export or
 * `generateMetadata` in a page or layout instead.
 */
import type { ReactNode } from 'react';

let warned = false;

export default function Head(_props: { children?: ReactNode }): ReactNode {
  if (import.meta.env?.DEV && !warned) {
    warned = true;
    console.warn('next/head renders nothing in Kiln (as in the Next.js App Router); use the metadata export or generateMetadata instead.');
  }
  return null;
}
