/**
 * A page or generateStaticParams that throws during `kiln build`: the stack is printed once,
 * mapped to the app's own file and line (not the deleted bundle), with the hint on its own line.
 */
import { describe, expect, it } from 'vitest';
import { copyFixture, runKiln } from '../helpers/cli.ts';

describe('errors from app code during kiln build', () => {
  it('a render error shows the page\'s source line once, then the hint on its own line', async () => {
    const app = await copyFixture('basic');
    const result = await runKiln(['build', app], { env: { KILN_TEST_BOOM: 'at build' } });
    expect(result.code).toBe(1);
    const error = result.stderr.slice(result.stderr.indexOf('error '));
    expect(error).toBe(
      [
        'error Rendering /boom (route /boom) failed in app/boom/page.tsx: kaboom at build.',
        'Component stack:',
        '    at Boom (app/boom/page.tsx)',
        '    at Layout (app/layout.tsx)',
        'Error stack:',
        'Error: kaboom at build',
        '    at Boom (app/boom/page.tsx:3:41)',
        '    … 9 frames in Kiln, React, Vite or Node',
        'Hint: Fix the component (or the data it reads); a failed build leaves the previous output untouched.',
        '',
      ].join('\n'),
    );
  });

  it('a generateStaticParams error shows each app frame at its source line', async () => {
    const app = await copyFixture('throwing-params');
    const result = await runKiln(['build', app]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('threw: database is down.');
    expect(result.stderr).toMatch(/ {6}at loadIds \(app\/items\/\[id\]\/page\.tsx:3:9\)\n {6}at generateStaticParams \(app\/items\/\[id\]\/page\.tsx:7:21\)\n/);
    expect(result.stderr).not.toContain('.kiln-');
    expect(result.stderr.match(/database is down/g)).toHaveLength(2);
  });
});
