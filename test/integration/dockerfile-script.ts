/**
 * Runs a Dockerfile's steps as a script, for machines without a Docker daemon: each stage gets a
 * folder standing for its filesystem root, WORKDIR/COPY/ENV are applied to it, RUN steps run in
 * `sh` there, and the final stage's CMD and HEALTHCHECK can then be started with its ENV. Only
 * the instructions Kiln's example uses are understood; any other one is an error, so the example
 * cannot grow a step this runner would silently skip.
 *
 * The `npm ci` steps are the one thing replaced: kilnjs is not in the registry yet, so instead of
 * installing, a step that would run `npm ci` lays out `node_modules` as npm would for an app that
 * depends on kilnjs, every package a link into this repository's install and `kilnjs` a link to
 * the repository itself (so `npx kiln` finds `node_modules/.bin/kiln`, never the registry).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, stat, symlink } from 'node:fs/promises';
import path from 'node:path';

export interface Instruction {
  keyword: string;
  /** Everything after the keyword, continuation lines joined. */
  args: string;
  line: number;
}

export interface Stage {
  image: string;
  name: string | null;
  instructions: Instruction[];
}

const KNOWN = new Set(['FROM', 'WORKDIR', 'COPY', 'RUN', 'ENV', 'USER', 'EXPOSE', 'HEALTHCHECK', 'CMD']);

/** Splits a Dockerfile into stages of instructions (comments dropped, `\` continuations joined). */
export function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let line = lines[i].trim();
    if (line === '' || line.startsWith('#')) continue;
    while (line.endsWith('\\')) {
      line = `${line.slice(0, -1).trimEnd()} ${lines[++i].trim()}`;
    }
    const match = /^([A-Za-z]+)\s+(.*)$/.exec(line);
    if (!match) throw new Error(`Dockerfile line ${start + 1}: cannot read "${line}"`);
    const keyword = match[1].toUpperCase();
    if (!KNOWN.has(keyword)) throw new Error(`Dockerfile line ${start + 1}: ${keyword} is not understood by the script runner`);
    const instruction = { keyword, args: match[2], line: start + 1 };
    if (keyword === 'FROM') {
      const from = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(instruction.args);
      if (!from) throw new Error(`Dockerfile line ${start + 1}: cannot read FROM ${instruction.args}`);
      stages.push({ image: from[1], name: from[2] ?? null, instructions: [] });
    } else {
      if (stages.length === 0) throw new Error(`Dockerfile line ${start + 1}: ${keyword} before FROM`);
      stages.at(-1)!.instructions.push(instruction);
    }
  }
  return stages;
}

/** `["a", "b"]` exec form, or null for the shell form. */
export function execForm(args: string): string[] | null {
  if (!args.startsWith('[')) return null;
  const parsed: unknown = JSON.parse(args);
  if (!Array.isArray(parsed) || !parsed.every((part) => typeof part === 'string')) throw new Error(`not an exec form: ${args}`);
  return parsed;
}

/** `KEY=value KEY2="two words"` (or the older `KEY value`) into pairs. */
export function parseEnv(args: string): Record<string, string> {
  const env: Record<string, string> = {};
  if (!/^\S+=/.test(args)) {
    const [key, ...rest] = args.split(/\s+/);
    env[key] = rest.join(' ');
    return env;
  }
  for (const m of args.matchAll(/(\S+?)=("(?:[^"\\]|\\.)*"|\S*)/g)) {
    env[m[1]] = m[2].startsWith('"') ? (JSON.parse(m[2]) as string) : m[2];
  }
  return env;
}

/** Leading `--name=value` flags of COPY and HEALTHCHECK, and what follows them. */
export function splitFlags(args: string): { flags: Record<string, string>; rest: string } {
  const flags: Record<string, string> = {};
  let rest = args;
  for (let m = /^--([a-z-]+)=(\S+)\s+/.exec(rest); m; m = /^--([a-z-]+)=(\S+)\s+/.exec(rest)) {
    flags[m[1]] = m[2];
    rest = rest.slice(m[0].length);
  }
  return { flags, rest };
}

export interface HealthCheck {
  command: string[];
  flags: Record<string, string>;
}

export interface FinalStage {
  /** The stage's WORKDIR, as a folder on this machine. */
  workdir: string;
  env: Record<string, string>;
  user: string | null;
  exposed: string[];
  cmd: string[];
  healthcheck: HealthCheck | null;
  /** `--chown` of each COPY into the final stage, by destination. */
  chowns: Record<string, string>;
  /** A command's file: a path inside the stage mapped to its folder here, a bare name kept for PATH. */
  command(file: string): string;
}

