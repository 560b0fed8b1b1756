/**
 * The fused optimizer updates (one wasm kernel call for all of a phase's variables) against the
 * same updates written as ops, on wasm and on the CPU backend, over several steps.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Optimizer } from '../../../src/graph/document';
import { chooseBackend } from '../../../src/engine/backend';
import { setNativeKernelsEnabled } from '../../../src/engine/kernels/native';
import { fusedOptimizersAvailable } from '../../../src/engine/kernels/optimizer-kernels';
import { PhaseOptimizer } from '../../../src/engine/optimizers';

beforeAll(async () => {
  expect((await chooseBackend({ env: 'node' })).active).toBe('wasm');
});

afterAll(() => setNativeKernelsEnabled(true));

const SHAPES = [[3, 5], [7], [2, 3, 3, 2], [1]];

function values(size: number, seed: number): Float32Array {
  const out = new Float32Array(size);
  let s = seed * 7919;
  for (let i = 0; i < size; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

/** Final weights and slots after `steps` updates with seeded gradients (the last variable gets none). */
async function train(backend: 'wasm' | 'cpu', config: Optimizer, fused: boolean, steps = 4): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  setNativeKernelsEnabled(fused);
  expect(fusedOptimizersAvailable()).toBe(backend === 'wasm' && fused);
  const vars = SHAPES.map((shape, i) => ({
    name: `v${i}`,
    variable: tf.tidy(() => tf.variable(tf.tensor(values(shape.reduce((a, b) => a * b, 1), i + 1), shape), true, `fused-test-${backend}-${fused}-${config.type}-${i}-${Math.random()}`)),
    trainable: true,
  }));
  const opt = new PhaseOptimizer(config, 'p', vars, `fused-${Math.random()}/`);
  for (let step = 0; step < steps; step++) {
    tf.tidy(() => {
      const grads: Record<string, tf.Tensor> = {};
      vars.slice(0, -1).forEach((v, i) => (grads[v.variable.name] = tf.tensor(values(v.variable.size, 100 + 10 * step + i), v.variable.shape)));
      opt.apply(grads, 0.01 * (step + 1));
    });
  }
  const out = [...vars.map((v) => v.variable), ...opt.slotVariables().map((s) => s.variable)];
  const data = await Promise.all(out.map(async (t) => (await t.data()) as Float32Array));
  vars.forEach((v) => v.variable.dispose());
  opt.dispose();
  setNativeKernelsEnabled(true);
  return data;
}

function maxRelative(a: Float32Array[], b: Float32Array[]): number {
  expect(b.length).toBe(a.length);
  let worst = 0;
  a.forEach((x, i) => {
    const scale = Math.max(1e-12, ...Array.from(x, Math.abs));
    x.forEach((v, j) => (worst = Math.max(worst, Math.abs(v - b[i][j]) / scale)));
  });
  return worst;
}

const configs: Optimizer[] = [
  { type: 'adam', lr: 0.001, beta1: 0.5, beta2: 0.999, epsilon: 1e-8 },
  { type: 'sgd', lr: 0.01, momentum: 0.9 },
  { type: 'sgd', lr: 0.01, momentum: 0 },
] as Optimizer[];

describe('fused optimizer updates on wasm', () => {
  it.each(configs.map((c) => [`${c.type} ${JSON.stringify(c)}`, c] as const))('match the op-by-op update and the CPU backend: %s', async (_, config) => {
    const fused = await train('wasm', config, true);
    const ops = await train('wasm', config, false);
    const cpu = await train('cpu', config, false);
    expect(maxRelative(ops, fused)).toBeLessThanOrEqual(1e-6);
    expect(maxRelative(cpu, fused)).toBeLessThanOrEqual(1e-5);
    // The variable without gradients kept its values; the others moved.
    expect(Array.from(fused[SHAPES.length - 1])).toEqual(Array.from(values(1, SHAPES.length)));
    expect(maxRelative([values(15, 1)], [fused[0]])).toBeGreaterThan(1e-4);
  });

  it('leaks no tensors', async () => {
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    await train('wasm', configs[0], true, 2);
    expect(tf.memory().numTensors).toBe(before);
  });
});
