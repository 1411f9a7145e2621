import { describe, expect, test } from 'vitest';
import { kilnOutputFolders, skipRules } from './tailwind-skip-output.ts';
import { dependsOnTailwind4, majorOf } from './app-css.ts';

describe('kilnOutputFolders', () => {
  test('the default output, export, dev cache and staging folders', () => {
    expect(kilnOutputFolders()).toEqual(['dist', 'out', '.kiln', '.*.kiln-*']);
  });

  test('a build into a staging folder also keeps the final folder it replaces out', () => {
    expect(kilnOutputFolders('/app/.build.kiln-0a1b2c3d', '/app')).toEqual(['dist', 'out', '.kiln', '.*.kiln-*', 'build']);
    expect(kilnOutputFolders('site/public-out', '/app')).toContain('site/public-out');
    expect(kilnOutputFolders('/elsewhere/dist', '/app')).toEqual(['dist', 'out', '.kiln', '.*.kiln-*']);
  });
});

describe('skipRules', () => {
  test('paths relative to the stylesheet, as `@source` reads them', () => {
    expect(skipRules('/app', '/app/app/globals.css', ['dist', '.kiln'])).toEqual(['not "../dist"', 'not "../.kiln"']);
    expect(skipRules('/app', '/app/styles.css', ['dist'])).toEqual(['not "./dist"']);
    expect(skipRules('/app', '/app/src/styles/main.css', ['dist'])).toEqual(['not "../../dist"']);
  });
});

describe('Tailwind 4 detection', () => {
  test.each([
    ['^4', 4],
    ['4.1.3', 4],
    ['~4.0.0', 4],
    ['>=4.1', 4],
    ['^3.4.1', 3],
    ['latest', null],
  ])('majorOf(%s) is %s', (range, major) => {
    expect(majorOf(range)).toBe(major);
  });

  test('an app without tailwindcss in its package.json does not get it', () => {
    expect(dependsOnTailwind4('/nonexistent-app')).toBe(false);
  });
});
