/** The feature lessons' metric plumbing against known answers. */
import { describe, expect, it } from 'vitest';
import { agreement, classCentroids, fitLogistic, meanFill, meanPsnr, nearestCentroidPredict, predictLogistic } from '../../../src/analysis/index';
import { nodeDataEnv } from '../../../src/data/env-node';
import { degrade, upsampleBicubic } from '../../../src/data/transforms';
import type { Engine, SampleResult } from '../../../src/engine/engine';
import { domainProbeAccuracy } from '../../../src/lessons/features/dann';
import { evaluateDann } from '../../../src/lessons/features/dann.evaluate';
import { conversionPartners } from '../../../src/lessons/features/disentangle';
import { heldOut } from '../../../src/lessons/features/held-out';
import { evaluateInpainting } from '../../../src/lessons/features/inpainting.evaluate';
import { evaluateSuperResolution } from '../../../src/lessons/features/super-resolution.evaluate';
import type { LessonContext } from '../../../src/lessons/types';
import { engineOf, planOf } from '../engine/helpers';

describe('probes', () => {
  it('nearest-centroid: separated clusters are read perfectly', () => {
    const x = Float32Array.from([0, 0, 0.1, 0, 5, 5, 5.1, 5, -5, 5, -5, 5.2]);
    const y = Int32Array.from([0, 0, 1, 1, 2, 2]);
    const centroids = classCentroids(x, y, 2, 3);
    expect(Array.from(nearestCentroidPredict(centroids, Float32Array.from([4, 4, -4, 6, 0.2, -1]), 2))).toEqual([1, 2, 0]);
    expect(agreement([1, 2, 0, 1], [1, 2, 1, 1])).toBe(0.75);
  });

  it('logistic regression separates a linearly separable attribute', () => {
    const n = 200;
    const x = new Float32Array(n * 3);
    const y = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      x[i * 3] = Math.sin(i);
      x[i * 3 + 1] = Math.cos(i * 1.7);
      x[i * 3 + 2] = (i % 5) / 5;
      y[i] = x[i * 3] + 0.5 * x[i * 3 + 1] > 0.1 ? 1 : 0;
    }
    const model = fitLogistic(x, y, 3, { epochs: 300, lr: 1 });
    expect(agreement(predictLogistic(model, x), Int32Array.from(y))).toBeGreaterThan(0.95);
  });

  it('domain probe: 1 for separated domains, about 0.5 for identical ones', () => {
    const n = 40;
    const domains = Int32Array.from({ length: n }, (_, i) => (i < n / 2 ? 0 : 1));
    const apart = Float32Array.from({ length: n * 2 }, (_, j) => domains[Math.floor(j / 2)] * 10 + (j % 7) / 7);
    expect(domainProbeAccuracy(apart, domains, 2)).toBe(1);
    const same = Float32Array.from({ length: n * 2 }, (_, j) => Math.floor(j / 2) % 4);
    expect(domainProbeAccuracy(same, domains, 2)).toBeLessThanOrEqual(0.6);
  });

  it('voice-conversion partners always have another speaker', () => {
    const speakers = Int32Array.from({ length: 48 }, (_, i) => i % 24);
    const partners = conversionPartners(speakers);
    for (let i = 0; i < 48; i++) expect(speakers[partners[i]]).not.toBe(speakers[i]);
  });
});

describe('mean-fill by hand', () => {
  it('fills the hole with the mean colour of the visible pixels', () => {
    // one 2×2 RGB image, hole at the last pixel
    const image = Float32Array.from([0.2, 0.4, 0.6, 0.4, 0.4, 0.0, 0.0, 0.4, 0.3, 1, 1, 1]);
    const mask = Float32Array.from([0, 0, 0, 1]);
    const filled = meanFill(image, mask, 1, 2, 2, 3);
    expect(Array.from(filled.slice(9)).map((v) => +v.toFixed(5))).toEqual([0.2, 0.4, 0.3]);
    expect(Array.from(filled.slice(0, 9))).toEqual(Array.from(image.slice(0, 9)));
    // hole PSNR: squared errors 0.64, 0.36, 0.49 → mse 1.49/3 → 10·log10(3/1.49)
    expect(meanPsnr(filled, image, 1, 1, mask)).toBeCloseTo(10 * Math.log10(3 / 1.49), 4);
  });
});

