/**
 * What to tell a user whose app imports a `next/*` module Kiln does not provide: the build
 * fails (Kiln's Vite plugin refuses the import), and this hint says what to use instead.
 */
const HINTS: Array<[RegExp, string]> = [
  [/^next$/, "Kiln has no run-time `next` module; import types with `import type { Metadata } from 'next'`."],
  [/^next\/router(\.js)?$/, 'next/router is the Pages Router API; use useRouter, usePathname and useSearchParams from next/navigation.'],
  [/^next\/(document|app|error|amp|config)(\.js)?$/, 'That is a Pages Router API; the App Router equivalent is app/layout.tsx (and not-found.tsx, error.tsx).'],
  [/^next\/font(\.js)?$/, 'Import a loader: next/font/google or next/font/local.'],
  [/^next\/form(\.js)?$/, 'Use a plain <form>; navigate from its submit handler with useRouter().push().'],
];

export function unsupportedNextHint(specifier: string): string {
  for (const [pattern, hint] of HINTS) if (pattern.test(specifier)) return hint;
  return 'Remove the import or replace it with one of the modules Kiln provides (see "Coming from Next.js" in the README).';
}
