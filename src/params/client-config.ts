/**
 * Segment config of `"use client"` pages and layouts, which counts as for server modules. On the server such a module is a
 * set of client references: its `export const dynamicParams = false` arrives as a stand-in
 * function, not as `false`. As Next.js does, Kiln reads those exports from the module's source
 * instead, which only works for literal values.
 */
import { kilnError } from '../errors.ts';
import type { LoadModule, RouteModule } from './types.ts';

const CLIENT_REFERENCE = Symbol.for('react.client.reference');
const OPTIONS = ['dynamicParams', 'revalidate', 'dynamic'] as const;

/** A stand-in React puts on the server for an export of a `"use client"` module. */
export function isClientReference(value: unknown): boolean {
  return typeof value === 'function' && (value as { $$typeof?: unknown }).$$typeof === CLIENT_REFERENCE;
}

/**
 * The value of `export const <option> = <literal>` in `source`: a boolean, a number (also
 * `Infinity`) or a string; undefined when the module does not export it that way.
 */
export function readSourceExport(file: string, source: string, option: (typeof OPTIONS)[number]): unknown {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '');
  const declaration = new RegExp(`^[ \\t]*export\\s+(?:const|let|var)\\s+${option}\\b(?:\\s*:[^=\\n]+)?\\s*=\\s*([^\\n;]*)`, 'm').exec(code);
  if (declaration === null) return undefined;
  const text = declaration[1].replace(/\/\/.*$/, '').replace(/\s+as\s+const\s*$/, '').trim();
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text === 'Infinity') return Infinity;
  if (/^-?(?:\d[\d_]*)(?:\.\d+)?(?:e[+-]?\d+)?$/i.test(text)) return Number(text.replaceAll('_', ''));
  const quoted = /^(["'`])((?:(?!\1)[^\\]|\\.)*)\1$/.exec(text);
  if (quoted && !(quoted[1] === '`' && quoted[2].includes('${'))) return quoted[2];
  throw kilnError('PARAMS_CLIENT_CONFIG_UNREADABLE', { file, option, value: text });
}

/** Each module object patched once: the dev server tells an edited module by its identity. */
const patched = new WeakMap<RouteModule, Promise<RouteModule>>();

/**
 * `load`, with the segment config exports of `"use client"` modules read from their source
 * (`readSource(file)`, the project-relative file's text). Other modules pass through unchanged.
 */
export function withClientSegmentConfig(load: LoadModule, readSource: (file: string) => Promise<string>): LoadModule {
  return async (file) => {
    const mod = await load(file);
    if (!OPTIONS.some((option) => isClientReference(mod[option]))) return mod;
    let done = patched.get(mod);
    if (done === undefined) {
      done = readSource(file).then((source) => {
        const out: RouteModule = { ...mod };
        for (const option of OPTIONS) {
          if (!isClientReference(mod[option])) continue;
          const value = readSourceExport(file, source, option);
          // Exported some other way (`export { x as revalidate }`): there is no literal to read.
          if (value === undefined) throw kilnError('PARAMS_CLIENT_CONFIG_UNREADABLE', { file, option });
          out[option] = value;
        }
        return out;
      });
      patched.set(mod, done);
      // A failed read is not kept: the next load tries again.
      done.catch(() => patched.delete(mod));
    }
    return done;
  };
}
