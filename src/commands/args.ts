import { parseArgs, type ParseArgsConfig } from 'node:util';
import path from 'node:path';
import { isWholeNumber } from '../errors.ts';
import { nearest } from './nearest.ts';
import { checkProjectFolder } from './project-folder.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses `[dir] [--flags]` for one command. Unknown flags are an error that names the flag and
 * the command, rather than being silently ignored; so is a folder that does not exist.
 */
export function parseCommandArgs<O extends Options>(command: string, args: string[], options: O) {
  const parsed = parseKnownArgs(command, args, options);
  checkProjectFolder(command, parsed.root);
  return parsed;
}

function parseKnownArgs<O extends Options>(command: string, args: string[], options: O) {
  checkOptionNames(command, args, options);
  try {
    const { values, positionals } = parseArgs({
      args,
      options: { ...options, debug: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length > 1) {
      throw new Error(`expected at most one folder, got ${positionals.map((p) => JSON.stringify(p)).join(', ')}`);
    }
    const root = path.resolve(positionals[0] ?? '.');
    return { root, values: values as { [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string } };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError(`kiln ${command}: ${reason}. Run "kiln ${command} --help" for its options.`);
  }
}

/** Parses `<folder>... [--flags]` for a command that takes several folders (`kiln merge`). */
export function parseFoldersArgs<O extends Options>(command: string, args: string[], options: O) {
  checkOptionNames(command, args, options);
  try {
    const { values, positionals } = parseArgs({ args, options: { ...options, debug: { type: 'boolean' } }, allowPositionals: true, strict: true });
    if (positionals.length === 0) throw new Error('expected at least one folder');
    return { folders: positionals, values: values as { [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string } };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError(`kiln ${command}: ${reason}. Run "kiln ${command} --help" for its options.`);
  }
}

/**
 * Refuses an option the command does not have, naming the one the user probably meant (or
 * listing them all), before Node's parser would say it with advice about positional arguments.
 */
function checkOptionNames(command: string, args: string[], options: Options): void {
  const known = [...Object.keys(options), 'debug', 'help'];
  const { tokens } = parseArgs({ args, options, allowPositionals: true, strict: false, tokens: true });
  for (const token of tokens) {
    if (token.kind !== 'option' || known.includes(token.name)) continue;
    const long = token.rawName.startsWith('--');
    const meant = long ? nearest(token.name, Object.keys(options)) : onlyStartingWith(token.name, Object.keys(options));
    const listed = Object.keys(options).map((name) => `--${name}`).join(', ');
    const advice = meant ? `did you mean --${meant}?` : listed ? `its options are ${listed}.` : 'it takes no options.';
    throw new UsageError(`kiln ${command}: unknown option ${token.rawName}; ${advice} Run "kiln ${command} --help" for details.`);
  }
}

/** `-p` for `--port`: the one long option that starts with the letter, if only one does. */
function onlyStartingWith(letter: string, names: string[]): string | null {
  const matches = names.filter((name) => name.startsWith(letter));
  return matches.length === 1 ? matches[0] : null;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

/** A port flag as a number, with a clear error for anything else. */
export function parsePort(command: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!isWholeNumber(port, 0) || port > 65535) {
    throw new UsageError(`kiln ${command}: --port must be a whole number from 0 to 65535, got ${JSON.stringify(value)}.`);
  }
  return port;
}

/** A positive whole number flag, or the fallback. */
export function parseCount(command: string, flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!isWholeNumber(n)) {
    throw new UsageError(`kiln ${command}: --${flag} must be a whole number of at least 1, got ${JSON.stringify(value)}.`);
  }
  return n;
}
