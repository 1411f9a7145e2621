/** Small readers for build output, shared by the build integration tests. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export async function read(outDir: string, file: string): Promise<string> {
  return readFile(path.join(outDir, file), 'utf8');
}

/** The text a reader sees: scripts dropped, tags and React's text separators removed, entities decoded. */
export function visibleText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<title>[\s\S]*?<\/title>/g, '')
    .replace(/<!-- -->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

export function titleOf(html: string): string | null {
  const titles = [...html.matchAll(/<title>([\s\S]*?)<\/title>/g)];
  if (titles.length !== 1) return titles.length === 0 ? null : `(${titles.length} titles)`;
  return titles[0][1].replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

/** The inlined Flight payload of a page, as the browser entry reads it. */
export function inlinedPayload(html: string): unknown {
  const m = /<script>self\.__kiln_rsc=([\s\S]*?)<\/script>/.exec(html);
  if (!m) return null;
  return JSON.parse(m[1]);
}

export { listFiles } from '../../src/build/list-files.ts';
