/**
 * The sharded-build examples the README points to: examples/github-actions/kiln-sharded.yml (a
 * matrix of build jobs, their artifacts, one merge job) and examples/kubernetes/ (an Indexed Job
 * and the merge Job). Each must parse, use only flags the commands document, agree with itself
 * (the shard count, the folders one step writes and the next reads), and its commands, run as
 * the CI system or Kubernetes would run them, must give the one-machine build.
 */
import { exec as execCallback } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command as buildCommand } from '../../src/commands/build.ts';
import { command as mergeCommand } from '../../src/commands/merge.ts';
import { copyFixture, kilnBin, repoRoot, runKiln } from '../helpers/cli.ts';
import { parseYamlDocuments } from '../helpers/yaml-subset.ts';

const exec = promisify(execCallback);

type Tree = Record<string, unknown>;
const at = (value: unknown, ...keys: Array<string | number>): unknown =>
  keys.reduce<unknown>((v, k) => (v === null || v === undefined ? undefined : (v as Tree)[k as string]), value);

async function readYaml(file: string): Promise<unknown[]> {
  return parseYamlDocuments(await readFile(path.join(repoRoot, 'examples', file), 'utf8'));
}

/** Every `kiln <command> …` in a shell line, with its flags. */
function kilnCalls(shell: string): Array<{ command: string; flags: string[]; line: string }> {
  return [...shell.matchAll(/\bkiln (\w+)([^\n;&|]*)/g)].map((m) => ({
    command: m[1],
    flags: [...m[2].matchAll(/(?:^|\s)(--[\w-]+)/g)].map((f) => f[1]),
    line: m[0],
  }));
}

function expectDocumentedFlags(shell: string): void {
  const usage: Record<string, string> = { build: buildCommand.usage, merge: mergeCommand.usage };
  const calls = kilnCalls(shell);
  expect(calls.length).toBeGreaterThan(0);
  for (const call of calls) {
    expect(Object.keys(usage), call.line).toContain(call.command);
    for (const flag of call.flags) expect(usage[call.command], `${flag} in "${call.line}"`).toMatch(new RegExp(`^\\s+${flag}\\b`, 'm'));
  }
}

/** A shell line as a runner would run it here: this repository's kiln for `npx kiln`. */
function local(shell: string): string {
  return shell.replaceAll('npx kiln', `"${process.execPath}" "${kilnBin}"`);
}

let app: string;
let wholeManifest: string;

beforeAll(async () => {
  app = await copyFixture('sharded');
  const whole = await runKiln(['build', app, '--out', 'whole']);
  expect(whole.code, whole.stderr).toBe(0);
  wholeManifest = await readFile(path.join(app, 'whole', 'manifest.json'), 'utf8');
}, 60_000);

afterAll(async () => {
  if (app) await rm(app, { recursive: true, force: true });
});

