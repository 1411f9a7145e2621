/**
 * One build's use of the build cache. Before rendering it decides whether Vite must run and
 * which recorded inputs changed; for each page the params produce it decides whether the
 * previous output's files can be kept; as pages render it records what each read; once the new
 * output is in place it writes the cache that describes it.
 *
 * A page is kept only when all of these are as they were: the route's code fingerprint (its
 * modules and everything they import, the framework's shared code, the client and SSR bundles,
 * the project's config), the page's params, every file it read, folder it listed and fetch it
 * made, and everything the app's modules read when first imported. Anything else renders.
 */
import { cp, readdir, readFile, rm } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { MANIFEST_FILE } from '../../output/manifest.ts';
import { EXPORT_STAGING_DIR } from '../../output/page-files.ts';
import { kilnError } from '../../errors.ts';
import type { Params, Route } from '../../routing/types.ts';
import { CODE_GRAPH_FILE, type CodeGraph } from '../../vite/bundle-record.ts';
import type { BuildFetch } from '../fetch-cache.ts';
import { bundleDigest } from '../output-digest.ts';
import { listFiles } from '../list-files.ts';
import type { PageOutcome } from '../page-runner.ts';
import { bundleFingerprint, configDigest, type FingerprintContext } from './bundle-fingerprint.ts';
import type { FetchLedger } from './fetch-ledger.ts';
import { pathInputDigest } from './input-digest.ts';
import { inputKind } from './input-keys.ts';
import { createLinker, type Linker } from './linker.ts';
import { readCache, restoreRequest, storeRequest, writeCache, type BundleRecord, type CacheState, type InputRecord, type LoadedCache, type PageRecord } from './state.ts';

export interface IncrementalOptions extends FingerprintContext {
  outDir: string;
  /** With a static export, where it goes: kept pages' exported files come from there. */
  exportDir?: string;
  /** `kiln build --force`: ignore the cache (a new one is still written). */
  force: boolean;
  /** Route patterns whose pages always render. */
  alwaysRebuild: readonly string[];
}

/** What an incremental build did, for the report. */
export interface IncrementalReport {
  /** Why every page rendered, when the cache could not be used. */
  cold?: string;
  /** Vite did not run: no input of the bundle changed. */
  bundleReused: boolean;
  kept: number;
  changed: number;
  added: number;
  removed: number;
}

const SERVER_AND_CLIENT = ['server', 'client'];

export class IncrementalBuild {
  readonly report: IncrementalReport = { bundleReused: false, kept: 0, changed: 0, added: 0, removed: 0 };
  private previous: LoadedCache | null = null;
  private config = '';
  private bundle: BundleRecord | null = null;
  private shared = '';
  private readonly routeCode = new Map<Route, string>();
  /** Previous inputs (by index) found changed. */
  private changedInputs = new Set<number>();
  private moduleLoadChanged = false;
  /** Digests of path inputs looked at in this build. */
  private readonly pathDigests = new Map<string, string>();
  private moduleLoad: string[] = [];
  private readonly records = new Map<string, PageRecord & { inputKeys: string[] }>();
  private seenPrevious = 0;
  private linker: Linker | null = null;
  /** With a cache whose every page must render: how many it had. */
  private renderingAll = 0;
  /** Fingerprints of pages sent to render, by pathname. */
  private readonly rendering = new Map<string, string>();

  private constructor(private readonly options: IncrementalOptions) {}

  static async open(options: IncrementalOptions): Promise<IncrementalBuild> {
    const build = new IncrementalBuild(options);
    build.config = await configDigest(options);
    if (options.force) {
      build.report.cold = '--force';
      return build;
    }
    const loaded = await readCache(options.root);
    if ('missing' in loaded) {
      build.report.cold = loaded.missing;
      return build;
    }
    if (loaded.state.outDir !== options.outDir) {
      build.report.cold = `the build cache describes ${loaded.state.outDir}`;
      return build;
    }
    const manifest = await readFile(path.join(options.outDir, MANIFEST_FILE), 'utf8').then(
      (text) => JSON.parse(text) as { buildId?: string },
      () => null,
    );
    if (manifest?.buildId !== loaded.state.buildId) {
      build.report.cold = manifest ? `${options.outDir} is not the output the build cache describes` : `${options.outDir} is missing`;
      return build;
    }
    build.previous = loaded;
    return build;
  }

  /** True when the previous bundle can be reused: copies it into `staging`. */
  async reuseBundle(staging: string): Promise<boolean> {
    const previous = this.previous?.state.bundle;
    if (!previous) return false;
    if ((await bundleFingerprint(this.options, this.config, previous.inputs)) !== previous.fingerprint) return false;
    // Copies, not links: later steps write into client/ (metadata files), which must not reach the previous output.
    try {
      await Promise.all(previous.files.map((file) => cp(path.join(this.options.outDir, file), path.join(staging, file))));
    } catch {
      await Promise.all(SERVER_AND_CLIENT.map((dir) => rm(path.join(staging, dir), { recursive: true, force: true })));
      return false;
    }
    this.bundle = previous;
    this.report.bundleReused = true;
    return true;
  }

