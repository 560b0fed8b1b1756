/**
 * A phase's BatchNorm mode per network: `batch` normalises with the batch and moves the averages;
 * `batch-frozen` normalises with the batch and leaves them; `moving` normalises with the averages
 * and leaves them — so a phase can train one network against another whose normalisation is fixed.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchNorm } from '../../../src/engine/layers/helpers';
import { checkDocument } from '../../../src/graph/checker';
import type { BatchNormMode } from '../../../src/graph/document';
import type { Engine } from '../../../src/engine/index';
import { engineOf, planOf } from '../engine/helpers';
import { tinyGan } from './docs';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const engines: Engine[] = [];
afterAll(() => engines.forEach((e) => e.dispose()));

const values = async (t: tf.Tensor) => Array.from(await t.data());

describe('BatchNorm layer modes', () => {
  const input = () => tf.tensor2d([[1, 10], [3, 14]]);
  const vars = () => {
    const v: Record<string, tf.Variable> = {
      gamma: tf.variable(tf.tensor1d([2, 1])),
      beta: tf.variable(tf.tensor1d([0, 1])),
      movingMean: tf.variable(tf.tensor1d([1, 2]), false),
      movingVariance: tf.variable(tf.tensor1d([4, 9]), false),
    };
    return { v, lookup: (k: string) => v[k] };
  };

  it('moving statistics while training: (x − m)/√(v + ε)·γ + β, averages unchanged', async () => {
    const { v, lookup } = vars();
    const y = batchNorm(input(), lookup, '', 0.9, { training: true, movingStats: true });
    const e = 1e-5;
    expect(await values(y)).toEqual([(1 - 1) / Math.sqrt(4 + e) * 2, (10 - 2) / Math.sqrt(9 + e) + 1, (3 - 1) / Math.sqrt(4 + e) * 2, (14 - 2) / Math.sqrt(9 + e) + 1].map((n) => expect.closeTo(n, 5)));
    expect(await values(v.movingMean)).toEqual([1, 2]);
    expect(await values(v.movingVariance)).toEqual([4, 9]);
  });

  it('batch statistics: averages move by the momentum; frozen: the same output, averages unchanged', async () => {
    const a = vars();
    const moved = await values(batchNorm(input(), a.lookup, '', 0.9, { training: true }));
    // Batch mean [2, 12], biased variance [1, 4].
    expect(await values(a.v.movingMean)).toEqual([0.9 * 1 + 0.1 * 2, 0.9 * 2 + 0.1 * 12].map((n) => expect.closeTo(n, 5)));
    expect(await values(a.v.movingVariance)).toEqual([0.9 * 4 + 0.1 * 1, 0.9 * 9 + 0.1 * 4].map((n) => expect.closeTo(n, 5)));
    const b = vars();
    expect(await values(batchNorm(input(), b.lookup, '', 0.9, { training: true, frozenStats: true }))).toEqual(moved);
    expect(await values(b.v.movingMean)).toEqual([1, 2]);
  });
});

describe('BatchNorm mode per phase and network', () => {
  /** G phase once with G's BatchNorm in `mode`, its moving mean set to `mean` first. */
  async function gStep(mode: BatchNormMode | undefined, mean: number) {
    const plan = planOf(tinyGan({ g: mode ? { batchNorm: { G: mode } } : {} }), { size: 'tiny' });
    const engine = await engineOf(plan, 'cpu');
    engines.push(engine);
    const v = (key: string) => engine.group('G').variables.find((x) => x.name === `G/1/${key}`)!.variable;
    v('movingMean').assign(tf.fill([6], mean));
    const kernel = await values(engine.group('G').variables.find((x) => x.name === 'G/0/kernel')!.variable);
    engine.stepPhase('g');
    const losses = (await engine.flushMetrics())!;
    return {
      plan,
      loss: losses.L_G,
      movingMean: await values(v('movingMean')),
      movingVariance: await values(v('movingVariance')),
      kernelChanged: (await values(engine.group('G').variables.find((x) => x.name === 'G/0/kernel')!.variable)).some((w, i) => w !== kernel[i]),
    };
  }

  it('compiles into the plan by parameter group, only where not `batch`', () => {
    expect(planOf(tinyGan({ g: { batchNorm: { G: 'moving' } } })).phases.map((p) => p.batchNorm)).toEqual([undefined, { G: 'moving' }]);
    expect(planOf(tinyGan({ g: { batchNorm: { G: 'batch' } } })).phases.map((p) => p.batchNorm)).toEqual([undefined, undefined]);
  });

  it('batch (default): batch statistics, the averages move', async () => {
    const a = await gStep(undefined, 0);
    const b = await gStep(undefined, 100);
    expect(a.loss).toBe(b.loss);
    expect(a.movingMean.some((m) => m !== 0)).toBe(true);
    expect(a.movingVariance.some((m) => m !== 1)).toBe(true);
  });

  it('moving: the moving statistics are used and stay as they were; the network still learns', async () => {
    const a = await gStep('moving', 0);
    const b = await gStep('moving', 100);
    expect(a.loss).not.toBe(b.loss);
    expect(a.movingMean).toEqual(Array(6).fill(0));
    expect(b.movingMean).toEqual(Array(6).fill(100));
    expect(a.movingVariance).toEqual(Array(6).fill(1));
    expect(a.kernelChanged).toBe(true);
  });

  it('batch-frozen: batch statistics (the same loss as batch), the averages stay', async () => {
    const batch = await gStep(undefined, 0);
    const frozen = await gStep('batch-frozen', 100);
    expect(frozen.loss).toBe(batch.loss);
    expect(frozen.movingMean).toEqual(Array(6).fill(100));
    expect(frozen.movingVariance).toEqual(Array(6).fill(1));
    expect(frozen.kernelChanged).toBe(true);
  });

  it('the checker names the phase and field of a bad mode', () => {
    const doc = tinyGan({ g: { batchNorm: { nope: 'moving', L_G: 'moving', D: 'moving' } } });
    const found = checkDocument(doc).diagnostics.filter((d) => d.code === 'phase-batchnorm');
    expect(found.map((d) => [d.severity, d.field, d.message])).toEqual([
      ['error', 'phases[1].batchNorm.nope', 'Phase ‹G step›: BatchNorm mode for network "nope", which does not exist'],
      ['error', 'phases[1].batchNorm.L_G', 'Phase ‹G step›: Adversarial loss ‹L_G› is not a network, so it has no BatchNorm mode'],
      ['warning', 'phases[1].batchNorm.D', 'Phase ‹G step›: Discriminator ‹D› has no BatchNorm layer, so its BatchNorm mode "moving" changes nothing'],
    ]);
    const conflict = checkDocument(tinyGan({ discriminator: [{ type: 'dense', units: 3 }, { type: 'batchNorm', momentum: 0.9 }, { type: 'dense', units: 1 }], d: { batchNorm: { D: 'moving', D_fake: 'batch' } } }));
    expect(conflict.diagnostics.filter((d) => d.code === 'phase-batchnorm').map((d) => d.message)).toEqual([
      'Phase ‹D step›: Discriminator ‹D_fake› has BatchNorm mode "batch" but shares its weights with ‹D›, set to "moving"; one set of weights has one mode per phase',
    ]);
  });

  it('an unknown mode is refused when the document loads, naming the field', async () => {
    const { loadDocument } = await import('../../../src/graph/load');
    const doc = tinyGan() as unknown as { phases: Record<string, unknown>[] };
    doc.phases[1].batchNorm = { G: 'eval' };
    const result = loadDocument(doc);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/^document: phases\[1\] ‹g›\.batchNorm\.G: /);
  });
});
