/** Node evaluators against their descriptions, one kind at a time. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Plan, PlanNode } from '../../../src/compiler/plan';
import { nodeDataEnv } from '../../../src/data/env-node';
import { DataFeed } from '../../../src/engine/data-feed';
import { evaluatorOf, NODE_EVALUATORS } from '../../../src/engine/nodes/index';
import type { Drawn } from '../../../src/engine/nodes/types';
import { KIND_IDS } from '../../../src/graph/catalog';
import type { TensorKind } from '../../../src/graph/types';
import { planOf } from './helpers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

interface Call {
  params?: Record<string, unknown>;
  outputs?: PlanNode['outputs'];
  drawn?: Drawn;
  kinds?: Record<string, TensorKind>;
  training?: boolean;
  progress?: number;
  batch?: number;
}

function evaluate(kind: string, inputs: Record<string, tf.Tensor>, call: Call = {}): Record<string, tf.Tensor> {
  const node: PlanNode = { id: 'n', kind, label: 'n', params: call.params ?? {}, inputs: {}, outputs: call.outputs ?? {} };
  return evaluatorOf(kind).evaluate(inputs, {
    node,
    training: call.training ?? true,
    frozenStats: false,
    progress: call.progress ?? 0,
    batch: call.batch ?? 2,
    drawn: call.drawn ?? {},
    group: () => {
      throw new Error('no groups here');
    },
    inputKind: (port) => call.kinds?.[port],
  });
}

const value = async (t: tf.Tensor) => Array.from(await t.data());
const scalar = async (t: tf.Tensor) => (await t.data())[0];
const bce = (l: number, t: number) => Math.max(l, 0) - l * t + Math.log1p(Math.exp(-Math.abs(l)));

describe('node evaluators', () => {
  it('every node kind of the catalog has one', () => {
    expect(Object.keys(NODE_EVALUATORS).sort()).toEqual([...KIND_IDS].sort());
  });

  it('Pair applies softmax to logits at y, passes codes as they are; channels mode tiles y', async () => {
    const x = tf.tensor2d([[1, 2], [3, 4]]);
    const y = tf.tensor2d([[0, Math.log(3)], [5, 5]]);
    expect(await value(evaluate('Pair', { x, y }, { kinds: { y: 'logits' }, params: { mode: 'flatten' } }).pair)).toEqual(
      [1, 2, 0.25, 0.75, 3, 4, 0.5, 0.5].map((v) => expect.closeTo(v, 6)),
    );
    expect(await value(evaluate('Pair', { x, y }, { kinds: { y: 'code' }, params: { mode: 'flatten' } }).pair)).toEqual([1, 2, 0, Math.fround(Math.log(3)), 3, 4, 5, 5]);
    const img = tf.zeros([2, 2, 2, 1]);
    const pair = evaluate('Pair', { x: img, y: tf.tensor2d([[1, 2], [3, 4]]) }, { kinds: { y: 'label' }, params: { mode: 'channels' } }).pair;
    expect(pair.shape).toEqual([2, 2, 2, 3]);
    expect((await value(pair)).slice(0, 6)).toEqual([0, 1, 2, 0, 1, 2]);
  });

  it('Mask outputs masked = x⊙(1−M), mask = M, x; Composite = x⊙(1−M) + y⊙M', async () => {
    const x = tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]);
    const out = evaluate('Mask', { x }, { batch: 1, drawn: { mask: new Float32Array([0, 1, 1, 0]) }, outputs: { mask: { kind: 'image', dims: [2, 2, 1] } } });
    expect(await value(out.masked)).toEqual([1, 0, 0, 4]);
    expect(await value(out.mask)).toEqual([0, 1, 1, 0]);
    expect(await value(out.x)).toEqual([1, 2, 3, 4]);
    const y = tf.tensor4d([9, 9, 9, 9], [1, 2, 2, 1]);
    expect(await value(evaluate('Composite', { x, y, mask: out.mask }).out)).toEqual([1, 9, 9, 4]);
  });

  it('CrossEntropy: softmax for k classes, sigmoid BCE for one class', async () => {
    const logits = tf.tensor2d([[2, 0, 0], [0, 1, 0]]);
    const labels = tf.tensor2d([[1, 0, 0], [0, 0, 1]]);
    const lse = (a: number[]) => Math.log(a.reduce((s, v) => s + Math.exp(v), 0));
    const expected = (lse([2, 0, 0]) - 2 + lse([0, 1, 0]) - 0) / 2;
    expect(await scalar(evaluate('CrossEntropy', { logits, labels }).loss)).toBeCloseTo(expected, 5);
    const one = await scalar(evaluate('CrossEntropy', { logits: tf.tensor2d([[1.5], [-0.5]]), labels: tf.tensor2d([[1], [0]]) }).loss);
    expect(one).toBeCloseTo((bce(1.5, 1) + bce(-0.5, 0)) / 2, 6);
  });

  it('AdversarialLoss: BCE, least squares and hinge (both roles)', async () => {
    const logits = tf.tensor2d([[2], [-1]]);
    const run = (params: Record<string, unknown>) => scalar(evaluate('AdversarialLoss', { logits }, { params }).loss);
    expect(await run({ target: 'real', type: 'bce' })).toBeCloseTo((bce(2, 1) + bce(-1, 1)) / 2, 6);
    expect(await run({ target: 'fake', type: 'bce' })).toBeCloseTo((bce(2, 0) + bce(-1, 0)) / 2, 6);
    expect(await run({ target: 'real', type: 'least-squares' })).toBeCloseTo((1 + 4) / 2, 6);
    expect(await run({ target: 'real', type: 'hinge', role: 'discriminator' })).toBeCloseTo((0 + 2) / 2, 6);
    expect(await run({ target: 'fake', type: 'hinge', role: 'discriminator' })).toBeCloseTo((3 + 0) / 2, 6);
    expect(await run({ target: 'real', type: 'hinge', role: 'generator' })).toBeCloseTo(-0.5, 6);
  });

  it('ReconstructionLoss: l2, l1, bce, and the mean inside a mask', async () => {
    const p = tf.tensor4d([0.5, 0.5, 0.25, 1], [1, 2, 2, 1]);
    const t = tf.tensor4d([1, 0, 0.25, 0], [1, 2, 2, 1]);
    const run = (params: Record<string, unknown>, mask?: tf.Tensor) => scalar(evaluate('ReconstructionLoss', { prediction: p, target: t, ...(mask ? { mask } : {}) }, { params }).loss);
    expect(await run({ metric: 'l2' })).toBeCloseTo((0.25 + 0.25 + 0 + 1) / 4, 6);
    expect(await run({ metric: 'l1' })).toBeCloseTo((0.5 + 0.5 + 0 + 1) / 4, 6);
    expect(await run({ metric: 'l2' }, tf.tensor4d([0, 0, 1, 1], [1, 2, 2, 1]))).toBeCloseTo((0 + 1) / 2, 6);
    const bceValue = await run({ metric: 'bce' });
    expect(bceValue).toBeGreaterThan(3);
    expect(Number.isFinite(bceValue)).toBe(true);
  });

  it('KLNormal and Reparameterize: KL summed over the code, batch mean; z = μ + σ·ε', async () => {
    const mu = tf.tensor2d([[1, 0], [0, 0]]);
    const logvar = tf.tensor2d([[0, Math.log(4)], [0, 0]]);
    const kl = (0.5 * (1 + 0) + 0.5 * (4 - Math.log(4) - 1)) / 2;
    expect(await scalar(evaluate('KLNormal', { mu, logvar }).loss)).toBeCloseTo(kl, 6);
    const out = evaluate('Reparameterize', { mu, logvar }, { drawn: { eps: new Float32Array([1, 1, -1, 2]) }, outputs: { z: { kind: 'code', dims: [2] } } });
    expect((await value(out.z)).map((v) => +v.toFixed(5))).toEqual([2, 2, -1, 2]);
    expect(await scalar(out.kl)).toBeCloseTo(kl, 6);
  });

  it('ContrastivePair: partners pulled together, other classes pushed a margin apart', async () => {
    const a = tf.tensor2d([[0, 0], [3, 0], [0.5, 0]]);
    const b = tf.tensor2d([[0, 1], [3, 0], [0.5, 0.5]]);
    const label = tf.tensor2d([[1, 0], [0, 1], [1, 0]]);
    const margin = 2;
    const A = [[0, 0], [3, 0], [0.5, 0]];
    const B = [[0, 1], [3, 0], [0.5, 0.5]];
    const cls = [0, 1, 0];
    const d = (i: number, j: number) => Math.hypot(A[i][0] - B[j][0], A[i][1] - B[j][1]);
    const positive = (1 + 0 + 0.25) / 3;
    let neg = 0;
    let count = 0;
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) if (cls[i] !== cls[j]) { neg += Math.max(0, margin - d(i, j)) ** 2; count++; }
    expect(await scalar(evaluate('ContrastivePair', { a, b, label }, { params: { margin } }).loss)).toBeCloseTo(positive + neg / count, 5);
  });

  it('GradientReversal: identity forward, −λ(p)·dy backward; identity in inference; StopGradient: zero', async () => {
    const x = tf.tensor1d([1, 2]);
    const params = { schedule: 'dann', lambda: 2, gamma: 10 };
    const f = (t: tf.Tensor) => evaluate('GradientReversal', { x: t }, { params, progress: 0.5 }).out.mul(tf.tensor1d([3, 5])).sum();
    expect(await value(evaluate('GradientReversal', { x }, { params, progress: 0.5 }).out)).toEqual([1, 2]);
    const lambda = 2 * (2 / (1 + Math.exp(-5)) - 1);
    expect((await value(tf.grad(f)(x))).map((v) => +v.toFixed(5))).toEqual([-3 * lambda, -5 * lambda].map((v) => +v.toFixed(5)));
    const g = tf.grad((t: tf.Tensor) => evaluate('StopGradient', { x: t }).out.mul(3).sum());
    expect(await value(g(x))).toEqual([0, 0]);
  });

  it('Concat joins vectors and images; Split cuts in order', async () => {
    const v = evaluate('Concat', { a: tf.tensor2d([[1], [2]]), b: tf.tensor2d([[3, 4], [5, 6]]) }).out;
    expect(await value(v)).toEqual([1, 3, 4, 2, 5, 6]);
    const img = evaluate('Concat', { a: tf.zeros([1, 2, 2, 1]), b: tf.ones([1, 2, 2, 2]) }).out;
    expect(img.shape).toEqual([1, 2, 2, 3]);
    const parts = evaluate('Split', { x: tf.tensor2d([[1, 2, 3]]) }, { params: { sizes: [2, 1] } });
    expect(await value(parts.out0)).toEqual([1, 2]);
    expect(await value(parts.out1)).toEqual([3]);
  });

  it('Degrade: lr is the image shrunk by the factor (area = block mean), hr the image itself', async () => {
    const x = tf.tensor4d(Array.from({ length: 16 }, (_, i) => i), [1, 4, 4, 1]);
    const out = evaluate('Degrade', { x }, { params: { factor: 2, method: 'area' }, outputs: { lr: { kind: 'image', dims: [2, 2, 1] }, hr: { kind: 'image', dims: [4, 4, 1] } } });
    expect((await value(out.lr)).map((v) => +v.toFixed(4))).toEqual([2.5, 4.5, 10.5, 12.5]);
    expect(out.hr).toBe(x);
  });
});

describe('data feed', () => {
  function datasetPlan(params: Record<string, unknown>, outputs: PlanNode['outputs']): Plan {
    const node: PlanNode = { id: 'd', kind: 'Dataset', label: 'd', params: { split: 'train', range: '-1..1', channels: 'native', domain: 1, ...params }, inputs: {}, outputs };
    return { ...planOf('gan-2d', { size: 'tiny' }), nodes: [node], phases: [] };
  }

  it('Dataset: grey → RGB, range −1..1, domain labels; same seed, same batches', async () => {
    const plan = datasetPlan({ name: 'mnist', channels: 'rgb' }, { x: { kind: 'image', dims: [28, 28, 3] }, label: { kind: 'label', dims: [10] }, domain: { kind: 'label', dims: [1] } });
    const feed = await DataFeed.create(plan, { dataEnv: nodeDataEnv() });
    await feed.prepare(['d']);
    const batch = feed.draw(['d'], 3).get('d')!;
    expect(batch.x.length).toBe(3 * 28 * 28 * 3);
    expect(Math.min(...batch.x)).toBe(-1);
    expect(Math.max(...batch.x)).toBeLessThanOrEqual(1);
    for (let i = 0; i < batch.x.length; i += 3) expect(batch.x[i + 1]).toBe(batch.x[i]);
    expect(Array.from(batch.domain)).toEqual([1, 1, 1]);
    for (let i = 0; i < 3; i++) expect(batch.label.subarray(i * 10, i * 10 + 10).reduce((a, b) => a + b)).toBe(1);
    const again = await DataFeed.create(plan, { dataEnv: nodeDataEnv() });
    await again.prepare(['d']);
    expect(again.draw(['d'], 3).get('d')!.x).toEqual(batch.x);
  });

  it('Dataset: RGB → grey (luma), range 0..1; 2-D points are not rescaled', async () => {
    const plan = datasetPlan({ name: 'faces', channels: 'grey', range: '0..1' }, { x: { kind: 'image', dims: [32, 32, 1] } });
    const feed = await DataFeed.create(plan, { dataEnv: nodeDataEnv() });
    await feed.prepare(['d']);
    const x = feed.draw(['d'], 2).get('d')!.x;
    expect(x.length).toBe(2 * 32 * 32);
    expect(Math.min(...x)).toBeGreaterThanOrEqual(0);
    const points = datasetPlan({ name: 'ring8' }, { x: { kind: 'vector', dims: [2] } });
    const pf = await DataFeed.create(points, { dataEnv: nodeDataEnv() });
    await pf.prepare(['d']);
    const p = pf.draw(['d'], 50).get('d')!.x;
    expect(Math.max(...p.map(Math.abs))).toBeGreaterThan(1.5);
  });

  it('one phase evaluation shares one draw: a code feeding G and a loss gives both the same values', async () => {
    const plan = planOf('infogan', { size: 'tiny' });
    const feed = await DataFeed.create(plan, { dataEnv: nodeDataEnv() });
    const draws = feed.draw(plan.phases[0].nodes, 4);
    // c1 is drawn once per evaluation; Concat and the loss both read that one draw.
    expect([...draws.keys()]).toEqual(['x', 'z', 'c1', 'c23']);
    const next = feed.draw(plan.phases[0].nodes, 4);
    expect(next.get('z')!.z).not.toEqual(draws.get('z')!.z);
    const state = feed.getState();
    const a = feed.draw(plan.phases[1].nodes, 4);
    feed.setState(state);
    expect(feed.draw(plan.phases[1].nodes, 4)).toEqual(a);
  });
});