  /** After Vite ran: takes its record of inputs and code out of `staging`. */
  async recordBundle(staging: string): Promise<void> {
    const inputs = new Set<string>();
    for (const name of await readdir(staging)) {
      if (!name.startsWith('.kiln-inputs-')) continue;
      for (const file of JSON.parse(await readFile(path.join(staging, name), 'utf8')) as string[]) inputs.add(file);
      await rm(path.join(staging, name));
    }
    const codeGraph = JSON.parse(await readFile(path.join(staging, CODE_GRAPH_FILE), 'utf8')) as CodeGraph;
    await rm(path.join(staging, CODE_GRAPH_FILE));
    const sorted = [...inputs].sort();
    this.bundle = {
      fingerprint: await bundleFingerprint(this.options, this.config, sorted),
      inputs: sorted,
      bundleId: await bundleDigest(staging, SERVER_AND_CLIENT),
      codeGraph,
      files: (await Promise.all(SERVER_AND_CLIENT.map(async (dir) => (await listFiles(path.join(staging, dir))).map((file) => `${dir}/${file}`)))).flat(),
    };
  }

  get bundleId(): string {
    return this.bundle!.bundleId;
  }

  /**
   * Once the bundle is in `staging`: the shared part of every page's fingerprint, then which
   * recorded inputs changed (each file read once, each fetch sent once through the build's cache,
   * where the pages rendering next find it).
   */
  async prepare(staging: string, fetch: BuildFetch, ledger: FetchLedger): Promise<void> {
    const bundle = this.bundle!;
    // client/ and server/ssr/ hold client components and the document: every page's HTML depends on them.
    const rendered = await bundleDigest(staging, ['client', path.join('server', 'ssr')]);
    const exporting = this.options.exportDir ?? '';
    this.shared = createHash('sha256').update(`${this.config}\0${exporting}\0${bundle.codeGraph.shared}\0${rendered}`).digest('hex');
    const previous = this.previous;
    if (!previous) return;
    if (previous.state.shared !== this.shared) {
      this.report.cold = 'code every page runs changed';
      this.renderingAll = previous.pages.size;
      this.previous = null;
      return;
    }
    const { outDir, exportDir } = this.options;
    const exported = `${EXPORT_STAGING_DIR}/`;
    this.linker = createLinker((file) => (exportDir && file.startsWith(exported) ? path.join(exportDir, file.slice(exported.length)) : path.join(outDir, file)), staging);
    const checks = previous.state.inputs.map(async (input, index) => {
      if (!(await this.unchanged(input, fetch, ledger))) this.changedInputs.add(index);
    });
    await Promise.all(checks);
    this.moduleLoadChanged = previous.state.moduleLoad.some((i) => this.changedInputs.has(i));
  }

  private async unchanged(input: InputRecord, fetch: BuildFetch, ledger: FetchLedger): Promise<boolean> {
    if (inputKind(input.key) !== 'u') return (await this.pathDigest(input.key)) === input.hash;
    if (!input.request) return false;
    const request = restoreRequest(input.request);
    try {
      const response = await fetch.fetch(request.url, { method: request.method, headers: request.headers, body: request.body, redirect: request.redirect, cache: request.cache });
      await response.arrayBuffer();
    } catch {
      return false;
    }
    return ledger.get(input.key)?.hash === input.hash;
  }

  private async pathDigest(key: string): Promise<string> {
    let digest = this.pathDigests.get(key);
    if (digest === undefined) {
      digest = await pathInputDigest(key);
      this.pathDigests.set(key, digest);
    }
    return digest;
  }

  /**
   * Pages of the previous build that will render again because an input of theirs changed
   * (all of them when everything renders); new pages are not known yet.
   */
  pagesToRender(): number {
    const previous = this.previous;
    if (!previous) return this.renderingAll;
    if (this.moduleLoadChanged || this.changedInputs.size === 0) return this.moduleLoadChanged ? previous.pages.size : 0;
    let count = 0;
    for (const record of previous.pages.values()) if (record.inputs.some((i) => this.changedInputs.has(i))) count++;
    return count;
  }

  /** Inputs read while the app's modules were first imported (recorder.ts). */
  setModuleLoadInputs(inputs: string[]): void {
    this.moduleLoad = inputs;
  }

  private fingerprint(route: Route, params: Params): string {
    let code = this.routeCode.get(route);
    if (code === undefined) {
      const modules = this.bundle!.codeGraph.modules;
      const hash = createHash('sha256').update(this.shared);
      for (const file of routeModules(route, Object.keys(modules))) hash.update(`${file}\0${modules[file]}\0`);
      code = hash.digest('hex');
      this.routeCode.set(route, code);
    }
    return createHash('sha256').update(code).update(JSON.stringify(params)).digest('hex').slice(0, 32);
  }