describe('lesson figures against direct computations', () => {
  it('super-resolution: bicubic PSNR equals bicubic ×4 of the test faces computed directly', async () => {
    const plan = planOf('super-resolution', { size: 'tiny' });
    const engine = await engineOf(plan, 'wasm');
    const ctx: LessonContext = { plan, engine, dataEnv: nodeDataEnv() };
    const m = await evaluateSuperResolution(ctx, { count: 8 });
    const test = await heldOut(ctx, 'x', { split: 'test', count: 8 });
    const up = upsampleBicubic(degrade(test.raw.x, 8, 32, 32, 3, 4, 'bicubic'), 8, 8, 8, 3, 4);
    expect((m.bicubic as Record<string, number>).psnr).toBeCloseTo(meanPsnr(up, test.raw.x, 8), 2);
    engine.dispose();
  });

  it('inpainting: mean-fill PSNR in the centre hole equals a hand computation', async () => {
    const plan = planOf('inpainting', { size: 'tiny' });
    const engine = await engineOf(plan, 'wasm');
    const ctx: LessonContext = { plan, engine, dataEnv: nodeDataEnv() };
    const m = await evaluateInpainting(ctx, { count: 4 });
    const test = await heldOut(ctx, 'x', { split: 'test', count: 4 });
    // centre square of side 16 in a 32×32 face: rows/columns 8..23
    let total = 0;
    for (let i = 0; i < 4; i++) {
      const img = (y: number, x: number, ch: number) => test.raw.x[((i * 32 + y) * 32 + x) * 3 + ch];
      const inHole = (y: number, x: number) => y >= 8 && y < 24 && x >= 8 && x < 24;
      const mean = [0, 0, 0];
      for (let y = 0; y < 32; y++) for (let x = 0; x < 32; x++) if (!inHole(y, x)) for (let ch = 0; ch < 3; ch++) mean[ch] += img(y, x, ch) / (1024 - 256);
      let se = 0;
      for (let y = 8; y < 24; y++) for (let x = 8; x < 24; x++) for (let ch = 0; ch < 3; ch++) se += (img(y, x, ch) - mean[ch]) ** 2;
      total += 10 * Math.log10(1 / (se / (256 * 3)));
    }
    expect((m.holePsnr as Record<string, number>).meanFill).toBeCloseTo(total / 4, 2);
    engine.dispose();
  });

  it('DANN: a stand-in that reads every digit right scores accuracy 1 on both domains', async () => {
    const plan = planOf('dann', { size: 'tiny' });
    const real = await engineOf(plan, 'wasm');
    const ctx0: LessonContext = { plan, engine: real, dataEnv: nodeDataEnv() };
    const count = 12;
    const source = await heldOut(ctx0, 'src', { split: 'test', count, name: 'mnist' });
    const target = await heldOut(ctx0, 'src', { split: 'test', count, name: 'mnist-m' });
    // Cy answers the true digit; F answers the domain (so the domain probe reads it perfectly).
    const standIn = {
      async sample(node: string, _port: string, n: number, opts: { draws?: Record<string, Record<string, Float32Array>> }): Promise<SampleResult> {
        const x = opts.draws!.src.x;
        const isSource = x[0] === source.draw.x[0] && x[x.length - 1] === source.draw.x[x.length - 1];
        const set = isSource ? source : target;
        if (node === 'Cy') return { data: Float32Array.from({ length: n * 10 }, (_, j) => (set.labels![Math.floor(j / 10)] === j % 10 ? 5 : 0)), shape: [n, 10] };
        return { data: Float32Array.from({ length: n * 3 }, (_, j) => (isSource ? 0 : 1) + (j % 3) * 0.01), shape: [n, 3] };
      },
    } as unknown as Engine;
    const m = await evaluateDann({ plan, engine: standIn, dataEnv: nodeDataEnv() }, { count });
    expect(m.targetAccuracy).toBe(1);
    expect(m.sourceAccuracy).toBe(1);
    expect((m.domainProbe as Record<string, number>).onFeatures).toBe(1);
    // and the real untrained network is far from perfect on the target
    const untrained = await evaluateDann(ctx0, { count });
    expect(untrained.targetAccuracy).toBeLessThan(0.6);
    real.dispose();
  });

  it('optimiseInput: from the code that made the image the fit is exact; from elsewhere it improves', async () => {
    const plan = planOf('photo-editing', { size: 'tiny' });
    const engine = await engineOf(plan, 'wasm');
    const n = 3;
    const z = (await engine.sample('z', 'z', n)).data;
    const target = (await engine.sample('G', 'out', n, { given: { z: { z } } })).data;
    const exact = await engine.optimiseInput({ output: { node: 'G', port: 'out' }, input: { node: 'z', port: 'z' }, count: n, target, start: z, steps: 1, lr: 1e-6 });
    for (const e of exact.error) expect(e).toBeLessThan(1e-6);
    const other = z.map((v) => -v);
    const before = await engine.optimiseInput({ output: { node: 'G', port: 'out' }, input: { node: 'z', port: 'z' }, count: n, target, start: other, steps: 0 });
    const after = await engine.optimiseInput({ output: { node: 'G', port: 'out' }, input: { node: 'z', port: 'z' }, count: n, target, start: other, steps: 30, lr: 0.05 });
    const mean = (a: Float32Array) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(after.error)).toBeLessThan(mean(before.error) * 0.9);
    engine.dispose();
  });
});
