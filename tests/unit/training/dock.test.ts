/**
 * The training dock's plain modules: the loss series and its smoothing, the phase highlight drawn
 * from the plan, checkpoint files, and a network exported in the tf.js weights format (read back
 * with tf.io and compared with the engine's weights).
 */
import * as tf from '@tensorflow/tfjs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { compilePlan } from '../../../src/compiler/compile';
import type { Plan } from '../../../src/compiler/plan';
import { nodeDataEnv } from '../../../src/data/env-node';
import { Engine } from '../../../src/engine/index';
import { packCheckpoint, unpackCheckpoint } from '../../../src/ui/training/checkpoint-store';
import { epochOf } from '../../../src/ui/training/controller';
import { exportNetworkZip } from '../../../src/ui/training/export-network';
import { edgeFlow, highlightMarks, phaseHighlight } from '../../../src/ui/training/highlight';
import { MetricSeries, smooth } from '../../../src/ui/training/series';
import { loadTemplate } from '../helpers';

function planOf(name: string): Plan {
  const result = compilePlan(loadTemplate(name), { size: 'tiny' });
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return result.plan;
}

describe('loss series', () => {
  it('grows, keeps keys aligned, and drops readings after a step when a run resumes earlier', () => {
    const s = new MetricSeries();
    for (let step = 1; step <= 600; step++) s.push(step, step % 2 ? { a: step, b: -step } : { a: step });
    expect(s.length).toBe(600);
    expect(s.column('a')![599]).toBe(600);
    expect(Number.isNaN(s.column('b')![1])).toBe(true);
    s.truncateAfter(100);
    expect(s.length).toBe(100);
    // A reading at an earlier step replaces what came after it.
    s.push(50, { a: -1 });
    expect(s.length).toBe(50);
    expect(Array.from(s.xs()).slice(-2)).toEqual([49, 50]);
    expect(s.snapshot().values.a.at(-1)).toBe(-1);
  });

  it('smooths with a bias-corrected moving average and leaves gaps for NaN', () => {
    expect(smooth([1, 2, 3], 0)).toEqual([1, 2, 3]);
    const out = smooth([2, NaN, 2, 4], 0.5);
    expect(out[0]).toBeCloseTo(2, 12);
    expect(out[1]).toBeNull();
    expect(out[2]).toBeCloseTo(2, 12);
    // The average over the finite readings (2, 2, 4), divided by the weight it has accumulated.
    const w = 0.5;
    const num = ((0 * w + (1 - w) * 2) * w + (1 - w) * 2) * w + (1 - w) * 4;
    const den = 1 - w ** 3;
    expect(out[3]).toBeCloseTo(num / den, 12);
  });
});

describe('phase highlight', () => {
  it('lights the networks a GAN phase updates, its losses, and the edges its gradients flow back along', () => {
    const plan = planOf('gan-2d');
    const doc = loadTemplate('gan-2d');
    const d = phaseHighlight(plan, 'd', null);
    expect([...d.learning].sort()).toEqual(['D', 'D_fake']);
    expect([...d.losses].sort()).toEqual(['L_fake', 'L_real']);
    expect(edgeFlow(d, 'D', 'L_real')).toBe('direct');
    expect(edgeFlow(d, 'G', 'D_fake')).toBeUndefined();
    const g = phaseHighlight(plan, 'g', null);
    expect([...g.learning]).toEqual(['G']);
    expect(edgeFlow(g, 'G', 'D_fake')).toBe('direct');
    expect(edgeFlow(g, 'z', 'G')).toBeUndefined();
    const marks = highlightMarks(g, doc.edges);
    const gEdge = doc.edges.find((e) => e.source.node === 'G' && e.target.node === 'D_fake')!;
    expect(marks.active).toBe(true);
    expect(marks.nodes.get('G')).toEqual({ lit: true, learning: true });
    expect(marks.nodes.get('L_G')).toEqual({ lit: true, loss: true });
    expect(marks.edges.get(gEdge.id)).toBe('direct');
    const idle = highlightMarks(phaseHighlight(plan, null, null), doc.edges);
    expect([idle.active, idle.nodes.size, idle.edges.size]).toEqual([false, 0, 0]);
    expect(highlightMarks(phaseHighlight(plan, null, 'L_G'), doc.edges).nodes.get('L_G')).toEqual({ failed: true });
  });

  it('marks flow through a gradient reversal as reversed (DANN)', () => {
    const plan = planOf('dann');
    const h = phaseHighlight(plan, 'train', null);
    expect(h.learning.has('F')).toBe(true);
    expect(edgeFlow(h, 'grl_s', 'Cd')).toBe('reversed');
    expect(edgeFlow(h, 'F', 'Cy')).toBe('direct');
  });

  it('counts epochs from the first data set', () => {
    const plan = planOf('gan-2d');
    expect(epochOf(plan, 1250)).toBeCloseTo((1250 * plan.batchSize) / 10_000, 9);
  });
});

describe('checkpoint files and network export', () => {
  it('packs a checkpoint into one file and reads it back; exports a network tf.io can load', async () => {
    await tf.setBackend('cpu');
    const plan = planOf('gan-2d');
    const engine = await Engine.create(plan, { dataEnv: nodeDataEnv(), backend: 'cpu' });
    await engine.run({ steps: 2, logEvery: 2 });
    const checkpoint = await engine.saveState();

    const back = await unpackCheckpoint(packCheckpoint(checkpoint));
    expect(back.manifest).toEqual(checkpoint.manifest);
    expect(new Uint8Array(back.weightData)).toEqual(new Uint8Array(checkpoint.weightData));
    await expect(unpackCheckpoint(new Blob(['{"format":"other"}\n', 'xx']))).rejects.toThrow(/not a ganvas checkpoint/);

    const files = unzipSync(exportNetworkZip(checkpoint, 'G', plan));
    const model = JSON.parse(strFromU8(files['model.json']));
    expect(model.format).toBe('layers-model');
    expect(model.userDefinedMetadata.ganvas).toMatchObject({ group: 'G', kind: 'Generator' });
    expect(model.weightsManifest[0].paths).toEqual(['weights.bin']);
    const weights = files['weights.bin'];
    const tensors = tf.io.decodeWeights(weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength), model.weightsManifest[0].weights);
    // Every weight of G, under its Keras layer's name, with the values the engine holds.
    const expected = await engine.weights();
    const names = Object.keys(expected).filter((n) => n.startsWith('G/'));
    expect(Object.keys(tensors)).toHaveLength(names.length);
    const kernel = Object.keys(tensors).find((n) => n.startsWith('l0_dense/kernel'))!;
    expect(Array.from(tensors[kernel].dataSync())).toEqual(Array.from(expected['G/0/kernel']));
    expect(() => exportNetworkZip(checkpoint, 'nope', plan)).toThrow(/no network "nope"/);
    engine.dispose();
  });
});
