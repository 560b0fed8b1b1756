/**
 * The graph features no template uses yet, exported and compared with the engine (CPU backend)
 * from the same start with the same streams: instance noise, spectral norm, scaled tanh, weight
 * averages, label smoothing, R1 (double backprop), gradient clipping and a scheduled term weight
 * on the 2-D GAN; hard pseudo-labels whose confidence weighs per-example losses on Triple-GAN.
 * Also the weight averages and spectral norm's vectors in the checkpoints, and the first graph
 * under torchrun.
 */
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeCheckpoint } from '../../../src/engine/checkpoint-node';
import { engineOf, planOf } from '../engine/helpers';
import { ganWithFeatures, tripleGanWithHardLabels } from './feature-graphs';
import { engineLosses, exportProject, metricsOf, mustRun, relativeDifferences, TMP, torchLosses } from './helpers';
import { createServer } from 'node:net';

const TOLERANCE = 1e-4;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function compare(name: string, doc: ReturnType<typeof ganWithFeatures>, steps: number) {
  const plan = planOf(doc, { size: 'tiny', steps });
  const dir = await exportProject(plan);
  const engine = await engineOf(plan, 'cpu');
  const checkpoint = join(TMP, `${name}-engine`);
  try {
    const losses = await engineLosses(engine, steps);
    writeCheckpoint(checkpoint, await engine.saveState());
    return { dir, plan, losses, checkpoint };
  } finally {
    engine.dispose();
  }
}

/** Largest |a − b| over the named variables of two checkpoints, read by the exported project. */
function variableDifference(dir: string, a: string, b: string, prefix: RegExp): { names: number; worst: number } {
  const script = [
    'import json, re, sys, numpy as np',
    'from ganvas_torch.checkpoint import read_checkpoint',
    `_, a, _ = read_checkpoint(${JSON.stringify(a)}); _, b, _ = read_checkpoint(${JSON.stringify(b)})`,
    `names = [n for n in b if re.search(${JSON.stringify(prefix.source)}, n)]`,
    'assert set(names) <= set(a), sorted(set(names) - set(a))',
    'print(json.dumps({"names": len(names), "worst": max(float(np.abs(a[n] - b[n]).max()) for n in names)}))',
  ].join('\n');
  return JSON.parse(mustRun(dir, ['-c', script]).trim().split('\n').pop()!);
}

describe('graph features in the PyTorch export', () => {
  it('the 2-D GAN with noise, spectral norm, scaled tanh, averages, smoothing, R1, clipping and a term schedule', async () => {
    const steps = 6;
    const { dir, losses, checkpoint } = await compare('gan-features', ganWithFeatures(), steps);
    const d = relativeDifferences(torchLosses(dir, { out: join(dir, 'run') }), losses);
    console.log(`gan-2d with features, per step: ${d.map((x) => x.toExponential(1)).join(' ')}`);
    expect(Math.max(...d)).toBeLessThan(TOLERANCE);
    // The checkpoints hold the same averages and power-iteration vectors.
    const averages = variableDifference(dir, join(dir, 'run', 'checkpoint'), checkpoint, /^ema\/|\/u$/);
    expect(averages.names).toBe(6 + 3);
    expect(averages.worst).toBeLessThan(1e-5);
    // And the engine's checkpoint, averages and all, is a starting point for an export.
    const plan = planOf(ganWithFeatures(), { size: 'tiny', steps });
    await expect(exportProject(plan, { weights: checkpoint })).resolves.toBeTruthy();
  });

  it('Triple-GAN with hard pseudo-labels and per-example weights', async () => {
    const steps = 4;
    const { dir, losses } = await compare('triple-hard', tripleGanWithHardLabels(), steps);
    const d = relativeDifferences(torchLosses(dir), losses);
    console.log(`triple-gan with hard labels, per step: ${d.map((x) => x.toExponential(1)).join(' ')}`);
    expect(Math.max(...d)).toBeLessThan(TOLERANCE);
  });

  it('the 2-D GAN with those features under torchrun (R1’s double backprop in DistributedDataParallel)', async () => {
    const dir = await exportProject(planOf(ganWithFeatures(), { size: 'tiny', steps: 6 }));
    const one = torchLosses(dir);
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const p = (server.address() as { port: number }).port;
        server.close(() => resolve(p));
      });
    });
    mustRun(dir, ['-m', 'ganvas_torch.run', '--nproc_per_node', '2', '--master_port', String(port), 'train.py', '--rng', 'ganvas', '--every', '1', '--out', 'ddp']);
    const d = relativeDifferences(metricsOf(join(dir, 'ddp')).map((m) => m.losses), one);
    expect(Math.max(...d)).toBeLessThan(TOLERANCE);
  });
});
