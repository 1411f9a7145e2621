import { kilnError } from '../errors.ts';

// Directives are string-literal statements before any other code, with only comments between.
const SKIP = /^(?:\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/)/;
// The literal must end its statement: `'use client'.length` is an expression, not a directive.
const DIRECTIVE = /^(["'])((?:(?!\1)[^\\\n]|\\.)*)\1[ \t]*(?:;|\r?\n|$|(?=\/[/*]))/;

/**
 * The directives at the top of a module's source, e.g. `['use client']`. A loaded module no longer
 * shows its directives, so the build reads them from the source text.
 */
export function readDirectives(sourceText: string): string[] {
  const directives: string[] = [];
  let rest = sourceText.replace(/^\uFEFF/, '').replace(/^#![^\n]*/, '');
  for (;;) {
    const skip = SKIP.exec(rest);
    if (skip) {
      rest = rest.slice(skip[0].length);
      continue;
    }
    const directive = DIRECTIVE.exec(rest);
    if (!directive) return directives;
    directives.push(directive[2]);
    rest = rest.slice(directive[0].length);
  }
}

/** Throws PARAMS_CLIENT_MODULE when a `"use client"` module exports generateStaticParams, which runs at build time on the server. */
export function assertNotClientModule(file: string, sourceText: string): void {
  if (!readDirectives(sourceText).includes('use client')) return;
  if (exportsGenerateStaticParams(sourceText)) throw kilnError('PARAMS_CLIENT_MODULE', { file });
}

function exportsGenerateStaticParams(source: string): boolean {
  return (
    /\bexport\s+(?:async\s+)?function\s*\*?\s*generateStaticParams\b/.test(source) ||
    /\bexport\s+(?:const|let|var)\s+generateStaticParams\b/.test(source) ||
    /\bexport\s*\{[^}]*\bgenerateStaticParams\b[^}]*\}/.test(source)
  );
}
