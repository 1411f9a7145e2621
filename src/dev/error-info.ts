/**
 * What `kiln dev` shows of a failed request, in the browser and in the terminal: the catalog
 * message (which names the file and the route), and, when the user's code is at fault, its
 * code frame and stack. Errors from Kiln's layers are already catalog errors; anything else (a
 * module that does not compile, an error thrown before a route was matched) is wrapped in one.
 */
import path from 'node:path';
import { hasCode, isKilnError, kilnError, reviveError, type KilnError } from '../errors.ts';
import type { DevErrorInfo } from '../render/dev-error.ts';

export type { DevErrorInfo };

export interface ErrorContext {
  root: string;
  pathname: string;
  route: string | null;
  /** Maps a user's stack back to the source and drops frames outside the app. */
  cleanStack?: (stack: string) => string;
}

/** Where a compile error happened, as Vite and its transformers report it. */
interface CompileDetails {
  /** Absolute file, possibly with a query. */
  id?: string;
  line?: number;
  /** 0-based. */
  column?: number;
  frame?: string;
  /** The first line of the transformer's own message. */
  reason?: string;
}

export function describeError(error: unknown, ctx: ErrorContext): DevErrorInfo {
  let known = asKilnError(error, ctx);
  const cause = known.cause ?? error;
  const compile = compileDetails(cause) ?? compileDetails(error);
  const clean = ctx.cleanStack ?? ((stack: string) => stack);
  // A compile error's stack is the compiler's; its frame is what the user needs.
  let stack = !compile && cause instanceof Error && cause !== known && cause.stack ? stripAnsi(clean(cause.stack)) : null;
  if (hasCode(known, 'RENDER_FAILED') && typeof known.details.stack === 'string') {
    // The render layer puts the stack into its message: rebuild it with the readable one, once.
    known = kilnError('RENDER_FAILED', { ...known.details, stack: stack ?? clean(known.details.stack), dev: true }, { cause });
    stack = null;
  }
  const file = typeof known.details.file === 'string' ? known.details.file : null;
  const route = typeof known.details.route === 'string' && known.details.route !== '(not found)' ? known.details.route : ctx.route;
  return {
    code: known.code,
    message: known.message,
    file,
    route,
    pathname: ctx.pathname,
    frame: compile?.frame ?? null,
    stack,
  };
}

function asKilnError(thrown: unknown, ctx: ErrorContext): KilnError {
  let error = reviveError(thrown);
  if (isKilnError(error)) {
    if (error.code !== 'RENDER_FAILED') return error;
    // Loading a module for the render failed: the catalog error a check threw while compiling
    // it, or the compile error itself, says more than that rendering failed.
    const inner = reviveError(error.cause);
    if (isKilnError(inner)) return inner;
    if (!compileDetails(error.cause)) return error;
    error = error.cause;
  }
  const message = error instanceof Error ? error.message : String(error);
  const compile = compileDetails(error);
  if (compile) {
    const details = {
      file: compile.id === undefined ? '(unknown file)' : projectRelative(compile.id.replace(/[?#].*$/, ''), ctx.root),
      loc: compile.line === undefined ? undefined : `${compile.line}:${(compile.column ?? 0) + 1}`,
      route: ctx.route ?? undefined,
      path: ctx.pathname,
      reason: compile.reason ?? stripAnsi(firstLine(message)),
    };
    return kilnError('DEV_MODULE_FAILED', details, { cause: error });
  }
  return kilnError('DEV_REQUEST_FAILED', { route: ctx.route ?? undefined, path: ctx.pathname, reason: stripAnsi(message) }, { cause: error });
}

/**
 * Vite marks a failed transform with the plugin and module id; Oxc lists its diagnostics in
 * `errors`, each with a location and a message that holds the code frame. Null for other errors.
 */
function compileDetails(error: unknown): CompileDetails | null {
  if (typeof error !== 'object' || error === null) return null;
  const e = error as { id?: unknown; plugin?: unknown; loc?: unknown; frame?: unknown; errors?: unknown };
  const first = Array.isArray(e.errors) ? (e.errors.find((x) => typeof x === 'object' && x !== null) as typeof e | undefined) : undefined;
  if (typeof e.plugin !== 'string' && typeof e.frame !== 'string' && !isLoc(e.loc) && !first) return null;
  const loc = isLoc(e.loc) ? e.loc : isLoc(first?.loc) ? first.loc : undefined;
  const id = typeof loc?.file === 'string' ? loc.file : typeof e.id === 'string' ? e.id : typeof first?.id === 'string' ? first.id : undefined;
  const details: CompileDetails = {};
  if (id !== undefined) details.id = id;
  if (typeof loc?.line === 'number') details.line = loc.line;
  if (typeof loc?.column === 'number') details.column = loc.column;
  const firstMessage = typeof (first as { message?: unknown } | undefined)?.message === 'string' ? stripAnsi((first as { message: string }).message) : undefined;
  if (typeof e.frame === 'string') details.frame = stripAnsi(e.frame);
  else if (firstMessage?.includes('\n')) details.frame = firstMessage.slice(firstMessage.indexOf('\n') + 1).replace(/\s+$/, '');
  if (firstMessage) details.reason = firstLine(firstMessage);
  return details;
}

function isLoc(value: unknown): value is { file?: unknown; line?: unknown; column?: unknown } {
  return typeof value === 'object' && value !== null && typeof (value as { line?: unknown }).line === 'number';
}

function projectRelative(file: string, root: string): string {
  const rel = path.relative(root, file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel.split(path.sep).join('/');
}

function firstLine(text: string): string {
  const end = text.indexOf('\n');
  return end === -1 ? text : text.slice(0, end);
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}
