/**
 * Optimising the input (photo editing's brush): the strokes are fitted where painted, λ1 keeps the
 * code near the start, the realism term raises D's verdict on the result, and nothing leaks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine/index';
import type { OptimiseInputOptions } from '../../../src/engine/optimise-input';
import { tf } from '../../../src/engine/tf';
import { engineOf, planOf } from './helpers';

const N = 2;
const H = 32;
const W = 32;
const C = 3;

let engine: Engine;
let z0: Float32Array;
let target: Float32Array;
let red: Float32Array;
let weights: Float32Array;

const distance = (a: Float32Array, b: Float32Array): number => Math.sqrt(a.reduce((s, v, i) => s + (v - b[i]) ** 2, 0));
const mean = (a: ArrayLike<number>): number => Array.from(a).reduce((s, v) => s + v, 0) / a.length;

/** The brush edit of the photo-editing lesson, from the faces' codes E(x). */
const edit = (more: Partial<OptimiseInputOptions> = {}): OptimiseInputOptions => ({
  output: { node: 'G', port: 'out' },
  input: { node: 'z', port: 'z' },
  count: N,
  target,
  start: z0,
  weights,
  steps: 40,
  lr: 0.05,
  ...more,
});

beforeAll(async () => {
  engine = await engineOf(planOf('photo-editing', { size: 'tiny' }), 'wasm');
  await engine.run({ steps: 3 }); // D no longer constant
  z0 = (await engine.sample('E', 'out', N)).data;
  const base = (await engine.sample('G', 'out', N, { given: { z: { z: z0 } } })).data;
  // Colours G can make: another face's, G(noise), painted across rows 10–13, columns 6–25 of each
  // face (and, as a user might paint, a red stroke there); the rest is not fitted.
  const other = (await engine.sample('G', 'out', N)).data;
  target = base.slice();
  red = base.slice();
  weights = new Float32Array(base.length);
  for (let n = 0; n < N; n++) {
    for (let y = 10; y < 14; y++) {
      for (let x = 6; x < 26; x++) {
        const p = ((n * H + y) * W + x) * C;
        target.set(other.subarray(p, p + C), p);
        red.set([1, -1, -1], p);
        weights.fill(1, p, p + C);
      }
    }
  }
});

afterAll(() => engine?.dispose());

describe('optimiseInput: brush edits', () => {
  it('fits the painted pixels only: their error falls from the start', async () => {
    const before = await engine.optimiseInput(edit({ steps: 0 }));
    const after = await engine.optimiseInput(edit());
    console.log('stroke error before', Array.from(before.error), 'after', Array.from(after.error));
    for (let n = 0; n < N; n++) expect(after.error[n]).toBeLessThan(0.5 * before.error[n]);
    // A red stroke is far from anything a 3-step G makes: its error falls, but little.
    const redBefore = await engine.optimiseInput(edit({ steps: 0, target: red }));
    const redAfter = await engine.optimiseInput(edit({ target: red }));
    console.log('red stroke error before', Array.from(redBefore.error), 'after', Array.from(redAfter.error));
    for (let n = 0; n < N; n++) expect(redAfter.error[n]).toBeLessThan(redBefore.error[n]);
    // Weight 0 everywhere else: the same target with every weight set does not give the same error.
    const everywhere = await engine.optimiseInput(edit({ steps: 0, weights: undefined }));
    expect(Array.from(everywhere.error)).not.toEqual(Array.from(before.error));
  });

  it('a larger closeness λ1 keeps z nearer z0', async () => {
    const distances = [];
    for (const closeness of [0, 1, 100]) distances.push(distance((await engine.optimiseInput(edit({ closeness }))).input, z0));
    console.log('‖z − z0‖ for λ1 = 0, 1, 100:', distances);
    expect(distances[0]).toBeGreaterThan(distances[1]);
    expect(distances[1]).toBeGreaterThan(distances[2]);
  });

  it('the realism term raises D’s logit on the result', async () => {
    const realism = (weight: number) => ({ node: 'D_fake', port: 'out', weight });
    const start = await engine.optimiseInput(edit({ steps: 0, realism: realism(0) }));
    const without = await engine.optimiseInput(edit({ realism: realism(0) }));
    const withD = await engine.optimiseInput(edit({ realism: realism(1) }));
    console.log('D logits: start', Array.from(start.realism!), 'λ2 = 0', Array.from(without.realism!), 'λ2 = 1', Array.from(withD.realism!));
    console.log('stroke error: λ2 = 0', Array.from(without.error), 'λ2 = 1', Array.from(withD.error));
    expect(withD.realism).toHaveLength(N);
    expect(mean(withD.realism!)).toBeGreaterThan(mean(without.realism!));
    // The logit reported is D_fake's on G(z): the same as sampling it with that z.
    const sampled = (await engine.sample('D_fake', 'out', N, { given: { z: { z: withD.input } } })).data;
    for (let n = 0; n < N; n++) expect(withD.realism![n]).toBeCloseTo(sampled[n], 4);
    expect(start.input).toEqual(z0);
    expect(without.realism).not.toBeUndefined();
    expect((await engine.optimiseInput(edit({ steps: 0 }))).realism).toBeUndefined();
  });

  it('refuses a realism node that is not a logit on the output, naming it', async () => {
    await expect(engine.optimiseInput(edit({ realism: { node: 'nope', port: 'out', weight: 1 } }))).rejects.toThrow(/no node "nope"/);
    await expect(engine.optimiseInput(edit({ realism: { node: 'D_fake', port: 'x', weight: 1 } }))).rejects.toThrow(/D_fake has no output "x"/);
    await expect(engine.optimiseInput(edit({ realism: { node: 'D', port: 'out', weight: 1 } }))).rejects.toThrow(/D does not depend on G/);
    await expect(engine.optimiseInput(edit({ realism: { node: 'G_rec', port: 'out', weight: 1 } }))).rejects.toThrow(/G_rec\.out gives 32×32×3 values/);
    await expect(engine.optimiseInput(edit({ realism: { node: 'D_fake', port: 'out', weight: NaN } }))).rejects.toThrow(/weight of D_fake/);
  });

  it('leaves no tensor behind', async () => {
    await engine.optimiseInput(edit({ steps: 2, closeness: 1, realism: { node: 'D_fake', port: 'out', weight: 1 } })); // warm-up: kernels, caches
    const before = tf.memory().numTensors;
    await engine.optimiseInput(edit({ steps: 5, closeness: 1, realism: { node: 'D_fake', port: 'out', weight: 1 } }));
    await engine.optimiseInput(edit({ steps: 0 }));
    await engine.optimiseInput(edit({ realism: { node: 'D', port: 'out', weight: 1 } })).catch(() => undefined);
    expect(tf.memory().numTensors).toBe(before);
  });
});
