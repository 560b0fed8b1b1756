/**
 * An exponential moving average of a network's weights: the formula after n steps, what samples and
 * evaluations run with, and checkpoints that carry it.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine/index';
import { planHash } from '../../../src/engine/checkpoint';
import { engineOf, planOf } from '../engine/helpers';
import { tinyGan } from './docs';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
const engines: Engine[] = [];
afterAll(() => engines.forEach((e) => e.dispose()));

const DECAY = 0.8;
const planWith = (ema: number) => planOf(tinyGan({ gParams: { ema } }), { size: 'tiny' });
async function engineWith(ema: number) {
  const engine = await engineOf(planWith(ema), 'cpu');
  engines.push(engine);
  return engine;
}
const read = async (engine: Engine, name: string, averages = false) => {
  const g = engine.group('G');
  return Array.from(await (averages ? g.averages : g.variables).find((v) => v.name === name)!.variable.data());
};

describe('weight averages', () => {
  it('compile into the plan for the owner of the weights; other groups keep none', () => {
    const plan = planWith(DECAY);
    expect(plan.groups.map((g) => [g.id, g.ema])).toEqual([['D', undefined], ['G', DECAY]]);
    expect(planHash(planWith(0))).toBe(planHash(planOf(tinyGan(), { size: 'tiny' })));
    expect(planHash(plan)).not.toBe(planHash(planWith(0)));
  });

  it('after n steps: a_n = d·a_{n−1} + (1 − d)·w_n from a_0 = w_0, updated by the phase that trains G', async () => {
    const engine = await engineWith(DECAY);
    const names = engine.group('G').variables.filter((v) => v.trainable).map((v) => v.name);
    expect(engine.group('G').averages.map((v) => v.name)).toEqual(names.map((n) => `ema/${n}`));
    const expected: Record<string, number[]> = {};
    for (const n of names) expected[n] = await read(engine, n);
    for (let step = 0; step < 4; step++) {
      engine.stepPhase('d');
      // D's step leaves G's weights and their average alone.
      for (const n of names) expect(await read(engine, `ema/${n}`, true), `after D, step ${step}`).toEqual(expected[n].map((v) => expect.closeTo(v, 6)));
      engine.stepPhase('g');
      for (const n of names) {
        const w = await read(engine, n);
        expected[n] = expected[n].map((a, i) => DECAY * a + (1 - DECAY) * w[i]);
        expect(await read(engine, `ema/${n}`, true), `${n}, step ${step}`).toEqual(expected[n].map((v) => expect.closeTo(v, 6)));
      }
    }
    // And the average is not the weights themselves.
    expect(await read(engine, 'ema/G/0/kernel', true)).not.toEqual(await read(engine, 'G/0/kernel'));
  });

  it('samples run with the averages: the same as a network without one whose weights are set to them', async () => {
    const averaging = await engineWith(DECAY);
    for (let i = 0; i < 5; i++) averaging.iterate();
    const plain = await engineWith(0);
    const assign = async (from: 'averages' | 'weights') => {
      for (const v of plain.group('G').variables) {
        const source = from === 'averages' && v.trainable ? `ema/${v.name}` : v.name;
        const values = await read(averaging, source, source.startsWith('ema/'));
        v.variable.assign(tf.tensor(values, v.variable.shape));
      }
    };
    const sample = async (e: Engine) => Array.from((await e.sample('G', 'out', 16)).data);
    const withAverages = await sample(averaging);
    await assign('averages');
    expect(await sample(plain)).toEqual(withAverages);
    await assign('weights');
    expect(await sample(plain)).not.toEqual(withAverages);
  });

  it('checkpoints carry the averages', async () => {
    const a = await engineWith(DECAY);
    for (let i = 0; i < 3; i++) a.iterate();
    const saved = await a.saveState();
    expect(saved.manifest.weightSpecs.map((s) => s.name).filter((n) => n.startsWith('ema/'))).toEqual(['ema/G/0/kernel', 'ema/G/0/bias', 'ema/G/1/gamma', 'ema/G/1/beta', 'ema/G/3/kernel', 'ema/G/3/bias']);
    const b = await engineWith(DECAY);
    b.loadState(saved);
    expect(await read(b, 'ema/G/3/kernel', true)).toEqual(await read(a, 'ema/G/3/kernel', true));
    expect(Array.from((await b.sample('G', 'out', 8)).data)).toEqual(Array.from((await a.sample('G', 'out', 8)).data));
    a.iterate();
    b.iterate();
    expect(await read(b, 'ema/G/0/kernel', true)).toEqual(await read(a, 'ema/G/0/kernel', true));
  });

  it('a decay of 1 or more is refused, naming the field', async () => {
    const { checkDocument } = await import('../../../src/graph/checker');
    expect(checkDocument(tinyGan({ gParams: { ema: 1 } })).diagnostics.map((d) => [d.node, d.field, d.message])).toEqual([['G', 'ema', 'Generator ‹G›: weight average must be at most 0.99999, not 1']]);
  });
});
