/**
 * A user's error stack as `kiln dev` shows it: positions mapped back to the source through the
 * module runner's source maps, paths made project-relative, and frames inside dependencies, Vite's
 * pre-bundles and Node itself left out. Vite maps stacks itself, but React's Flight renderer
 * reads `error.stack` under its own `prepareStackTrace`, so render errors arrive unmapped.
 */
import { SourceMap, type SourceMapPayload } from 'node:module';
import path from 'node:path';

/** The source map of the code the runner evaluated for `file` (a path, maybe with a query). */
export type SourceMapLookup = (file: string) => SourceMapPayload | null;

// `    at fn (/abs/file.tsx:12:5)` or `    at /abs/file.tsx:12:5`
const FRAME = /^(\s+at (?:.*? \()?)(.+?):(\d+):(\d+)(\)?)$/;

export function cleanStack(stack: string, root: string, lookup: SourceMapLookup): string {
  const lines = stack.split('\n');
  const out: string[] = [];
  let hidden = 0;
  for (const line of lines) {
    const m = FRAME.exec(line);
    if (!m) {
      if (/^\s+at /.test(line)) hidden++;
      else out.push(line);
      continue;
    }
    const [, head, location, lineText, columnText, tail] = m;
    const file = location.replace(/^file:\/\//, '').replace(/[?#].*$/, '');
    const rel = path.relative(root, file);
    if (!path.isAbsolute(file) || rel.startsWith('..') || path.isAbsolute(rel) || /(^|[/\\])(node_modules|\.vite)[/\\]/.test(rel)) {
      hidden++;
      continue;
    }
    let position = `${lineText}:${columnText}`;
    const payload = lookup(location.replace(/^file:\/\//, ''));
    if (payload) {
      const entry = new SourceMap(payload).findEntry(Number(lineText) - 1, Number(columnText) - 1) as Partial<{ originalLine: number; originalColumn: number }>;
      if (typeof entry.originalLine === 'number' && typeof entry.originalColumn === 'number') {
        position = `${entry.originalLine + 1}:${entry.originalColumn + 1}`;
      }
    }
    out.push(`${head}${rel.split(path.sep).join('/')}:${position}${tail}`);
  }
  if (hidden > 0) out.push(`    … ${hidden} frame${hidden === 1 ? '' : 's'} in Kiln, React, Vite or Node`);
  return out.join('\n');
}

const INLINE_MAP = /\/\/# sourceMappingURL=data:application\/json;(?:charset=utf-8;)?base64,([A-Za-z0-9+/=]+)\s*$/;

/** The source map a module runner inlined into the code it evaluated, if any. */
export function inlineSourceMap(code: string): SourceMapPayload | null {
  // The map comment ends the code; look only at its tail.
  const m = INLINE_MAP.exec(code.slice(code.lastIndexOf('//# sourceMappingURL=')));
  if (!m) return null;
  try {
    return JSON.parse(Buffer.from(m[1], 'base64').toString('utf8')) as SourceMapPayload;
  } catch {
    return null;
  }
}
