/**
 * The Entropy loss kind: its shape rule, its value against a hand computation, and that a phase
 * minimising it makes a classifier's predictions confident.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkDocument } from '../../../src/graph/checker';
import { emptyDocument, type GraphDocument } from '../../../src/graph/document';
import { evaluatorOf } from '../../../src/engine/nodes/index';
import type { PlanNode } from '../../../src/compiler/plan';
import { engineOf, lossHistory, planOf } from './helpers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const entropyOf = (rows: number[][]) =>
  rows.reduce((sum, row) => {
    const m = Math.max(...row);
    const z = row.reduce((s, v) => s + Math.exp(v - m), 0);
    const p = row.map((v) => Math.exp(v - m) / z);
    return sum - p.reduce((s, q) => s + (q > 0 ? q * Math.log(q) : 0), 0);
  }, 0) / rows.length;

async function entropy(rows: number[][]): Promise<number> {
  const node: PlanNode = { id: 'H', kind: 'Entropy', label: 'H', params: { weight: 1 }, inputs: {}, outputs: { loss: { kind: 'scalar', dims: [] } } };
  const out = evaluatorOf('Entropy').evaluate({ logits: tf.tensor2d(rows) }, { node, training: true, frozenStats: false, progress: 0, batch: rows.length, drawn: {}, group: () => { throw new Error('none'); }, inputKind: () => 'logits' });
  return (await out.loss.data())[0];
}

/** A classifier on the 2-D moons whose only loss is the entropy of its own predictions. */
function confidenceGraph(classes = 4): GraphDocument {
  const doc = emptyDocument('Entropy minimisation');
  doc.nodes.push(
    { id: 'x', kind: 'Dataset', params: { name: 'moons' }, position: { x: 0, y: 0 } },
    { id: 'C', kind: 'Classifier', params: { layers: [{ type: 'dense', units: 16 }, { type: 'relu' }, { type: 'dense', units: classes }] }, position: { x: 1, y: 0 } },
    { id: 'H', kind: 'Entropy', params: { weight: 1 }, position: { x: 2, y: 0 } },
  );
  doc.edges.push(
    { id: 'e1', source: { node: 'x', port: 'x' }, target: { node: 'C', port: 'x' } },
    { id: 'e2', source: { node: 'C', port: 'out' }, target: { node: 'H', port: 'logits' } },
  );
  doc.phases.push({ id: 'c', name: 'C step', terms: [{ loss: 'H', weight: 1 }], updates: ['C'], optimizer: { type: 'adam', lr: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }, lrSchedule: { type: 'constant' }, repeats: 1, enabled: true });
  doc.run.size = 'tiny';
  doc.run.presets.tiny = { width: 1, batchSize: 32, steps: 60 };
  return doc;
}

describe('Entropy loss', () => {
  it('is −Σ p log p of the softmax, averaged over the batch: log k when unsure, near 0 when sure', async () => {
    const rows = [[0, 0, 0, 0], [3, -1, 0.5, 2], [40, 0, 0, 0]];
    expect(await entropy(rows)).toBeCloseTo(entropyOf(rows), 5);
    expect(await entropy([[1, 1, 1, 1]])).toBeCloseTo(Math.log(4), 6);
    const sure = await entropy([[60, -60]]);
    expect(sure).toBeGreaterThanOrEqual(0);
    expect(sure).toBeLessThan(1e-6);
  });

  it('takes logits of two or more classes, and says so otherwise', () => {
    expect(checkDocument(confidenceGraph()).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const one = checkDocument(confidenceGraph(1)).diagnostics.find((d) => d.node === 'H');
    expect(one).toMatchObject({ code: 'shape', port: 'logits', message: 'Entropy ‹H›: input logits expects scores for two or more classes but gets logits of 1' });
  });

  it('a phase minimising it makes the classifier’s predictions confident', async () => {
    const engine = await engineOf(planOf(confidenceGraph()), 'cpu');
    try {
      const history = await lossHistory(engine, 60);
      const first = history[0].H;
      const last = history[history.length - 1].H;
      expect(first).toBeGreaterThan(0.5 * Math.log(4));
      expect(last).toBeLessThan(first / 2);
    } finally {
      engine.dispose();
    }
  });
});
