/**
 * The PyTorch side from the command line: `ganvas train --engine torch`, weights from a ganvas
 * checkpoint into an export (and on), train.py refusing a checkpoint of other shapes, and the
 * message when Python has no torch.
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import * as tf from '@tensorflow/tfjs';
import { writeCheckpoint } from '../../../src/engine/checkpoint-node';
import { engineOf, planOf } from '../engine/helpers';
import { engineLosses, exportProject, metricsOf, python, relativeDifferences, TMP, type Losses } from './helpers';

async function cli(args: string[], env: Record<string, string> = {}) {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  const out: string[] = [];
  const err: string[] = [];
  try {
    const code = await main(args, { log: (l) => out.push(l), error: (l) => err.push(l) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('ganvas train --engine torch', () => {
  it('trains the graph with PyTorch and writes what ganvas train writes', async () => {
    const out = join(TMP, 'engine-torch');
    const r = await cli(['train', 'gan-2d', '--engine', 'torch', '--size', 'tiny', '--steps', '4', '--every', '2', '--out', out]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/training "GAN on a 2-D mixture" \(batch 8\) on torch-cpu: steps 1–4/);
    expect(metricsOf(out).map((m) => m.step)).toEqual([2, 4]);
    expect(existsSync(join(out, 'checkpoint', 'manifest.json'))).toBe(true);
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'))).toMatchObject({ status: 'done', steps: 4, backend: 'torch-cpu' });
    // ganvas reads the checkpoint PyTorch wrote.
    const evaluated = await cli(['eval', 'gan-2d', '--checkpoint', out]);
    expect(evaluated.code, evaluated.err).toBe(0);
    expect(JSON.parse(evaluated.out)).toMatchObject({ step: 4, size: 'tiny' });
  });

  it('says which package is missing when Python has no torch (exit 2)', async () => {
    const fake = join(TMP, 'python-without-torch');
    // The same interpreter without its site packages, where Debian keeps torch and numpy.
    writeFileSync(fake, `#!/bin/sh\nexec /usr/bin/python3 -S "$@"\n`);
    chmodSync(fake, 0o755);
    const r = await cli(['train', 'gan-2d', '--engine', 'torch', '--size', 'tiny'], { GANVAS_PYTHON: fake });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cannot train with PyTorch: .*python-without-torch has no torch and no numpy package/);
  });
});

describe('weights between the engines', () => {
  it('an export from a ganvas checkpoint continues that run: weights, optimizer state and streams', async () => {
    const steps = 12;
    const plan = planOf('gan-2d', { size: 'tiny', steps });
    const engine = await engineOf(plan, 'cpu');
    const checkpoint = join(TMP, 'ganvas-step-6');
    let rest: Losses[];
    try {
      await engineLosses(engine, 6);
      writeCheckpoint(checkpoint, await engine.saveState());
      rest = await engineLosses(engine, 6);
    } finally {
      engine.dispose();
    }
    const project = join(TMP, 'from-checkpoint');
    const exported = await cli(['export', 'torch', 'gan-2d', '--size', 'tiny', '--steps', String(steps), '--weights', checkpoint, '--out', project]);
    expect(exported.code, exported.err).toBe(0);
    expect(readFileSync(join(project, 'weights', 'weights.bin')).equals(readFileSync(join(checkpoint, 'weights.bin')))).toBe(true);
    const out = join(project, 'run');
    python(project, ['train.py', '--rng', 'ganvas', '--every', '1', '--out', out]);
    const continued = metricsOf(out);
    expect(continued.map((m) => m.step)).toEqual([7, 8, 9, 10, 11, 12]);
    expect(Math.max(...relativeDifferences(continued.map((m) => m.losses), rest))).toBeLessThan(1e-4);
  });

  it('train.py --resume continues its own run exactly (torch streams saved beside the checkpoint)', async () => {
    const dir = await exportProject(planOf('gan-2d', { size: 'tiny' }));
    const whole = join(dir, 'whole');
    const parts = join(dir, 'parts');
    for (const args of [['--out', whole], ['--stop-at', '4', '--out', parts], ['--resume', parts, '--out', parts]]) {
      const r = python(dir, ['train.py', '--steps', '8', '--every', '1', ...args]);
      expect(r.status, r.stdout + r.stderr).toBe(0);
    }
    expect(metricsOf(parts).map((m) => m.losses)).toEqual(metricsOf(whole).map((m) => m.losses));
  });

  it('train.py refuses a checkpoint of other shapes, naming the variable (exit 2)', async () => {
    const small = join(TMP, 'gan-small');
    expect((await cli(['train', 'gan-2d', '--size', 'small', '--steps', '1', '--out', small])).code).toBe(0);
    const dir = await exportProject(planOf('gan-2d', { size: 'tiny' }));
    const r = python(dir, ['train.py', '--weights', small, '--steps', '1', '--out', 'run']);
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/checkpoint refused: variable D\/0\/kernel is 2×256 in the checkpoint but 2×32 in this graph/);
  });
});
