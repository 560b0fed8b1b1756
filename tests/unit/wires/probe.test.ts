/** A look inside a wire: the summary of a port's tensor, its gradient norms, and that probing changes nothing. */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { summariseWire, summaryBytes } from '../../../src/analysis/wire-summary';
import { engineOf, planOf } from '../engine/helpers';

describe('wire summaries', () => {
  it('histograms values, grids images into bytes, and projects vectors onto two axes coloured by label', () => {
    const values = Float32Array.from({ length: 4 * 3 }, (_, i) => i);
    const s = summariseWire(values, 4, [3], 'vector', { values: Int32Array.from([0, 1, 0, 1]), classes: 2 }, { bins: 4 });
    expect(s.mean).toBeCloseTo(5.5, 9);
    expect(s.std).toBeCloseTo(Math.sqrt(143 / 12), 9);
    expect(s.histogram).toEqual({ min: 0, max: 11, counts: [3, 3, 3, 3] });
    expect(s.scatter?.axes).toBe('pca');
    expect(Array.from(s.scatter!.labels!)).toEqual([0, 1, 0, 1]);
    // The rows lie on one line: the first component explains everything.
    expect(s.scatter!.explained![0]).toBeCloseTo(1, 6);
    const img = summariseWire(Float32Array.from({ length: 20 * 4 * 4 }, (_, i) => (i % 2 ? 1 : -1)), 20, [4, 4, 1], 'image');
    expect(img.images).toMatchObject({ count: 16, height: 4, width: 4, channels: 1, range: [-1, 1] });
    expect(img.images!.pixels[0]).toBe(0);
    expect(img.images!.pixels[1]).toBe(255);
    expect(summaryBytes(img)).toBeLessThan(1024);
  });
});

describe('Engine.probe', () => {
  it('reads InfoGAN’s generator output as a grid and the gradient each phase sends back, changing nothing', async () => {
    await tf.setBackend('cpu');
    const engine = await engineOf(planOf('infogan', { size: 'tiny' }), 'cpu');
    try {
      const before = await engine.weights();
      const stateBefore = (await engine.saveState()).manifest.rng;
      const a = await engine.probe('G', 'out');
      const again = await engine.probe('G', 'out');
      expect(Array.from(again.summary.images!.pixels)).toEqual(Array.from(a.summary.images!.pixels));
      const after = await engine.weights();
      for (const [name, v] of Object.entries(before)) expect(Array.from(after[name]), name).toEqual(Array.from(v));
      expect((await engine.saveState()).manifest.rng).toEqual(stateBefore);
      expect(a.summary.images).toMatchObject({ height: 28, width: 28, channels: 1, range: [-1, 1] });
      expect(a.summary.images!.count).toBeGreaterThanOrEqual(8);
      // Both phases read G's output: D's (fake → 0 and L_I) and G's (fake → 1 and L_I).
      expect(a.gradients.map((g) => g.phase)).toEqual(['d', 'g']);
      for (const g of a.gradients) expect(g.norm).toBeGreaterThan(0);

      await engine.run({ steps: 1, logEvery: 1 });
      const b = await engine.probe('G', 'out');
      expect(b.step).toBe(1);
      const changed = b.summary.images!.pixels.filter((p, i) => p !== a.summary.images!.pixels[i]).length;
      expect(changed).toBeGreaterThan(b.summary.images!.pixels.length / 10);

      // The shared trunk's features: a vector, projected and coloured by the categorical code c1.
      const f = await engine.probe('D_fake', 'features');
      expect(f.summary.scatter?.axes).toBe('pca');
      expect(f.labelsFrom).toBe('c1.c');
      expect(f.summary.scatter!.classes).toBe(10);
      // A loss is a scalar: histogram only, and the gradient of its own phase is its weight.
      const l = await engine.probe('L_G', 'loss');
      expect(l.summary.scatter).toBeUndefined();
      expect(l.gradients.find((g) => g.phase === 'g')!.norm).toBeCloseTo(1, 5);
      await expect(engine.probe('G', 'weights')).rejects.toThrow(/no output "weights"/);
    } finally {
      engine.dispose();
    }
  });
});
