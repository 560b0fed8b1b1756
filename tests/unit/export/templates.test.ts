/**
 * Every template and variant exported to PyTorch: the files compile (py_compile), the modules hold
 * exactly the plan's variables in ganvas's shapes, and train.py runs three steps with finite losses
 * and writes a checkpoint. Data sets are cut to a few hundred examples per split to keep this quick.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planVariables } from '../../../src/export/pytorch/weights';
import { everyGraph, exportProject, metricsOf, mustRun } from './helpers';

const DRIVER = [
  'import json, os, sys',
  'sys.path.insert(0, os.getcwd())',
  'import model, train',
  'from ganvas_torch.layers import to_ganvas',
  'names = [[n, list(to_ganvas(t, layout).shape)] for n, t, layout in model.Networks().ganvas_variables()]',
  'print("VARIABLES " + json.dumps(names))',
  'sys.exit(train.main(["--steps", "3", "--every", "1", "--out", "run"]))',
].join('\n');

describe('every template and variant trains in PyTorch', () => {
  it.each(everyGraph())('%s', async (_name, plan) => {
    const dir = await exportProject(plan, { examples: 256 });
    const sources = readdirSync(dir).filter((f) => f.endsWith('.py'));
    mustRun(dir, ['-m', 'py_compile', ...sources, ...readdirSync(join(dir, 'ganvas_torch')).filter((f) => f.endsWith('.py')).map((f) => join('ganvas_torch', f))]);
    const stdout = mustRun(dir, ['-c', DRIVER]);
    const variables = JSON.parse(/^VARIABLES (.*)$/m.exec(stdout)![1]);
    expect(variables).toEqual(planVariables(plan).map((v) => [v.name, v.shape]));
    const metrics = metricsOf(join(dir, 'run'));
    expect(metrics.map((m) => m.step)).toEqual([1, 2, 3]);
    const keys = [...new Set(plan.phases.flatMap((p) => [...p.terms.map((t) => t.loss), p.id]))].sort();
    for (const m of metrics) {
      expect(Object.keys(m.losses).sort()).toEqual(keys);
      for (const [k, v] of Object.entries(m.losses)) expect(Number.isFinite(v), `${k} at step ${m.step}: ${v}`).toBe(true);
    }
    expect(existsSync(join(dir, 'run', 'checkpoint', 'manifest.json'))).toBe(true);
    expect(existsSync(join(dir, 'run', 'checkpoint.ganvas-ckpt'))).toBe(true);
  });
});
