/**
 * `useServerInsertedHTML` (from `next/navigation`), the hook CSS-in-JS libraries (styled-components,
 * Emotion, styled-jsx) use as Next.js documents them: during the server's HTML pass a client
 * component hands over a callback, and what the callbacks return once the page is rendered goes
 * into the document's `<head>`, so the page arrives styled. In the browser there is nothing to
 * insert, and the hook does nothing.
 *
 * Server components may import `next/navigation` under React's server build, which has no
 * `createContext`: the context is made on first use, once per realm (Symbol.for), so a module
 * duplicated across chunks still finds the one the HTML pass provides.
 */
import * as React from 'react';
import type { ReactNode } from 'react';

export type InsertHtml = (callback: () => ReactNode) => void;

function insertContext(): React.Context<InsertHtml | null> {
  const key = Symbol.for('kiln.serverInsertedHtml');
  const g = globalThis as typeof globalThis & Record<symbol, React.Context<InsertHtml | null> | undefined>;
  return (g[key] ??= React.createContext<InsertHtml | null>(null));
}

/** Given by the HTML pass (entries/ssr.tsx) around the page. */
export function ServerInsertedHtmlProvider({ value, children }: { value: InsertHtml; children?: ReactNode }): ReactNode {
  return React.createElement(insertContext().Provider, { value }, children);
}

export function useServerInsertedHTML(callback: () => ReactNode): void {
  const insert = React.useContext(insertContext());
  insert?.(callback);
}
