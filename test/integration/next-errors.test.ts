/**
 * How a Next.js app fails on Kiln when it uses what Kiln does not provide: the build stops with
 * one catalog message naming the module (or config key) and the file.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { copyFixture, runKiln } from '../helpers/cli.ts';

it('fails the build on a next/* module Kiln does not provide, naming the module and the importer', async () => {
  const app = await copyFixture('next-unsupported');
  const built = await runKiln(['build', app]);
  expect(built.code).toBe(1);
  expect(built.stderr).toContain(
    'error app/page.tsx imports "next/router", which Kiln does not provide. Kiln provides next/cache, next/dynamic, ' +
      'next/font/google, next/font/local, next/head, next/headers, next/image, next/link, next/navigation, next/og, next/script, next/server. ' +
      'Hint: next/router is the Pages Router API; use useRouter, usePathname and useSearchParams from next/navigation.',
  );
});

it('fails the build on a next.config value it cannot honour, naming the file and the key', async () => {
  const app = await copyFixture('next-unsupported');
  await writeFile(path.join(app, 'next.config.mjs'), "export default { basePath: 'docs/' };\n");
  const built = await runKiln(['build', app]);
  expect(built.code).toBe(1);
  expect(built.stderr).toContain(
    'error next.config.mjs: basePath is "docs/" (string); expected a path such as "/docs": starting with "/", not ending with "/", ' +
      'without "?", "#" or dot segments. Hint: Change basePath in next.config.mjs.',
  );
});

it('fails the build on a name a next/* shim does not export, naming it, the file and what the shim has', async () => {
  const app = await copyFixture('next-unsupported');
  await writeFile(
    path.join(app, 'app/page.tsx'),
    "'use client';\nimport { useSelectedLayoutSegment } from 'next/navigation';\n\nexport default function Page() {\n  return <main>{useSelectedLayoutSegment()}</main>;\n}\n",
  );
  const built = await runKiln(['build', app]);
  expect(built.code).toBe(1);
  expect(built.stderr).toContain(
    'error app/page.tsx imports useSelectedLayoutSegment from "next/navigation", which Kiln\'s next/navigation does not provide. ' +
      'It provides ReadonlyURLSearchParams, RedirectType, isNotFoundError, isRedirectError, notFound, permanentRedirect, redirect, ' +
      'useParams, usePathname, useRouter, useSearchParams, useServerInsertedHTML. Hint: Derive the segment from usePathname() in the layout that needs it.',
  );
});

it('builds an app with Server Actions, naming each module that declares them once', async () => {
  const app = await copyFixture('next-real-app');
  await writeFile(path.join(app, 'app/actions.js'), "'use server';\n\nexport async function save(data) {\n  return String(data);\n}\n");
  await writeFile(
    path.join(app, 'app/save-button.js'),
    "'use client';\nimport { save } from './actions.js';\n\nexport default function SaveButton() {\n  return <button onClick={() => save('x')}>save</button>;\n}\n",
  );
  await mkdir(path.join(app, 'app/notes'));
  await writeFile(path.join(app, 'app/notes/page.js'), "import SaveButton from '../save-button.js';\n\nexport default function Notes() {\n  return <SaveButton />;\n}\n");
  const built = await runKiln(['build', app]);
  expect(built.code, built.stderr).toBe(0);
  const warning = 'warning app/actions.js declares Server Actions ("use server"), which Kiln does not run';
  expect(built.stderr.split(warning).length - 1).toBe(1);
  expect(built.stderr).not.toContain('save-button.js declares');
});