  /**
   * The page as it was, its files linked into the new output, or null when it must render. A
   * page rendered is counted when its outcome is recorded.
   */
  keep(route: Route, routeIndex: number, params: Params, pathname: string): PageOutcome | null {
    const fingerprint = this.fingerprint(route, params);
    if (this.decideKeep(route, fingerprint, pathname)) return this.kept(routeIndex, pathname);
    // Until its outcome comes back: at most the lanes' windows of pages.
    this.rendering.set(pathname, fingerprint);
    return null;
  }

  private decideKeep(route: Route, fingerprint: string, pathname: string): boolean {
    const record = this.previous?.pages.get(pathname);
    if (!record) return false;
    this.seenPrevious++;
    if (this.moduleLoadChanged || this.options.alwaysRebuild.includes(route.pattern)) return false;
    if (record.route !== route.pattern || record.fingerprint !== fingerprint) return false;
    if (record.inputs.some((i) => this.changedInputs.has(i))) return false;
    try {
      return this.linker!.keep(record.files);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw kilnError('BUILD_PAGE_NOT_KEPT', { file: route.file, route: route.pattern, path: pathname, from: this.options.outDir, reason }, { cause: error });
    }
  }

  private kept(routeIndex: number, pathname: string): PageOutcome {
    const previous = this.previous!;
    const record = previous.pages.get(pathname)!;
    const inputKeys = record.inputs.map((i) => previous.state.inputs[i].key);
    this.records.set(pathname, { ...record, inputKeys });
    this.report.kept++;
    const outcome: PageOutcome = { route: routeIndex, pathname, status: record.status as PageOutcome['status'], bytes: record.bytes, digest: record.digest };
    if (record.location !== undefined) outcome.location = record.location;
    if (record.revalidate !== undefined) outcome.revalidate = record.revalidate;
    return outcome;
  }

  /** A page rendered in this build (written or not). */
  record(route: Route, outcome: PageOutcome): void {
    const fingerprint = this.rendering.get(outcome.pathname);
    this.rendering.delete(outcome.pathname);
    if (fingerprint === undefined || outcome.digest === undefined || outcome.files === undefined) return;
    if (this.previous?.pages.has(outcome.pathname)) this.report.changed++;
    else this.report.added++;
    const record: PageRecord & { inputKeys: string[] } = {
      pathname: outcome.pathname,
      route: route.pattern,
      fingerprint,
      inputs: [],
      inputKeys: outcome.inputs ?? [],
      files: outcome.files,
      status: outcome.status,
      bytes: outcome.bytes,
      digest: outcome.digest,
    };
    if (outcome.location !== undefined) record.location = outcome.location;
    if (outcome.revalidate !== undefined) record.revalidate = outcome.revalidate;
    this.records.set(outcome.pathname, record);
  }

  /**
   * Once the new output is in place: the cache that describes it. `listed` says whether a path
   * is in the manifest (a route that bailed out to per-request rendering lists none).
   */
  async save(buildId: string, ledger: FetchLedger, listed: (pathname: string) => boolean): Promise<void> {
    this.report.removed = (this.previous?.pages.size ?? 0) - this.seenPrevious;
    const inputs: InputRecord[] = [];
    const ids = new Map<string, number>();
    const idOf = (key: string): number => {
      let id = ids.get(key);
      if (id === undefined) {
        id = inputs.length;
        ids.set(key, id);
        inputs.push({ key, hash: '' });
      }
      return id;
    };
    const pages: PageRecord[] = [];
    for (const record of this.records.values()) {
      if (!listed(record.pathname)) continue;
      const { inputKeys, ...page } = record;
      page.inputs = inputKeys.map(idOf);
      pages.push(page);
    }
    const moduleLoad = this.moduleLoad.map(idOf);
    await Promise.all(
      inputs.map(async (input) => {
        if (inputKind(input.key) !== 'u') {
          input.hash = await this.pathDigest(input.key);
          return;
        }
        const answered = ledger.get(input.key);
        // A fetch that was never answered cannot be compared: its pages render next time.
        input.hash = answered?.hash ?? '(unanswered)';
        if (answered) input.request = storeRequest(answered.request);
      }),
    );
    const state: Omit<CacheState, 'format'> = { outDir: this.options.outDir, buildId, shared: this.shared, bundle: this.bundle!, inputs, moduleLoad };
    await writeCache(this.options.root, state, pages);
  }
}

/**
 * The app modules a route's pages run: every file of its folders (layouts, templates, loading
 * and error files, metadata images) but other routes' pages and handlers, and its own page.
 */
export function routeModules(route: Route, modules: readonly string[]): string[] {
  const dirs = new Set(route.levels.map((level) => level.dir));
  return modules
    .filter((file) => {
      if (file === route.file) return true;
      const slash = file.lastIndexOf('/');
      if (!dirs.has(file.slice(0, slash))) return false;
      return !/^(page|route|default)\.[^/]+$/.test(file.slice(slash + 1));
    })
    .sort();
}
