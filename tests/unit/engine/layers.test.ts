/** Every layer type: output shapes as the shape rules say, weights as many as declared, values as defined. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PlanParamGroup } from '../../../src/compiler/plan';
import { LAYER_TYPES, resolveLayers, unetChannels, type Layer } from '../../../src/graph/layers';
import type { ResolvedNetwork } from '../../../src/graph/nodes/network-common';
import { initialGroupValues, networkVariableSpecs } from '../../../src/engine/init';
import { LAYER_IMPLS } from '../../../src/engine/layers/index';
import { resample, upsampleNearest } from '../../../src/engine/layers/helpers';
import { applyNetwork, GroupVariables } from '../../../src/engine/network';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function networkOf(layers: Layer[], input: number[]): ResolvedNetwork {
  const resolved = resolveLayers(layers, input);
  const out = resolved[resolved.length - 1].output;
  return { layers: resolved, input: { kind: input.length === 3 ? 'image' : 'vector', dims: input }, output: { kind: 'vector', dims: out }, parameterCount: resolved.reduce((s, l) => s + l.weights, 0) };
}

function groupOf(id: string, network: ResolvedNetwork): PlanParamGroup {
  return { id, kind: 'Generator', label: id, appliedBy: [id], network, parameterCount: network.parameterCount };
}

let counter = 0;
function build(layers: Layer[], input: number[]) {
  const network = networkOf(layers, input);
  const group = groupOf(`net${++counter}`, network);
  return { network, vars: new GroupVariables(group, initialGroupValues(1, group), 'layers-test/') };
}

const STACK_IMAGE: Layer[] = [
  { type: 'conv2d', filters: 6, kernel: 3, stride: 2, padding: 'same' },
  { type: 'batchNorm', momentum: 0.9 },
  { type: 'leakyRelu', alpha: 0.2 },
  { type: 'residualBlock', kernel: 3 },
  { type: 'unetBlock', filters: 4, depth: 2 },
  { type: 'upsample', factor: 2, method: 'nearest' },
  { type: 'convTranspose2d', filters: 3, kernel: 4, stride: 2, padding: 'same' },
  { type: 'upsample', factor: 2, method: 'bilinear' },
  { type: 'conv2d', filters: 2, kernel: 3, stride: 1, padding: 'valid' },
  { type: 'convTranspose2d', filters: 2, kernel: 3, stride: 1, padding: 'valid' },
  { type: 'layerNorm' },
  { type: 'sigmoid' },
  { type: 'flatten' },
  { type: 'dropout', rate: 0.5 },
  { type: 'gaussianNoise', sigma: 0.1, anneal: 'none' },
  { type: 'dense', units: 48 },
  { type: 'tanh' },
  { type: 'reshape', shape: [4, 4, -1] },
  { type: 'relu' },
];

describe('layers', () => {
  it('the test stack uses every layer type, and the engine implements each', () => {
    expect(new Set(STACK_IMAGE.map((l) => l.type))).toEqual(new Set(LAYER_TYPES));
    expect(Object.keys(LAYER_IMPLS).sort()).toEqual([...LAYER_TYPES].sort());
  });

  it('trainable weights per layer = the declared count; shapes follow the shape rules, training and inference', () => {
    const { network, vars } = build(STACK_IMAGE, [8, 8, 3]);
    const specs = networkVariableSpecs(network);
    network.layers.forEach((l, i) => {
      const trainable = specs.filter((s) => s.layer === i && s.trainable).reduce((sum, s) => sum + s.shape.reduce((p, d) => p * d, 1), 0);
      expect(trainable, `${l.layer.type} (layer ${i + 1})`).toBe(l.weights);
    });
    for (const training of [true, false]) {
      const shapes = tf.tidy(() => {
        const seen: number[][] = [];
        let h: tf.Tensor = tf.randomNormal([5, 8, 8, 3], 0, 1, 'float32', 1);
        network.layers.forEach((l, i) => {
          h = LAYER_IMPLS[l.layer.type].apply(h, l.layer as never, l, vars.lookup(i), { training });
          seen.push(h.shape.slice(1));
        });
        return seen;
      });
      expect(shapes).toEqual(network.layers.map((l) => l.output));
    }
    vars.dispose();
  });

  it('U-Net channels double per level', () => {
    expect(unetChannels({ type: 'unetBlock', filters: 4, depth: 3 })).toEqual([4, 8, 16, 32]);
  });

  it('dense = x·W + b with the seeded initial values (Glorot-uniform kernel, zero bias)', async () => {
    const { network, vars } = build([{ type: 'dense', units: 3 }], [4]);
    const kernel = await vars.lookup(0)('kernel').data();
    const limit = Math.sqrt(6 / 7);
    expect(Math.max(...kernel.map(Math.abs))).toBeLessThanOrEqual(limit);
    expect(Array.from(await vars.lookup(0)('bias').data())).toEqual([0, 0, 0]);
    const x = tf.tensor2d([[1, 2, 3, 4]]);
    const { out } = applyNetwork(network, vars, x, { training: true });
    const expected = [0, 1, 2].map((j) => [0, 1, 2, 3].reduce((s, i) => s + (i + 1) * kernel[i * 3 + j], 0));
    const got = await out.data();
    expected.forEach((v, j) => expect(got[j]).toBeCloseTo(v, 5));
    vars.dispose();
  });

  it('BatchNorm: batch statistics in training (moving averages updated), moving statistics in inference', async () => {
    const { network, vars } = build([{ type: 'batchNorm', momentum: 0.75 }], [2]);
    const x = tf.tensor2d([[1, 10], [3, 14]]);
    const train = applyNetwork(network, vars, x, { training: true }).out;
    // Each column normalised: (x − mean)/√(var + ε), var biased.
    const t = await train.data();
    expect(t[0]).toBeCloseTo(-1 / Math.sqrt(1 + 1e-5), 5);
    expect(t[3]).toBeCloseTo(2 / Math.sqrt(4 + 1e-5), 5);
    expect(Array.from(await vars.lookup(0)('movingMean').data()).map((v) => +v.toFixed(5))).toEqual([0.5, 3]);
    expect(Array.from(await vars.lookup(0)('movingVariance').data()).map((v) => +v.toFixed(5))).toEqual([1, 1.75]);
    const inference = await applyNetwork(network, vars, x, { training: false }).out.data();
    expect(inference[0]).toBeCloseTo((1 - 0.5) / Math.sqrt(1 + 1e-5), 5);
    expect(inference[1]).toBeCloseTo((10 - 3) / Math.sqrt(1.75 + 1e-5), 5);
    // Frozen statistics: training-mode values, averages untouched.
    applyNetwork(network, vars, x, { training: true, frozenStats: true });
    expect(Array.from(await vars.lookup(0)('movingMean').data()).map((v) => +v.toFixed(5))).toEqual([0.5, 3]);
    vars.dispose();
  });

  it('dropout: the drawn mask in training (kept values scaled by 1/(1 − rate)), identity in inference', async () => {
    const impl = LAYER_IMPLS.dropout;
    const layer = { type: 'dropout' as const, rate: 0.5 };
    const resolved = { layer, input: [4], output: [4], weights: 0 };
    const mask = new Float32Array([2, 0, 2, 0]);
    const x = tf.tensor2d([[1, 2, 3, 4]]);
    expect(Array.from(await impl.apply(x, layer, resolved, () => { throw new Error(); }, { training: true, random: mask }).data())).toEqual([2, 0, 6, 0]);
    expect(Array.from(await impl.apply(x, layer, resolved, () => { throw new Error(); }, { training: false, random: mask }).data())).toEqual([1, 2, 3, 4]);
  });

  it('upsampling matches TF.js resize (nearest; bilinear with half-pixel centres), gradients included', async () => {
    const x = tf.randomUniform([2, 3, 5, 2], 0, 1, 'float32', 4) as tf.Tensor4D;
    const near = await upsampleNearest(x, 3).data();
    expect(Array.from(near)).toEqual(Array.from(await tf.image.resizeNearestNeighbor(x, [9, 15]).data()));
    const bilinear = await resample(x, 6, 10, 'linear').data();
    const reference = await tf.image.resizeBilinear(x, [6, 10], false, true).data();
    bilinear.forEach((v, i) => expect(v).toBeCloseTo(reference[i], 5));
    // The gradient of a sum of the upsampled image gives each input pixel factor² (nearest).
    const g = await tf.grad((t: tf.Tensor) => upsampleNearest(t, 3).sum())(x).data();
    expect(new Set(Array.from(g))).toEqual(new Set([9]));
  });

  it('nearest upsampling: its gradient is the broadcasts\' own (Tile: a slice and an add per copy), to the bit, and differentiable again', async () => {
    const x = tf.randomUniform([2, 3, 5, 4], -1, 1, 'float32', 6) as tf.Tensor4D;
    const weights = tf.randomUniform([2, 6, 10, 4], -1, 1, 'float32', 7);
    const byTile = (t: tf.Tensor) => {
      const [n, h, w, c] = t.shape;
      let u = tf.broadcastTo(tf.reshape(t, [n, h, 1, w * c]), [n, h, 2, w * c]);
      u = tf.broadcastTo(tf.reshape(u, [n * h * 2, w, 1, c]), [n * h * 2, w, 2, c]);
      return tf.reshape(u, [n, h * 2, w * 2, c]);
    };
    const loss = (up: (t: tf.Tensor) => tf.Tensor) => (t: tf.Tensor) => tf.sum(tf.mul(tf.square(up(t)), weights));
    const ours = await tf.grad(loss((t) => upsampleNearest(t, 2)))(x).data();
    expect(Array.from(ours)).toEqual(Array.from(await tf.grad(loss(byTile))(x).data()));
    // A gradient penalty differentiates the gradient again: Σ (∂loss/∂x)² has ∂/∂x = 2·∂²loss/∂x²·∂loss/∂x.
    const penalty = (up: (t: tf.Tensor) => tf.Tensor) => (t: tf.Tensor) => tf.sum(tf.square(tf.grad(loss(up))(t)));
    const second = await tf.grad(penalty((t) => upsampleNearest(t, 2)))(x).data();
    expect(Array.from(second)).toEqual(Array.from(await tf.grad(penalty(byTile))(x).data()));
    expect(second.some((v) => v !== 0)).toBe(true);
  });

  it('area shrinking = average pooling', async () => {
    const x = tf.randomUniform([1, 8, 8, 3], 0, 1, 'float32', 5) as tf.Tensor4D;
    const area = await resample(x, 2, 2, 'box').data();
    const pooled = await tf.avgPool(x, 4, 4, 'valid').data();
    area.forEach((v, i) => expect(v).toBeCloseTo(pooled[i], 5));
  });
});
