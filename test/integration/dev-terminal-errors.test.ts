/**
 * What `kiln dev` prints in the terminal when an edit breaks a page: Kiln's message naming the
 * file, once, without Vite's own "Internal Server Error" report and its internal stack, and
 * without doubled punctuation after a tool's message; a render error at the app's own line.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKiln } from '../helpers/cli.ts';
import { installedFixture, until } from './dev-helpers.ts';

let app: string;
let server: Awaited<ReturnType<typeof startKiln>>;
let original: string;

beforeAll(async () => {
  app = await installedFixture('dev-app');
  original = await readFile(path.join(app, 'app/page.tsx'), 'utf8');
  server = await startKiln(['dev', app, '--port', '0', '--host', '127.0.0.1']);
});

afterAll(async () => {
  expect(await server?.stop()).toBe(0);
});

/**
 * Saves app/page.tsx, then, as a person would, reloads / a moment later until it answers
 * `status` and the terminal shows `shown`; the terminal output since the save. (A request that
 * races the file watcher's notice of a save can leave kiln dev serving the module from before it.)
 */
async function saveAndLoad(source: string, status: number, shown = ''): Promise<string> {
  const from = server.output().length;
  await writeFile(path.join(app, 'app/page.tsx'), source);
  await new Promise((resolve) => setTimeout(resolve, 300));
  await until(`/ to answer ${status}`, async () => {
    const answered = (await fetch(`${server.url}/`)).status;
    return answered === status && server.output().slice(from).includes(shown) ? true : undefined;
  });
  return server.output().slice(from);
}

describe('kiln dev terminal errors', () => {
  it('a syntax error saved into a page prints Kiln\'s message only', async () => {
    expect((await fetch(`${server.url}/`)).status).toBe(200);
    const output = await saveAndLoad('export default function Home() {\n  return <p>hi</p\n}\n', 500, 'PARSE_ERROR');
    const errors = output.split('\n').filter((line) => line.startsWith('error '));
    expect(errors[0]).toBe(
      'error app/page.tsx:3:1 could not be compiled or loaded while serving / (route /): [PARSE_ERROR] Expected `>` ' +
        'but found `}`. Expected a module that compiles and imports. Hint: Fix the error and save the file; the page ' +
        'recovers without restarting kiln dev.',
    );
    expect(output).toContain('3 │ }');
    expect(output).not.toContain('Internal Server Error');
    expect(output).not.toContain('node_modules/vite');
  });

  it('an import of a missing file ends its sentence once', async () => {
    const output = await saveAndLoad('import x from "./nope";\nexport default function Home() {\n  return <p>{x}</p>;\n}\n', 500, './nope');
    expect(output).toContain('Does the file exist? Hint: Fix the error');
    expect(output).not.toMatch(/\?\.|\.\. /);
  });

  it('a page that throws shows its own line, then a hint for kiln dev on a line of its own', async () => {
    const output = await saveAndLoad(
      'export default function Home() {\n  const items: string[] | undefined = undefined;\n  return <p>{items!.length}</p>;\n}\n',
      500,
      'reading \'length\'',
    );
    expect(output).toContain(
      [
        'TypeError: Cannot read properties of undefined (reading \'length\')',
        '    at Home (app/page.tsx:3:21)',
        '    … 9 frames in Kiln, React, Vite or Node',
        'Hint: Fix the component (or the data it reads) and save; the page recovers without restarting kiln dev.',
      ].join('\n'),
    );
  });

  it('recovers once the page is fixed', async () => {
    await saveAndLoad(original, 200);
  });
});
