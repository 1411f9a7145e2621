/**
 * A page that does not compile, or an import that does not resolve, under `kiln build`: the
 * message names the file and line, and the code frames follow without colours or bundler stacks.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixture, runKiln } from '../helpers/cli.ts';

describe('bundle errors under kiln build', () => {
  it('a syntax error names the file and line, then shows its code frame', async () => {
    const app = await copyFixture('basic');
    await writeFile(path.join(app, 'app/page.tsx'), 'export default function Home() {\n  return <p>hi</p\n}\n');
    const result = await runKiln(['build', app]);
    expect(result.code).toBe(1);
    const lines = result.stderr.slice(result.stderr.indexOf('error ')).split('\n');
    expect(lines[0]).toBe(
      'error Vite could not bundle the app: app/page.tsx:3:1: Expected `>` but found `}`. ' +
        'Hint: Fix the import or syntax error shown below; the previous output is untouched.',
    );
    expect(result.stderr).toContain('   3 │ }');
    expect(result.stderr).not.toContain('\u001b[');
    expect(result.stderr).not.toMatch(/Build failed with|node_modules\/(rolldown|vite)/);
  });

  it('unresolved imports name the first and count the others', async () => {
    const app = await copyFixture('basic');
    await writeFile(path.join(app, 'app/page.tsx'), 'import { a } from "./missing-a";\nexport default () => <p>{a}</p>;\n');
    await writeFile(path.join(app, 'app/boom/page.tsx'), 'import { b } from "./missing-b";\nexport default () => <p>{b}</p>;\n');
    const result = await runKiln(['build', app]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^error Vite could not bundle the app: app\/(boom\/)?page\.tsx:1:8: \[UNRESOLVED_IMPORT\] Could not resolve '\.\/missing-[ab]' in .* \(and 1 more error\)\. Hint: /m,
    );
    expect(result.stderr).toContain("Could not resolve './missing-a'");
    expect(result.stderr).toContain("Could not resolve './missing-b'");
    expect(result.stderr).not.toMatch(/node_modules\/(rolldown|vite)/);
  });
});
