/**
 * Spectral normalisation against a plain power iteration in float64: σ from one step on u, u's
 * update, convergence to the largest singular value, and a gradient through σ but not u or v.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planHash } from '../../../src/engine/checkpoint';
import type { Engine } from '../../../src/engine/index';
import { layerImpl } from '../../../src/engine/layers/index';
import { spectralNormalised } from '../../../src/engine/layers/spectral';
import { Rng } from '../../../src/util/rng';
import { engineOf, planOf } from '../engine/helpers';
import { tinyGan } from './docs';

const engines: Engine[] = [];
afterAll(() => engines.forEach((e) => e.dispose()));

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** W as `out` rows of n: row r holds kernel[..., r] over the leading axes. */
function rowsOf(kernel: Float32Array, out: number): number[][] {
  const n = kernel.length / out;
  return Array.from({ length: out }, (_, r) => Array.from({ length: n }, (_, i) => kernel[i * out + r]));
}
const norm = (x: number[]) => Math.hypot(...x);
const unit = (x: number[]) => x.map((v) => v / Math.max(norm(x), 1e-12));
const times = (w: number[][], x: number[]) => w.map((row) => row.reduce((s, v, i) => s + v * x[i], 0));
const timesT = (w: number[][], y: number[]) => w[0].map((_, i) => w.reduce((s, row, r) => s + row[i] * y[r], 0));

/** One step: v = unit(Wᵀu), u' = unit(Wv), σ = u'ᵀWv. */
function powerStep(w: number[][], u: number[]) {
  const v = unit(timesT(w, u));
  const next = unit(times(w, v));
  const sigma = next.reduce((s, x, r) => s + x * times(w, v)[r], 0);
  return { next, sigma };
}

/** The largest singular value: power iteration on WᵀW to convergence. */
function largestSingularValue(w: number[][]): number {
  let v = unit(w[0].map((_, i) => 1 + i * 0.01));
  for (let i = 0; i < 2000; i++) v = unit(timesT(w, times(w, v)));
  return norm(times(w, v));
}

function randomKernel(shape: number[], seed: number): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal());
}

describe('spectral normalisation', () => {
  for (const shape of [[5, 3], [3, 3, 2, 4]]) {
    it(`kernel ${shape.join('×')}: σ and u after one step are the power iteration's`, async () => {
      const out = shape[shape.length - 1];
      const values = randomKernel(shape, 3);
      const u0 = unit(Array.from({ length: out }, (_, i) => Math.cos(i + 1)));
      const u = tf.variable(tf.tensor1d(u0), false);
      const result = spectralNormalised(tf.tensor(values, shape), u, true);
      const w = rowsOf(values, out);
      const { next, sigma } = powerStep(w, u0);
      expect(Array.from(await u.data())).toEqual(next.map((x) => expect.closeTo(x, 5)));
      expect(Array.from(await result.data())).toEqual(Array.from(values, (x) => expect.closeTo(x / sigma, 5)));
    });
  }

  it('repeated training steps converge to the largest singular value: the normalised kernel has spectral norm 1', async () => {
    const shape = [4, 4, 3, 6];
    const values = randomKernel(shape, 11);
    const u = tf.variable(tf.tensor1d(unit([1, -1, 1, -1, 1, -1])), false);
    let result = tf.tensor(values, shape);
    for (let i = 0; i < 200; i++) {
      result.dispose();
      result = spectralNormalised(tf.tensor(values, shape), u, true);
    }
    const sigma = largestSingularValue(rowsOf(values, 6));
    expect(values[0] / (await result.data())[0]).toBeCloseTo(sigma, 3);
    expect(largestSingularValue(rowsOf((await result.data()) as Float32Array, 6))).toBeCloseTo(1, 4);
  });

  it('without update, u stays; the gradient flows through σ, not through u or v', async () => {
    const values = randomKernel([3, 2], 5);
    const u0 = [0.6, 0.8];
    const u = tf.variable(tf.tensor1d(u0), false);
    const kernel = tf.variable(tf.tensor(values, [3, 2]));
    const probe = [0.5, -1, 2, 0.25, 1, -0.5];
    const { grads } = tf.variableGrads(() => tf.sum(tf.mul(spectralNormalised(kernel, u, false), tf.tensor(probe, [3, 2]))) as tf.Scalar, [kernel]);
    expect(Array.from(await u.data())).toEqual(u0.map((x) => Math.fround(x)));
    // By hand, with u' and v fixed: f = Σ p·W/σ, σ = vᵀ Wᵀ u' → ∂f/∂W = p/σ − (Σ p·W)/σ² · v u'ᵀ.
    const w = rowsOf(values, 2);
    const v = unit(timesT(w, u0));
    const { next, sigma } = powerStep(w, u0);
    const dot = probe.reduce((s, p, i) => s + p * values[i], 0);
    const expected = probe.map((p, i) => p / sigma - (dot / sigma ** 2) * v[Math.floor(i / 2)] * next[i % 2]);
    expect(Array.from(await grads[kernel.name].data())).toEqual(expected.map((x) => expect.closeTo(x, 5)));
  });
});

