/**
 * The speed bench's PyTorch replica (tests/bench/torch_plan.py) runs every plan the bench
 * compares — a template it cannot build leaves that ratio unmeasured — and refuses a plan feature
 * it would otherwise drop (the comparison would be unfair), naming it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { missingPythonPackages, pythonCommand } from '../../../src/cli/pytorch-project';
import type { Plan } from '../../../src/compiler/plan';
import { SPEED_TEMPLATES } from '../../bench/speed-templates';
import { planOf } from '../engine/helpers';

const SCRIPT = fileURLToPath(new URL('../../bench/torch_plan.py', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'ganvas-torch-plan-'));

/** Starts the replica on `plan`, asks for two iterations, and returns its answer lines and errors. */
function replica(name: string, plan: Plan): { lines: string[]; stderr: string; status: number | null } {
  const missing = missingPythonPackages();
  if (missing) throw new Error(`the replica needs Python with torch: ${missing} (.ci/run installs Debian's python3-torch)`);
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify(plan));
  const r = spawnSync(pythonCommand(), [SCRIPT, path, '1'], {
    input: 'run 2\nquit\n',
    encoding: 'utf8',
    env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' },
    timeout: 300_000,
    killSignal: 'SIGKILL',
  });
  if (r.error) throw r.error;
  return { lines: r.stdout.trim().split('\n').filter(Boolean), stderr: r.stderr, status: r.status };
}

describe('the speed bench’s PyTorch replica', () => {
  it.each(SPEED_TEMPLATES)('trains %s’s plan', (name) => {
    const r = replica(name, planOf(name, { size: 'tiny' }));
    expect(r.stderr.split('\n').filter((l) => /Error/.test(l))).toEqual([]);
    expect(r.status).toBe(0);
    const ready = JSON.parse(r.lines[0]) as { ready: boolean; threads: number; parameters: number };
    expect(ready.ready).toBe(true);
    expect(ready.threads).toBe(1);
    expect(ready.parameters).toBeGreaterThan(0);
    const timing = JSON.parse(r.lines[1]) as { cpu_ms: number; wall_ms: number };
    expect(timing.cpu_ms).toBeGreaterThan(0);
    expect(timing.wall_ms).toBeGreaterThan(0);
  });

  it('refuses gradient clipping and a term schedule, naming the phase and the term', () => {
    const plan = planOf('gan-2d', { size: 'tiny' });
    const phase = plan.phases[0];
    const clipped = { ...plan, phases: [{ ...phase, clipNorm: 1 }, ...plan.phases.slice(1)] };
    const r = replica('clipped', clipped);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(`phase ${phase.id}: no PyTorch counterpart in this bench for clipNorm`);
    const term = phase.terms[0];
    const scheduled = { ...plan, phases: [{ ...phase, terms: [{ ...term, schedule: { type: 'linear', from: 0, to: 1, start: 0, end: 10, unit: 'steps' } }, ...phase.terms.slice(1)] }, ...plan.phases.slice(1)] } as unknown as Plan;
    expect(replica('scheduled', scheduled).stderr).toContain(`schedule of term ${term.loss}`);
  });
});
