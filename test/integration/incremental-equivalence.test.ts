/**
 * Incremental builds are byte-identical to cold builds. Two copies of one app get the same
 * random sequence of edits (data files, a folder's contents, fetch responses, a module read at
 * import, pages, layouts, a shared component, next.config); after each edit one copy is rebuilt
 * with its build cache and the other cold (`--force`), and their outputs must match file for
 * file, byte for byte. For data edits the incremental build must also have rendered exactly the
 * pages that read the data and kept the rest, so an incremental build that quietly rendered
 * everything would fail too.
 */
import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { copyFixture, runKiln } from '../helpers/cli.ts';
import { listFiles } from '../../src/build/list-files.ts';

const AUTHORS = { first: 'ada', second: 'grace', third: 'ada', fourth: 'grace' } as const;
type Slug = keyof typeof AUTHORS;
const SLUGS = Object.keys(AUTHORS) as Slug[];

interface Data {
  bios: Record<string, string>;
  tags: string[];
  tagText: Record<string, string>;
}
const data: Data = { bios: { ada: 'counts', grace: 'compiles' }, tags: ['news', 'notes'], tagText: { news: 'what is new', notes: 'short notes', misc: 'the rest' } };
let server: Server;
let dataUrl = '';
let apps: { incremental: string; cold: string };

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = req.url ?? '/';
    const author = /^\/authors\/(\w+)$/.exec(url);
    const tag = /^\/tags\/(\w+)$/.exec(url);
    if (author) res.end(JSON.stringify({ name: author[1], bio: data.bios[author[1]] }));
    else if (url === '/tags') res.end(JSON.stringify(data.tags));
    else if (tag) res.end(data.tagText[tag[1]]);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  dataUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  apps = { incremental: await copyFixture('incremental'), cold: await copyFixture('incremental') };
});

afterAll(async () => {
  server?.close();
  for (const dir of Object.values(apps ?? {})) await rm(dir, { recursive: true, force: true });
});

type Edit =
  | { kind: 'post-body'; slug: Slug; text: string }
  | { kind: 'post-add'; slug: Slug }
  | { kind: 'post-remove'; slug: Slug }
  | { kind: 'draft'; slug: Slug }
  | { kind: 'bio'; author: 'ada' | 'grace'; bio: string }
  | { kind: 'tag-text'; tag: 'news' | 'notes' | 'misc'; text: string }
  | { kind: 'tags'; tags: string[] }
  | { kind: 'about'; text: string }
  | { kind: 'site-name'; name: string }
  | { kind: 'byline'; word: string }
  | { kind: 'post-page'; word: string }
  | { kind: 'layout'; word: string }
  | { kind: 'config'; trailingSlash: boolean; exported: boolean };

const word = fc.constantFrom('alpha', 'beta', 'gamma', 'delta', 'x < y & z', 'naïve');
const slug = fc.constantFrom(...SLUGS);
const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('post-body' as const), slug, text: word }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('post-add' as const), slug }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('post-remove' as const), slug }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('draft' as const), slug }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('bio' as const), author: fc.constantFrom('ada' as const, 'grace' as const), bio: word }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('tag-text' as const), tag: fc.constantFrom('news' as const, 'notes' as const, 'misc' as const), text: word }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('tags' as const), tags: fc.subarray(['news', 'notes', 'misc'], { minLength: 1 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('about' as const), text: word }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('site-name' as const), name: word }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('byline' as const), word }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('post-page' as const), word }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('layout' as const), word }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('config' as const), trailingSlash: fc.boolean(), exported: fc.boolean() }) },
);

const plain = (text: string): string => text.replace(/[^a-z]/g, '');