describe('examples/github-actions/kiln-sharded.yml', () => {
  it('is a matrix of build jobs with an artifact each, then one merge job, using documented flags', async () => {
    const [workflow] = await readYaml('github-actions/kiln-sharded.yml');
    const build = at(workflow, 'jobs', 'build');
    const merge = at(workflow, 'jobs', 'merge');
    const shards = at(build, 'strategy', 'matrix', 'shard') as number[];
    expect(shards).toEqual(Array.from({ length: shards.length }, (_, i) => i + 1));
    expect(shards.length).toBeGreaterThan(1);

    const steps = at(build, 'steps') as Tree[];
    const buildRun = steps.map((s) => s.run).find((r) => typeof r === 'string' && r.includes('kiln build')) as string;
    expect(buildRun).toContain('--shard ${{ matrix.shard }}/${{ strategy.job-total }}');
    const out = /--out (.+?)\s*$/m.exec(buildRun)![1];
    const upload = steps.find((s) => String(s.uses).startsWith('actions/upload-artifact@'))!;
    expect(at(upload, 'with', 'path')).toBe(out);
    const artifact = at(upload, 'with', 'name') as string;
    expect(artifact).toContain('${{ matrix.shard }}');
    expect(at(build, 'env', 'KILN_BUILD_RUN')).toContain('${{ github.run_id }}');

    expect(at(merge, 'needs')).toBe('build');
    const mergeSteps = at(merge, 'steps') as Tree[];
    const download = mergeSteps.find((s) => String(s.uses).startsWith('actions/download-artifact@'))!;
    const pattern = at(download, 'with', 'pattern') as string;
    expect(artifact.replace('${{ matrix.shard }}', '*')).toBe(pattern);
    const mergeRun = mergeSteps.map((s) => s.run).find((r) => typeof r === 'string' && r.includes('kiln merge')) as string;
    expect(mergeRun).toContain(`kiln merge ${at(download, 'with', 'path')}/${pattern}`);

    expectDocumentedFlags(`${buildRun}\n${mergeRun}`);
  });

  it('gives the one-machine build when its steps run as the runner runs them', async () => {
    const [workflow] = await readYaml('github-actions/kiln-sharded.yml');
    const shards = at(workflow, 'jobs', 'build', 'strategy', 'matrix', 'shard') as number[];
    const steps = at(workflow, 'jobs', 'build', 'steps') as Tree[];
    const buildRun = steps.map((s) => s.run).find((r) => typeof r === 'string' && r.includes('kiln build')) as string;
    const artifact = at(steps.find((s) => String(s.uses).startsWith('actions/upload-artifact@')), 'with', 'name') as string;
    const out = /--out (.+?)\s*$/m.exec(buildRun)![1];
    const gh = await import('node:fs/promises');
    for (let i = 0; i < shards.length; i += 2) {
      await Promise.all(
        shards.slice(i, i + 2).map(async (shard) => {
          const expand = (text: string): string => text.replaceAll('${{ matrix.shard }}', String(shard)).replaceAll('${{ strategy.job-total }}', String(shards.length));
          await exec(local(expand(buildRun)), { cwd: app, env: { ...process.env, CI: '1' } });
          // What download-artifact does: each artifact into <path>/<name>/.
          await gh.mkdir(path.join(app, 'downloaded'), { recursive: true });
          await gh.rename(path.join(app, expand(out)), path.join(app, 'downloaded', expand(artifact)));
        }),
      );
    }
    const mergeRun = (at(workflow, 'jobs', 'merge', 'steps') as Tree[]).map((s) => s.run).find((r) => typeof r === 'string' && r.includes('kiln merge')) as string;
    await exec(local(mergeRun.replace(/\bshards\//, 'downloaded/')), { cwd: app, env: { ...process.env, CI: '1' } });
    const outDir = /--out (.+?)\s*$/m.exec(mergeRun)![1];
    expect(await readFile(path.join(app, outDir, 'manifest.json'), 'utf8')).toBe(wholeManifest);
  }, 120_000);
});

describe('examples/kubernetes', () => {
  it('is an Indexed Job whose shard count and KILN_SHARDS agree, then a merge Job, using documented flags', async () => {
    const [job] = await readYaml('kubernetes/kiln-build-job.yaml');
    const [mergeJob] = await readYaml('kubernetes/kiln-merge-job.yaml');
    for (const doc of [job, mergeJob]) {
      expect(at(doc, 'apiVersion')).toBe('batch/v1');
      expect(at(doc, 'kind')).toBe('Job');
      expect(at(doc, 'spec', 'template', 'spec', 'restartPolicy')).toBe('Never');
    }
    expect(at(job, 'spec', 'completionMode')).toBe('Indexed');
    const container = at(job, 'spec', 'template', 'spec', 'containers', 0) as Tree;
    const env = Object.fromEntries((container.env as Tree[]).map((e) => [e.name, e.value ?? e.valueFrom]));
    expect(Number(env.KILN_SHARDS)).toBe(at(job, 'spec', 'completions'));
    expect(env.KILN_BUILD_RUN).toEqual({ fieldRef: { fieldPath: "metadata.labels['batch.kubernetes.io/controller-uid']" } });
    const buildShell = (container.command as string[]).at(-1)!;
    expect(buildShell).toContain('$JOB_COMPLETION_INDEX');
    expect(buildShell).not.toContain('--shard');

    const mergeContainer = at(mergeJob, 'spec', 'template', 'spec', 'containers', 0) as Tree;
    const mergeShell = (mergeContainer.command as string[]).at(-1)!;
    // Both mount the same claim where the shards go.
    const mount = at(container, 'volumeMounts', 0, 'mountPath') as string;
    expect(at(mergeContainer, 'volumeMounts', 0, 'mountPath')).toBe(mount);
    expect(at(job, 'spec', 'template', 'spec', 'volumes', 0, 'persistentVolumeClaim', 'claimName')).toBe(
      at(mergeJob, 'spec', 'template', 'spec', 'volumes', 0, 'persistentVolumeClaim', 'claimName'),
    );
    expect(buildShell).toContain(`--out ${mount}/`);
    expect(mergeShell).toContain(`kiln merge ${mount}/`);
    expectDocumentedFlags(`${buildShell}\n${mergeShell}`);
  });

  it('gives the one-machine build when its pods run as Kubernetes runs them', async () => {
    const [job] = await readYaml('kubernetes/kiln-build-job.yaml');
    const [mergeJob] = await readYaml('kubernetes/kiln-merge-job.yaml');
    const container = at(job, 'spec', 'template', 'spec', 'containers', 0) as Tree;
    const mount = at(container, 'volumeMounts', 0, 'mountPath') as string;
    const shards = path.join(app, 'volume');
    const onVolume = (shell: string): string => local(shell).replaceAll(`${mount}/`, `${shards}/`);
    const [shell, ...args] = container.command as string[];
    expect([shell, args[0]]).toEqual(['sh', '-c']);
    const completions = at(job, 'spec', 'completions') as number;
    for (let i = 0; i < completions; i += 2) {
      await Promise.all(
        Array.from({ length: Math.min(2, completions - i) }, (_, k) =>
          exec(onVolume(args[1]), {
            cwd: app,
            // Only the plain values: Redis is optional, and the test has none.
            env: { ...process.env, CI: '1', KILN_SHARDS: String(completions), JOB_COMPLETION_INDEX: String(i + k) },
          }),
        ),
      );
    }
    const mergeShell = (at(mergeJob, 'spec', 'template', 'spec', 'containers', 0, 'command') as string[]).at(-1)!;
    await exec(onVolume(mergeShell), { cwd: app, env: { ...process.env, CI: '1' } });
    const outDir = /--out (.+?)\s*$/m.exec(mergeShell)![1].replace(`${mount}/`, `${shards}/`);
    expect(await readFile(path.join(outDir, 'manifest.json'), 'utf8')).toBe(wholeManifest);
  }, 120_000);
});
