/**
 * Every `next/*` module Kiln provides is typed by the kilnjs/tsconfig preset (types/env.d.ts),
 * in both spellings the build accepts: a shim added without its declaration would build, and
 * then fail `tsc` in every app that imports it.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { providedNextModules } from './paths.ts';

const declared = readFileSync(new URL('../../types/env.d.ts', import.meta.url), 'utf8');

test.each(providedNextModules())('%s has a declaration in types/env.d.ts', (specifier) => {
  expect(declared).toContain(`declare module '${specifier}' {`);
  expect(declared).toContain(`declare module '${specifier}.js' {`);
});