export interface RunOptions {
  /** The build context (the app's folder). */
  context: string;
  /** Where the stages' root folders are made. */
  work: string;
  /** This repository: its node_modules and bin/kiln.js stand in for `npm ci`. */
  repoRoot: string;
  /** The environment RUN steps start from, before the stage's ENV. */
  baseEnv: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

/** Runs every stage's WORKDIR, COPY, ENV and RUN steps; returns what the final stage would run. */
export async function runDockerfileSteps(stages: Stage[], options: RunOptions): Promise<FinalStage> {
  const roots = new Map<string, string>();
  let final: FinalStage | null = null;
  for (const [index, stage] of stages.entries()) {
    const root = path.join(options.work, `stage-${index}-${stage.name ?? 'unnamed'}`);
    await mkdir(root, { recursive: true });
    roots.set(stage.name ?? String(index), root);
    roots.set(String(index), root);
    let workdir = '/';
    const env: Record<string, string> = {};
    const local = (p: string) => path.join(root, path.posix.resolve(workdir, p));
    const current: FinalStage = {
      workdir: root,
      env,
      user: null,
      exposed: [],
      cmd: [],
      healthcheck: null,
      chowns: {},
      // Read when the command runs, so WORKDIR is the stage's last one. A path missing from the
      // stage (such as /bin/sh) is the base image's, which this machine stands in for.
      command: (file) => (file.includes('/') && existsSync(local(file)) ? local(file) : file),
    };

    for (const step of stage.instructions) {
      options.log?.(`${step.keyword} ${step.args}`);
      switch (step.keyword) {
        case 'WORKDIR':
          workdir = path.posix.resolve(workdir, step.args);
          await mkdir(local('.'), { recursive: true });
          current.workdir = local('.');
          break;
        case 'ENV':
          Object.assign(env, parseEnv(step.args));
          break;
        case 'USER':
          current.user = step.args;
          break;
        case 'EXPOSE':
          current.exposed.push(...step.args.split(/\s+/));
          break;
        case 'COPY': {
          const { flags, rest } = splitFlags(step.args);
          const parts = execForm(rest) ?? rest.split(/\s+/);
          const dest = parts.pop()!;
          const fromRoot = flags.from ? roots.get(flags.from) : options.context;
          if (!fromRoot) throw new Error(`Dockerfile line ${step.line}: no stage named ${flags.from}`);
          const sources = (await Promise.all(parts.map((src) => expand(fromRoot, src, flags.from !== undefined)))).flat();
          if (sources.length === 0) throw new Error(`Dockerfile line ${step.line}: COPY matched nothing`);
          await copyInto(sources, local(dest), dest.endsWith('/') || dest === '.' || sources.length > 1);
          if (flags.chown) current.chowns[path.posix.resolve(workdir, dest)] = flags.chown;
          break;
        }
        case 'RUN': {
          const command = execForm(step.args)?.join(' ') ?? step.args;
          if (/^npm ci(\s|$)/.test(command)) await linkInstall(local('.'), options.repoRoot);
          else await runStep(command, local('.'), { ...options.baseEnv, ...env }, step.line);
          break;
        }
        case 'HEALTHCHECK': {
          const { flags, rest } = splitFlags(step.args);
          const cmd = /^CMD\s+(.*)$/.exec(rest);
          if (!cmd) throw new Error(`Dockerfile line ${step.line}: HEALTHCHECK without CMD`);
          current.healthcheck = { command: execForm(cmd[1]) ?? ['/bin/sh', '-c', cmd[1]], flags };
          break;
        }
        case 'CMD':
          current.cmd = execForm(step.args) ?? ['/bin/sh', '-c', step.args];
          break;
      }
    }
    final = current;
  }
  if (!final) throw new Error('the Dockerfile has no FROM');
  return final;
}

/** A COPY source: `.` is the whole folder, `*` matches within one file name. */
async function expand(root: string, src: string, absolute: boolean): Promise<string[]> {
  const full = path.join(root, absolute ? src : path.posix.normalize(src));
  const base = path.basename(full);
  if (!base.includes('*')) return [full];
  const pattern = new RegExp(`^${base.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  const dir = path.dirname(full);
  return (await readdir(dir)).filter((name) => pattern.test(name)).map((name) => path.join(dir, name));
}

/** Docker's COPY: a folder's contents go into the destination; links are copied as links. */
async function copyInto(sources: string[], dest: string, intoFolder: boolean): Promise<void> {
  for (const src of sources) {
    const isDir = (await stat(src)).isDirectory();
    const target = isDir || !intoFolder ? dest : path.join(dest, path.basename(src));
    await mkdir(path.dirname(target), { recursive: true });
    await cp(src, target, { recursive: true, verbatimSymlinks: true });
  }
}

/**
 * Stands in for `npm ci`: `node_modules` with every package of this repository's install
 * linked, `kilnjs` linked to the repository, and its `kiln` command in `.bin`.
 */
async function linkInstall(dir: string, repoRoot: string): Promise<void> {
  const modules = path.join(dir, 'node_modules');
  await mkdir(path.join(modules, '.bin'), { recursive: true });
  const own = new Set(['.bin', '.package-lock.json', '.vite', 'kilnjs', 'create-kilnjs']);
  for (const entry of await readdir(path.join(repoRoot, 'node_modules'))) {
    if (!own.has(entry)) await symlink(path.join(repoRoot, 'node_modules', entry), path.join(modules, entry), 'dir');
  }
  await symlink(repoRoot, path.join(modules, 'kilnjs'), 'dir');
  const pkg = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  for (const [name, file] of Object.entries(pkg.bin)) await symlink(path.join(repoRoot, file), path.join(modules, '.bin', name));
}

function runStep(command: string, cwd: string, env: NodeJS.ProcessEnv, line: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', command], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`Dockerfile line ${line}: RUN ${command} exited with ${code}:\n${output}`)),
    );
  });
}