describe('spectral normalisation as a layer option', () => {
  const snGan = (spectralNorm: boolean) =>
    tinyGan({
      discriminator: [
        { type: 'dense', units: 5, ...(spectralNorm ? { spectralNorm } : {}) },
        { type: 'leakyRelu', alpha: 0.2 },
        { type: 'dense', units: 1, ...(spectralNorm ? { spectralNorm } : {}) },
      ],
    });
  const read = async (engine: Engine, name: string) => Array.from(await engine.group('D').variables.find((v) => v.name === name)!.variable.data());

  it('Dense and Conv2D keep u beside the kernel: state, not trained, a unit vector to start', async () => {
    const plan = planOf(snGan(true), { size: 'tiny' });
    const engine = await engineOf(plan, 'cpu');
    engines.push(engine);
    expect(engine.group('D').variables.map((v) => [v.name, v.trainable])).toEqual([
      ['D/0/kernel', true], ['D/0/bias', true], ['D/0/u', false], ['D/2/kernel', true], ['D/2/bias', true], ['D/2/u', false],
    ]);
    expect(norm(await read(engine, 'D/0/u'))).toBeCloseTo(1, 6);
    // No spectral norm: the same variables as before the option existed, and the same plan fingerprint.
    expect(planHash(planOf(snGan(false), { size: 'tiny' }))).toBe(planHash(planOf(tinyGan({ discriminator: [{ type: 'dense', units: 5 }, { type: 'leakyRelu', alpha: 0.2 }, { type: 'dense', units: 1 }] }), { size: 'tiny' })));
    const conv = layerImpl('conv2d').variables({ type: 'conv2d', filters: 4, kernel: 3, stride: 2, padding: 'same', spectralNorm: true } as never, [8, 8, 2], [4, 4, 4]);
    expect(conv.map((v) => [v.key, v.shape, v.trainable])).toEqual([['kernel', [3, 3, 2, 4], true], ['bias', [4], true], ['u', [4], false]]);
  });

  it('a training step moves u by one power-iteration step; samples and probes leave it; checkpoints carry it', async () => {
    const engine = await engineOf(planOf(snGan(true), { size: 'tiny' }), 'cpu');
    engines.push(engine);
    const u0 = await read(engine, 'D/0/u');
    const kernel = await read(engine, 'D/0/kernel');
    await engine.sample('D_fake', 'out', 4);
    await engine.gradients('L_real', ['D']);
    expect(await read(engine, 'D/0/u')).toEqual(u0);
    engine.stepPhase('g');
    // The G phase applies D once (on G's points), in training mode: one step.
    const { next } = powerStep(rowsOf(Float32Array.from(kernel), 5), u0);
    expect(await read(engine, 'D/0/u')).toEqual(next.map((x) => expect.closeTo(x, 5)));
    const saved = await engine.saveState();
    expect(saved.manifest.weightSpecs.map((s) => s.name)).toContain('D/0/u');
  });

  it('the network applies W/σ: its output is the plain network’s with the kernels divided by σ', async () => {
    const sn = await engineOf(planOf(snGan(true), { size: 'tiny' }), 'cpu');
    const plain = await engineOf(planOf(snGan(false), { size: 'tiny' }), 'cpu');
    engines.push(sn, plain);
    for (const layer of [0, 2]) {
      const out = layer === 0 ? 5 : 1;
      const w = await read(sn, `D/${layer}/kernel`);
      const { sigma } = powerStep(rowsOf(Float32Array.from(w), out), await read(sn, `D/${layer}/u`));
      const target = plain.group('D').variables.find((v) => v.name === `D/${layer}/kernel`)!.variable;
      target.assign(tf.tensor(w.map((x) => x / sigma), target.shape));
      const bias = plain.group('D').variables.find((v) => v.name === `D/${layer}/bias`)!.variable;
      bias.assign(tf.tensor(await read(sn, `D/${layer}/bias`), bias.shape));
    }
    const a = Array.from((await sn.sample('D_fake', 'out', 8)).data);
    const b = Array.from((await plain.sample('D_fake', 'out', 8)).data);
    expect(a).toEqual(b.map((x) => expect.closeTo(x, 5)));
  });
});
