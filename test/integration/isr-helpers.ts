/**
 * Shared by the ISR integration tests: builds `test/fixtures/isr` once per test file, with its
 * data file and call log in a temporary folder, and starts `kiln start`'s server over it on a
 * clock the test moves.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type BuildResult } from '../../src/build/index.ts';
import type { Manifest } from '../../src/output/manifest.ts';
import { onDemandOf, startServer, type IsrOptions, type RunningServer } from '../../src/server/index.ts';

export const fixtureRoot = path.resolve(import.meta.dirname, '../fixtures/isr');

export interface IsrFixture {
  dir: string;
  outDir: string;
  result: BuildResult;
  /** Sets what the fixture's data source returns ("throw" makes it fail). */
  setData(text: string): Promise<void>;
  /** Lines of the call log starting with `prefix`: `gsp posts`, `render /posts/1`, … */
  count(prefix: string): Promise<number>;
  cleanup(): Promise<void>;
}

export async function buildIsrFixture(name: string): Promise<IsrFixture> {
  const dir = await mkdtemp(path.join(tmpdir(), `kiln-${name}-`));
  const dataFile = path.join(dir, 'data.txt');
  const counterFile = path.join(dir, 'calls.log');
  process.env.KILN_ISR_DATA = dataFile;
  process.env.KILN_ISR_COUNTER = counterFile;
  await writeFile(dataFile, 'v1');
  await writeFile(counterFile, '');
  const outDir = path.join(dir, 'dist');
  const result = await build({ root: fixtureRoot, outDir, log: () => {} });
  return {
    dir,
    outDir,
    result,
    setData: (text) => writeFile(dataFile, text),
    async count(prefix) {
      const lines = (await readFile(counterFile, 'utf8')).split('\n');
      return lines.filter((line) => line === prefix).length;
    },
    async cleanup() {
      delete process.env.KILN_ISR_DATA;
      delete process.env.KILN_ISR_COUNTER;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface TestServer {
  running: RunningServer;
  clock: { now: number };
  errors: Error[];
  logs: string[];
  get(pathname: string, init?: RequestInit): Promise<Answer>;
  /** Waits for background regenerations. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface Answer {
  status: number;
  text: string;
  cache: string | null;
  cacheControl: string | null;
  type: string | null;
}

export async function startTestServer(outDir: string, isr: IsrOptions = {}, clock = { now: Date.now() }): Promise<TestServer> {
  const errors: Error[] = [];
  const logs: string[] = [];
  const running = await startServer({
    outDir,
    port: 0,
    host: '127.0.0.1',
    onError: (error) => errors.push(error as Error),
    isr: { now: () => clock.now, log: (level, message) => logs.push(`${level} ${message}`), ...isr },
  });
  return {
    running,
    clock,
    errors,
    logs,
    async get(pathname, init) {
      const response = await fetch(`${running.url}${pathname}`, init);
      return {
        status: response.status,
        text: await response.text(),
        cache: response.headers.get('x-kiln-cache'),
        cacheControl: response.headers.get('cache-control'),
        type: response.headers.get('content-type'),
      };
    },
    idle: () => onDemandOf(running.handler)!.idle(),
    close: () => running.close(),
  };
}

/** The text of the fixture's one paragraph (`post 1 data v1`), tags and React's separators removed. */
export function shown(html: string): string {
  const m = /<p id="[a-z-]+">([\s\S]*?)<\/p>/.exec(html);
  return m ? m[1].replace(/<!-- -->/g, '') : `(no paragraph in ${html.slice(0, 80)}…)`;
}
