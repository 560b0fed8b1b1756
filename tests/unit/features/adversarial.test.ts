/**
 * Adversarial loss options and per-example weights: label smoothing against the formulas, hinge and
 * least squares against theirs, weighted means, and hard pseudo-labels in Pair with a
 * straight-through gradient and their confidence.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeTemplate, adam, phase } from '../../../scripts/templates/builder';
import { checkDocument } from '../../../src/graph/checker';
import { indexGraph } from '../../../src/graph/graph-index';
import { gradientReach } from '../../../src/graph/reach';
import { bce, evaluate, scalar, values } from './evaluate';
import { tinyGan } from './docs';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const logits = () => tf.tensor2d([[2], [-1], [0.5]]);
const adversarial = (params: Record<string, unknown>, weights?: tf.Tensor) => scalar(evaluate('AdversarialLoss', { logits: logits(), ...(weights ? { weights } : {}) }, { params }).loss);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const L = [2, -1, 0.5];

describe('AdversarialLoss types and label smoothing', () => {
  it('non-saturating BCE, least squares and hinge match their formulas', async () => {
    expect(await adversarial({ target: 'real', type: 'bce' })).toBeCloseTo(mean(L.map((l) => bce(l, 1))), 6);
    expect(await adversarial({ target: 'fake', type: 'least-squares' })).toBeCloseTo(mean(L.map((l) => l * l)), 6);
    expect(await adversarial({ target: 'real', type: 'least-squares' })).toBeCloseTo(mean(L.map((l) => (l - 1) ** 2)), 6);
    expect(await adversarial({ target: 'real', type: 'hinge', role: 'discriminator' })).toBeCloseTo(mean(L.map((l) => Math.max(0, 1 - l))), 6);
    expect(await adversarial({ target: 'fake', type: 'hinge', role: 'discriminator' })).toBeCloseTo(mean(L.map((l) => Math.max(0, 1 + l))), 6);
    expect(await adversarial({ target: 'real', type: 'hinge', role: 'generator' })).toBeCloseTo(-mean(L), 6);
  });

  it('one-sided smoothing: the real target is 1 − s (BCE and least squares)', async () => {
    expect(await adversarial({ target: 'real', type: 'bce', smoothing: 0.1 })).toBeCloseTo(mean(L.map((l) => bce(l, 0.9))), 6);
    expect(await adversarial({ target: 'real', type: 'least-squares', smoothing: 0.2 })).toBeCloseTo(mean(L.map((l) => (l - 0.8) ** 2)), 6);
    // Zero smoothing is the plain loss, to the bit.
    expect(await adversarial({ target: 'real', type: 'bce', smoothing: 0 })).toBe(await adversarial({ target: 'real', type: 'bce' }));
  });

  it('the checker refuses smoothing on a fake target or a hinge loss, naming the field', () => {
    const diag = (realLoss: Record<string, unknown>) => checkDocument(tinyGan({ realLoss })).diagnostics.filter((d) => d.node === 'L_real').map((d) => [d.field, d.message]);
    expect(diag({ smoothing: 0.1 })).toEqual([]);
    expect(diag({ smoothing: 0.1, type: 'hinge' })).toEqual([['smoothing', 'Adversarial loss ‹L_real›: label smoothing applies to BCE and least squares; the hinge loss has no target to soften']]);
    expect(diag({ smoothing: 0.1, target: 'fake' })).toEqual([['smoothing', 'Adversarial loss ‹L_real›: label smoothing softens the “real” target; a “fake” target takes none']]);
    expect(diag({ smoothing: 0.7 })).toEqual([['smoothing', 'Adversarial loss ‹L_real›: label smoothing must be at most 0.5, not 0.7']]);
  });
});

describe('per-example weights', () => {
  const w = () => tf.tensor2d([[1], [0], [0.5]]);
  const W = [1, 0, 0.5];

  it('each example counts its weight: mean_i(w_i · l_i)', async () => {
    expect(await adversarial({ target: 'real', type: 'bce' }, w())).toBeCloseTo(mean(L.map((l, i) => W[i] * bce(l, 1))), 6);
    expect(await adversarial({ target: 'fake', type: 'least-squares' }, w())).toBeCloseTo(mean(L.map((l, i) => W[i] * l * l)), 6);
    expect(await adversarial({ target: 'real', type: 'hinge', role: 'generator' }, w())).toBeCloseTo(-mean(L.map((l, i) => W[i] * l)), 6);
    const ce = await scalar(evaluate('CrossEntropy', { logits: tf.tensor2d([[2, 0], [0, 1], [1, 1]]), labels: tf.tensor2d([[1, 0], [1, 0], [0, 1]]), weights: w() }).loss);
    const lse = (a: number[]) => Math.log(a.reduce((s, v) => s + Math.exp(v), 0));
    expect(ce).toBeCloseTo(mean([1 * (lse([2, 0]) - 2), 0, 0.5 * (lse([1, 1]) - 1)]), 6);
  });

  it('weights are constants: no gradient flows into them', async () => {
    const g = tf.grad((weights: tf.Tensor) => evaluate('AdversarialLoss', { logits: logits(), weights }, { params: { target: 'real', type: 'bce' } }).loss)(w());
    expect(await values(g)).toEqual([0, 0, 0]);
  });

  it('the checker wants one weight per example, and reach does not follow the weights input', () => {
    const doc = makeTemplate({
      id: 't', title: 'Weights', description: 'weights', view: '', lesson: '',
      build: (g) => {
        g.node('x', 'Dataset', [0, 0], { name: 'ring8' });
        g.node('D', 'Discriminator', [1, 0], {});
        g.node('C', 'Classifier', [1, 1], { layers: [{ type: 'dense', units: 2 }] });
        g.node('P', 'Pair', [2, 1], { labels: 'hard' });
        g.node('L', 'AdversarialLoss', [3, 0], {});
        g.wire('x.x', 'D.x');
        g.wire('x.x', 'C.x');
        g.wire('x.x', 'P.x');
        g.wire('C.out', 'P.y');
        g.wire('D.out', 'L.logits');
        g.wire('P.confidence', 'L.weights');
      },
      phases: [phase({ id: 'p', name: 'P', terms: ['L'], updates: ['D'], optimizer: adam(1e-3) })],
    });
    const check = checkDocument(doc);
    expect(check.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect([...gradientReach(indexGraph(doc), 'L', check.owners).keys()]).toEqual(['D']);
    doc.edges = doc.edges.map((e) => (e.target.port === 'weights' ? { ...e, source: { node: 'P', port: 'pair' } } : e));
    expect(checkDocument(doc).diagnostics.filter((d) => d.node === 'L').map((d) => [d.port, d.message])).toEqual([
      ['weights', 'Adversarial loss ‹L›: input weights must be one value per example but gets a vector of 4'],
    ]);
  });
});

describe('Pair with hard labels', () => {
  const x = () => tf.tensor2d([[1, 2], [3, 4]]);
  const y = () => tf.tensor2d([[0, Math.log(3), 0], [2, 0, 1]]);
  const soft = [[1 / 5, 3 / 5, 1 / 5], [Math.exp(2), 1, Math.exp(1)].map((v) => v / (Math.exp(2) + 1 + Math.exp(1)))];

  it('forward: the one-hot of the argmax beside x; confidence is each row’s largest softmax value', async () => {
    const out = evaluate('Pair', { x: x(), y: y() }, { kinds: { y: 'logits' }, params: { mode: 'flatten', labels: 'hard' } });
    expect(await values(out.pair)).toEqual([1, 2, 0, 1, 0, 3, 4, 1, 0, 0]);
    expect(out.confidence.shape).toEqual([2, 1]);
    expect(await values(out.confidence)).toEqual([soft[0][1], soft[1][0]].map((v) => expect.closeTo(v, 6)));
    const channels = evaluate('Pair', { x: tf.zeros([2, 1, 1, 1]), y: y() }, { kinds: { y: 'logits' }, params: { mode: 'channels', labels: 'hard' } });
    expect(await values(channels.pair)).toEqual([0, 0, 1, 0, 0, 1, 0, 0]);
  });

  it('backward: straight through — the gradient reaching y is the one soft labels would get', async () => {
    const c = tf.tensor2d([[0, 0, 1, -2, 0.5], [0, 0, 3, 1, -1]]);
    const grad = (labels: string) => tf.grad((logitsY: tf.Tensor) => tf.sum(tf.mul(evaluate('Pair', { x: x(), y: logitsY }, { kinds: { y: 'logits' }, params: { mode: 'flatten', labels } }).pair, c)))(y());
    const hard = await values(grad('hard'));
    expect(hard).toEqual(await values(grad('soft')));
    // By hand for row 0: ∂/∂y_j Σ_k c_k softmax_k = s_j (c_j − Σ_k s_k c_k).
    const s = soft[0];
    const cs = [1, -2, 0.5];
    const dot = s.reduce((a, v, k) => a + v * cs[k], 0);
    expect(hard.slice(0, 3)).toEqual(s.map((v, j) => expect.closeTo(v * (cs[j] - dot), 6)));
  });

  it('soft labels (the default) give no confidence output', () => {
    const out = evaluate('Pair', { x: x(), y: y() }, { kinds: { y: 'logits' }, params: { mode: 'flatten' } });
    expect(Object.keys(out)).toEqual(['pair']);
  });
});
