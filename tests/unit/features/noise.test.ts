/**
 * The Gaussian-noise layer: x + σ·ε while training, σ annealed to 0 if asked, nothing when sampling;
 * first in a discriminator's stack it is instance noise on real and fake inputs alike.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layerImpl } from '../../../src/engine/layers/index';
import type { Engine } from '../../../src/engine/index';
import { parseLayers, resolveLayers, type Layer } from '../../../src/graph/layers';
import { Rng } from '../../../src/util/rng';
import { engineOf, planOf } from '../engine/helpers';
import { tinyGan } from './docs';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
const engines: Engine[] = [];
afterAll(() => engines.forEach((e) => e.dispose()));

const noise = layerImpl('gaussianNoise');
const layerOf = (sigma: number, anneal: 'none' | 'linear'): Layer => ({ type: 'gaussianNoise', sigma, anneal });

describe('Gaussian noise layer', () => {
  const x = () => tf.tensor2d([[1, -2, 0.5], [0, 3, -1]]);
  const X = [1, -2, 0.5, 0, 3, -1];
  const eps = new Float32Array([0.5, -1, 2, 1, 0, -0.25]);
  const apply = (layer: Layer, ctx: { training: boolean; progress?: number; random?: Float32Array }) => {
    const [resolved] = resolveLayers([layer], [3]);
    return noise.apply(x(), layer as never, resolved, () => {
      throw new Error('no variables');
    }, ctx);
  };

  it('training: x + σ·ε with ε from the draw', async () => {
    const out = Array.from(await apply(layerOf(0.2, 'none'), { training: true, progress: 0.7, random: eps }).data());
    expect(out).toEqual(X.map((v, i) => expect.closeTo(v + 0.2 * eps[i], 6)));
  });

  it('annealed: σ·(1 − p), none left at the end of training', async () => {
    const at = async (progress: number) => Array.from(await apply(layerOf(0.2, 'linear'), { training: true, progress, random: eps }).data());
    expect(await at(0.75)).toEqual(X.map((v, i) => expect.closeTo(v + 0.05 * eps[i], 6)));
    expect(await at(1)).toEqual(X.map((v) => Math.fround(v)));
  });

  it('sampling: the input unchanged', async () => {
    expect(Array.from(await apply(layerOf(0.2, 'none'), { training: false }).data())).toEqual(X.map((v) => Math.fround(v)));
  });

  it('draws standard normal noise for the whole batch', () => {
    const [resolved] = resolveLayers([layerOf(1, 'none')], [4, 4, 2]);
    const drawn = noise.draw!(layerOf(1, 'none') as never, resolved, 500, new Rng(3));
    expect(drawn.length).toBe(500 * 32);
    const mean = drawn.reduce((a, b) => a + b, 0) / drawn.length;
    const variance = drawn.reduce((a, b) => a + (b - mean) ** 2, 0) / drawn.length;
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(variance).toBeGreaterThan(0.97);
    expect(variance).toBeLessThan(1.03);
  });

  it('instance noise: first in D, the losses see noisy inputs while training, samples do not', async () => {
    const layers = (sigma: number): Layer[] => [layerOf(sigma, 'none'), { type: 'dense', units: 5 }, { type: 'leakyRelu', alpha: 0.2 }, { type: 'dense', units: 1 }];
    const first = async (sigma: number) => {
      const engine = await engineOf(planOf(tinyGan({ discriminator: layers(sigma) }), { size: 'tiny' }), 'cpu');
      engines.push(engine);
      const sample = Array.from((await engine.sample('D', 'out', 8)).data);
      engine.stepPhase('d');
      return { sample, losses: (await engine.flushMetrics())! };
    };
    const none = await first(0);
    const noisy = await first(0.5);
    expect(noisy.sample).toEqual(none.sample);
    expect(noisy.losses.L_real).not.toBe(none.losses.L_real);
    expect(noisy.losses.L_fake).not.toBe(none.losses.L_fake);
  });

  it('refuses a negative σ or an unknown anneal, naming the field', () => {
    expect(parseLayers([{ type: 'gaussianNoise', sigma: -1 }])).toMatchObject({ field: 'layers[0].sigma' });
    expect(parseLayers([{ type: 'gaussianNoise', anneal: 'cosine' }])).toMatchObject({ field: 'layers[0].anneal' });
  });
});
