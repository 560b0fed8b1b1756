/** Shared by the PyTorch export tests: exported projects in temporary folders, Python runs, engine runs. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Plan } from '../../../src/compiler/plan';
import { writeCheckpoint } from '../../../src/engine/checkpoint-node';
import type { Engine } from '../../../src/engine/index';
import { missingPythonPackages, pythonCommand, writePytorchProject, type ProjectOptions } from '../../../src/cli/pytorch-project';
import { applyVariant } from '../../../src/graph/variants';
import { lossHistory, planOf } from '../engine/helpers';
import { loadTemplate, templateNames } from '../helpers';

export type Losses = Record<string, number>;

export const TMP = mkdtempSync(join(tmpdir(), 'ganvas-torch-'));

let count = 0;

/** Writes the plan's project into a fresh folder; fails the test on an export problem. */
export async function exportProject(plan: Plan, opts: ProjectOptions = {}): Promise<string> {
  const dir = join(TMP, `project-${++count}`);
  const written = await writePytorchProject(plan, dir, opts);
  if (!written.ok) throw new Error(written.errors.join('\n'));
  return dir;
}

export interface PythonRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs Python in `cwd` (the exported project) with one thread, as the tests' timing-free checks need. */
let checked = false;

export function python(cwd: string, args: string[], env: Record<string, string> = {}): PythonRun {
  if (!checked) {
    const missing = missingPythonPackages();
    if (missing) throw new Error(`the PyTorch export tests need Python with torch and numpy: ${missing} (.ci/run installs Debian's python3-torch)`);
    checked = true;
  }
  const r = spawnSync(pythonCommand(), args, { cwd, encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1', ...env }, maxBuffer: 64 << 20, timeout: 600_000, killSignal: 'SIGKILL' });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function mustRun(cwd: string, args: string[], env: Record<string, string> = {}): string {
  const r = python(cwd, args, env);
  if (r.status !== 0) throw new Error(`python ${args.join(' ')} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** The loss records of a metrics.jsonl, one per logged step. */
export function metricsOf(out: string): { step: number; losses: Losses }[] {
  return readFileSync(join(out, 'metrics.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

/** Runs the exported train.py (or an edited copy) with ganvas's random streams, logging every step; its losses per step. */
export function torchLosses(dir: string, opts: { script?: string; args?: string[]; out?: string } = {}): Losses[] {
  const out = opts.out ?? join(dir, `run-${++count}`);
  mustRun(dir, [opts.script ?? 'train.py', '--rng', 'ganvas', '--every', '1', '--out', out, ...(opts.args ?? [])]);
  return metricsOf(out).map((m) => m.losses);
}

/**
 * The engine's losses for `steps` iterations, one readback per step; with `checkpoints`, its whole
 * state before each iteration k is saved to checkpoints/k (for step-by-step comparisons).
 */
export async function engineLosses(engine: Engine, steps: number, checkpoints?: string): Promise<Losses[]> {
  const out: Losses[] = [];
  for (let k = 0; k < steps; k++) {
    if (checkpoints) {
      mkdirSync(checkpoints, { recursive: true });
      writeCheckpoint(join(checkpoints, String(k)), await engine.saveState());
    }
    out.push(...(await lossHistory(engine, 1)));
  }
  return out;
}

/** The largest relative difference per step over every key of `b`. */
export function relativeDifferences(a: Losses[], b: Losses[]): number[] {
  if (a.length !== b.length) throw new Error(`${a.length} steps against ${b.length}`);
  return b.map((row, i) =>
    Math.max(
      ...Object.keys(row).map((k) => {
        const x = a[i][k];
        if (x === undefined) return Infinity;
        const d = Math.abs(x - row[k]) / Math.max(Math.abs(row[k]), 1e-12);
        return Number.isNaN(d) ? Infinity : d;
      }),
    ),
  );
}

/**
 * Step by step: train.py resumes the engine's state before each iteration k (weights, optimizer
 * slots, random streams) and runs that one iteration; its losses per step, in one Python process.
 */
export function torchLossesFrom(dir: string, checkpoints: string, steps: number, module = 'train'): Losses[] {
  const tag = `${module}-${++count}`;
  const script = [
    'import os, sys',
    'sys.path.insert(0, os.getcwd())',
    `import ${module} as train`,
    `for k in range(${steps}):`,
    `    out = os.path.join(${JSON.stringify(checkpoints)}, "${tag}-%d" % k)`,
    `    train.main(["--resume", os.path.join(${JSON.stringify(checkpoints)}, str(k)), "--stop-at", str(k + 1), "--every", "1", "--rng", "ganvas", "--out", out])`,
  ].join('\n');
  mustRun(dir, ['-c', script]);
  return Array.from({ length: steps }, (_, k) => metricsOf(join(checkpoints, `${tag}-${k}`))[0].losses);
}

/** Every template and each of its variants, as [name, plan at tiny size]. */
export function everyGraph(): [string, Plan][] {
  return templateNames().flatMap((name) => {
    const doc = loadTemplate(name);
    return [[name, planOf(doc, { size: 'tiny' })] as [string, Plan], ...doc.variants.map((v) => [`${name}:${v.id}`, planOf(applyVariant(doc, v.id), { size: 'tiny' })] as [string, Plan])];
  });
}

