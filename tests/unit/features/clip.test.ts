/** Gradient-norm clipping per phase: the global norm of a step's gradients is bounded, directions kept. */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sgd } from '../../../scripts/templates/builder';
import { clipByGlobalNorm } from '../../../src/engine/clip';
import type { Engine } from '../../../src/engine/index';
import { loadDocument } from '../../../src/graph/load';
import { engineOf, planOf } from '../engine/helpers';
import { tinyGan } from './docs';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
const engines: Engine[] = [];
afterAll(() => engines.forEach((e) => e.dispose()));

const values = async (t: tf.Tensor) => Array.from(await t.data());

describe('clipByGlobalNorm', () => {
  it('scales every gradient by c / n when the global norm n is above c', async () => {
    // Global norm √(3² + 4² + 12²) = 13.
    const clipped = clipByGlobalNorm({ a: tf.tensor1d([3, 4]), b: tf.tensor2d([[12]]) }, 6.5);
    expect(await values(clipped.a)).toEqual([1.5, 2]);
    expect(await values(clipped.b)).toEqual([6]);
  });

  it('leaves gradients under the bound as they are', async () => {
    const clipped = clipByGlobalNorm({ a: tf.tensor1d([0.3, -0.4]) }, 1);
    expect(await values(clipped.a)).toEqual(await values(tf.tensor1d([0.3, -0.4])));
  });
});

describe('clipNorm in a phase', () => {
  /** D's weights before and after one D step (SGD, lr 1: the change is minus the gradient). */
  async function dStep(clipNorm?: number) {
    const plan = planOf(tinyGan({ d: { optimizer: sgd(1, 0), ...(clipNorm ? { clipNorm } : {}) } }), { size: 'tiny' });
    const engine = await engineOf(plan, 'cpu');
    engines.push(engine);
    const vars = engine.group('D').variables.filter((v) => v.trainable).map((v) => v.variable);
    const before = await Promise.all(vars.map(values));
    engine.stepPhase('d');
    const after = await Promise.all(vars.map(values));
    const delta = after.flatMap((a, i) => a.map((w, j) => w - before[i][j]));
    return { plan, delta, norm: Math.hypot(...delta) };
  }

  it('bounds the global norm of the update and keeps its direction', async () => {
    const free = await dStep();
    expect(free.norm).toBeGreaterThan(0.05);
    const clipped = await dStep(0.01);
    expect(clipped.plan.phases[0].clipNorm).toBe(0.01);
    expect(clipped.norm).toBeCloseTo(0.01, 6);
    const ratio = clipped.norm / free.norm;
    clipped.delta.forEach((d, i) => expect(d).toBeCloseTo(free.delta[i] * ratio, 6));
  });

  it('a bound above the norm changes nothing', async () => {
    const free = await dStep();
    const loose = await dStep(1000);
    expect(loose.delta).toEqual(free.delta);
  });

  it('a bound of zero or below is refused when the document loads', () => {
    const doc = tinyGan({ d: { clipNorm: 0 } });
    const result = loadDocument(doc);
    expect(!result.ok && result.error).toMatch(/^document: phases\[0\] ‹d›\.clipNorm: /);
  });
});