/** Applies an edit to one copy; returns what the incremental build must render, when that is exact. */
async function apply(dir: string, e: Edit): Promise<{ rendered: number; removed: number } | null> {
  const posts = path.join(dir, 'content/posts');
  const exists = (s: Slug) => existsSync(path.join(posts, `${s}.md`));
  const replaceIn = async (file: string, from: RegExp, to: string) => {
    const full = path.join(dir, file);
    await writeFile(full, (await readFile(full, 'utf8')).replace(from, to));
  };
  switch (e.kind) {
    case 'post-body': {
      const file = path.join(posts, `${e.slug}.md`);
      const before = exists(e.slug) ? await readFile(file, 'utf8') : null;
      const after = `${AUTHORS[e.slug]}\n${e.text}\n`;
      await writeFile(file, after);
      // A new post is a new page, and the home page lists the folder.
      if (before === null) return { rendered: 2, removed: 0 };
      return { rendered: before === after ? 0 : 1, removed: 0 };
    }
    case 'post-add':
      if (exists(e.slug)) return { rendered: 0, removed: 0 };
      await writeFile(path.join(posts, `${e.slug}.md`), `${AUTHORS[e.slug]}\nNew post ${e.slug}.\n`);
      return { rendered: 2, removed: 0 };
    case 'post-remove':
      if (!exists(e.slug)) return { rendered: 0, removed: 0 };
      await rm(path.join(posts, `${e.slug}.md`));
      return { rendered: 1, removed: 1 };
    case 'draft': {
      const marker = path.join(posts, `${e.slug}.draft`);
      if (existsSync(marker)) await rm(marker);
      else await writeFile(marker, '');
      // The post checks for it; the home page lists the folder it is in.
      return { rendered: (exists(e.slug) ? 1 : 0) + 1, removed: 0 };
    }
    case 'about': {
      const file = path.join(dir, 'content/about.txt');
      const same = (await readFile(file, 'utf8')) === `${e.text}\n`;
      await writeFile(file, `${e.text}\n`);
      return { rendered: same ? 0 : 1, removed: 0 };
    }
    case 'site-name':
      await writeFile(path.join(dir, 'content/site.json'), JSON.stringify({ name: e.name }));
      return null;
    case 'byline':
      await replaceIn('components/byline.tsx', /className="byline[^"]*"/, `className="byline ${plain(e.word)}"`);
      return null;
    case 'post-page':
      await replaceIn('app/posts/[slug]/page.tsx', /<h1>.*<\/h1>/, `<h1>${plain(e.word)} {slug}</h1>`);
      return null;
    case 'layout':
      await replaceIn('app/layout.tsx', /<html lang="[^"]*">/, `<html lang="${plain(e.word) || 'en'}">`);
      return null;
    case 'config':
      await writeFile(path.join(dir, 'next.config.mjs'), `export default { trailingSlash: ${e.trailingSlash}${e.exported ? ", output: 'export'" : ''} };\n`);
      return null;
    default:
      return null; // server-side data: applied once, in `step`
  }
}

function applyData(e: Edit): { rendered: number; removed: number } | null {
  switch (e.kind) {
    case 'bio': {
      if (data.bios[e.author] === e.bio) return { rendered: 0, removed: 0 };
      data.bios[e.author] = e.bio;
      return null; // the pages of that author's existing posts: counted by the caller
    }
    case 'tag-text':
      if (data.tagText[e.tag] === e.text) return { rendered: 0, removed: 0 };
      data.tagText[e.tag] = e.text;
      return { rendered: data.tags.includes(e.tag) ? 1 : 0, removed: 0 };
    case 'tags':
      data.tags = e.tags;
      return null;
    default:
      return null;
  }
}

async function build(dir: string, force: boolean): Promise<string> {
  const result = await runKiln(['build', '.', ...(force ? ['--force'] : ['--concurrency', '2'])], { cwd: dir, env: { KILN_TEST_DATA_URL: dataUrl } });
  if (result.code !== 0) throw new Error(`kiln build failed in ${dir}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

async function expectSameOutput(): Promise<void> {
  for (const dir of ['dist', 'out']) await expectSameFolder(dir);
}

async function expectSameFolder(dir: string): Promise<void> {
  const a = path.join(apps.incremental, dir);
  const b = path.join(apps.cold, dir);
  expect(existsSync(a)).toBe(existsSync(b));
  if (!existsSync(b)) return;
  const files = await listFiles(b);
  expect(await listFiles(a)).toEqual(files);
  for (const file of files) {
    const [x, y] = await Promise.all([readFile(path.join(a, file)), readFile(path.join(b, file))]);
    if (!x.equals(y)) expect([file, x.toString('utf8')]).toEqual([file, y.toString('utf8')]);
  }
}

const reportOf = (stdout: string) => {
  const m = /([\d,]+) pages?: ([\d,]+) rendered \(([\d,]+) changed, ([\d,]+) new\), ([\d,]+) removed, ([\d,]+) kept/.exec(stdout);
  if (!m) return null;
  const n = (s: string) => Number(s.replace(/,/g, ''));
  return { rendered: n(m[2]), removed: n(m[5]), kept: n(m[6]) };
};

test('after any sequence of edits, an incremental build equals a cold build of the same sources', { timeout: 600_000 }, async () => {
  await build(apps.incremental, false);
  await build(apps.cold, true);
  await expectSameOutput();
  let keptSomewhere = 0;

  await fc.assert(
    fc.asyncProperty(fc.array(edit, { minLength: 3, maxLength: 4 }), async (edits) => {
      for (const e of edits) {
        let expected = applyData(e);
        if (e.kind === 'bio' && expected === null) {
          const posts = SLUGS.filter((s) => AUTHORS[s] === e.author && existsSync(path.join(apps.cold, 'content/posts', `${s}.md`)));
          expected = { rendered: posts.length, removed: 0 };
        }
        const [local] = await Promise.all([apply(apps.incremental, e), apply(apps.cold, e)]);
        expected ??= local;
        const stdout = await build(apps.incremental, false);
        await build(apps.cold, true);
        await expectSameOutput();
        const report = reportOf(stdout);
        if (expected) {
          // Exactly the pages that read what changed were rendered; everything else was kept.
          expect({ edit: e, rendered: report?.rendered, removed: report?.removed }).toEqual({ edit: e, ...expected });
        }
        keptSomewhere += report?.kept ?? 0;
      }
    }),
    { numRuns: 3, endOnFailure: true },
  );
  expect(keptSomewhere).toBeGreaterThan(0);
});
