/**
 * A user's error stack as Kiln shows it: positions mapped back to the source through source
 * maps, paths made project-relative, and frames inside dependencies, Vite's pre-bundles, a
 * build's output and Node itself left out. `kiln dev` maps through the module runner's source
 * maps (Vite maps stacks itself, but React's Flight renderer reads `error.stack` under its own
 * `prepareStackTrace`, so render errors arrive unmapped); `kiln build` through the maps written
 * next to its server bundles, where one chunk holds many source files.
 */
import { SourceMap, type SourceMapPayload } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The source map of the code evaluated for `file` (a path, maybe with a query). */
export type SourceMapLookup = (file: string) => SourceMapPayload | null;

// `    at fn (/abs/file.tsx:12:5)` or `    at /abs/file.tsx:12:5`
const FRAME = /^(\s+at (?:.*? \()?)(.+?):(\d+):(\d+)(\)?)$/;

/** The app file (project-relative) whose imports led to a dependency's `file`, if known. */
export type ImporterLookup = (file: string) => string | null;

export function cleanStack(stack: string, root: string, lookup: SourceMapLookup, importerOf?: ImporterLookup): string {
  const lines = stack.split('\n');
  const out: string[] = [];
  let hidden = 0;
  // Where a dependency threw, when the error came from inside one: all its frames are hidden, so
  // the summary names the package and the app file that imported it instead.
  let thrownIn: string | null = null;
  let topFrame = true;
  const maps = new Map<SourceMapPayload, SourceMap>();
  for (const line of lines) {
    const m = FRAME.exec(line);
    const isTop = topFrame && /^\s+at /.test(line);
    if (isTop) topFrame = false;
    if (!m) {
      if (/^\s+at /.test(line)) hidden++;
      else out.push(line);
      continue;
    }
    const [, head, location, lineText, columnText, tail] = m;
    let file = location.replace(/^file:\/\//, '').replace(/[?#].*$/, '');
    let position = `${lineText}:${columnText}`;
    const payload = path.isAbsolute(file) ? lookup(location.replace(/^file:\/\//, '')) : null;
    if (payload) {
      let map = maps.get(payload);
      if (!map) maps.set(payload, (map = new SourceMap(payload)));
      const entry = map.findEntry(Number(lineText) - 1, Number(columnText) - 1) as MappedEntry;
      if (typeof entry.originalLine === 'number' && typeof entry.originalColumn === 'number') {
        position = `${entry.originalLine + 1}:${entry.originalColumn + 1}`;
        if (entry.originalSource) file = sourcePath(entry.originalSource, file, payload.sourceRoot);
      }
    }
    const rel = path.relative(root, file);
    // Dependencies, and generated code in dot-folders: Vite's caches, a build's fresh output.
    if (!path.isAbsolute(file) || rel.startsWith('..') || path.isAbsolute(rel) || /(^|[/\\])(node_modules|\.[^/\\]+)[/\\]/.test(rel)) {
      if (isTop) thrownIn = dependencyFrame(file, position, root, importerOf);
      hidden++;
      continue;
    }
    out.push(`${head}${rel.split(path.sep).join('/')}:${position}${tail}`);
  }
  if (hidden > 0) out.push(`    … ${hidden} frame${hidden === 1 ? '' : 's'} in Kiln, React, Vite or Node${thrownIn === null ? '' : `; thrown ${thrownIn}`}`);
  return out.join('\n');
}

interface MappedEntry {
  originalSource?: string;
  originalLine?: number;
  originalColumn?: number;
}

/** A map's source as an absolute path: a file URL, an absolute path, or relative to the code. */
function sourcePath(source: string, generatedFile: string, sourceRoot: string | undefined): string {
  if (source.startsWith('file://')) return fileURLToPath(source);
  if (path.isAbsolute(source)) return source;
  return path.resolve(path.dirname(generatedFile), sourceRoot ?? '', source);
}

/**
 * `in package "x" (node_modules/x/lib.js:2:5), imported by app/page.js` for a frame inside an
 * installed package; null for Kiln's, React's or Node's own frames.
 */
function dependencyFrame(file: string, position: string, root: string, importerOf: ImporterLookup | undefined): string | null {
  const parts = file.split(/[/\\]/);
  const at = parts.lastIndexOf('node_modules');
  if (at === -1 || at + 1 >= parts.length) return null;
  const name = parts[at + 1].startsWith('@') ? parts.slice(at + 1, at + 3).join('/') : parts[at + 1];
  if (/^(react|react-dom|vite|@vitejs\/.*|kilnjs)$/.test(name)) return null;
  const rel = path.relative(root, file);
  const shown = rel.startsWith('..') || path.isAbsolute(rel) ? parts.slice(at).join('/') : rel.split(path.sep).join('/');
  const importer = importerOf?.(file) ?? null;
  return `in package "${name}" (${shown}:${position})${importer === null ? '' : `, imported by ${importer}`}`;
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
