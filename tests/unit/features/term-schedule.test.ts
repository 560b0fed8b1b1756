/** Per-term loss-weight schedules: the factor at given steps, and what the engine applies. */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDocument } from '../../../src/graph/checker';
import type { TermSchedule } from '../../../src/graph/document';
import { describeTermSchedule, termScheduleFactor } from '../../../src/graph/term-schedule';
import type { Engine } from '../../../src/engine/index';
import { engineOf, lossHistory, planOf } from '../engine/helpers';
import { tinyGan } from './docs';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
const engines: Engine[] = [];
afterAll(() => engines.forEach((e) => e.dispose()));

describe('termScheduleFactor', () => {
  it('constant (or none) is 1', () => {
    expect(termScheduleFactor(undefined, 7, 10)).toBe(1);
    expect(termScheduleFactor({ type: 'constant' }, 7, 10)).toBe(1);
  });

  it('linear: from before start, to after end, the straight line between', () => {
    const s: TermSchedule = { type: 'linear', from: 0.5, to: 2.5, start: 100, end: 200, unit: 'steps' };
    expect([0, 100, 125, 150, 199, 200, 5000].map((step) => termScheduleFactor(s, step, 1000))).toEqual([0.5, 0.5, 1, 1.5, 0.5 + 2 * 0.99, 2.5, 2.5]);
    const p: TermSchedule = { type: 'linear', from: 1, to: 0, start: 0.5, end: 1, unit: 'progress' };
    expect([0, 500, 750, 1000].map((step) => termScheduleFactor(p, step, 1000))).toEqual([1, 1, 0.5, 0]);
  });

  it('step: before until `at`, after from `at` on (on at step N, or off)', () => {
    const on: TermSchedule = { type: 'step', at: 3, before: 0, after: 1, unit: 'steps' };
    expect([0, 2, 3, 4].map((step) => termScheduleFactor(on, step, 10))).toEqual([0, 0, 1, 1]);
    const off: TermSchedule = { type: 'step', at: 0.5, before: 1, after: 0.1, unit: 'progress' };
    expect([0, 49, 50, 99].map((step) => termScheduleFactor(off, step, 100))).toEqual([1, 1, 0.1, 0.1]);
  });

  it('dann: 2/(1 + e^(−γp)) − 1 with p = step/total', () => {
    const s: TermSchedule = { type: 'dann', gamma: 10 };
    expect(termScheduleFactor(s, 0, 100)).toBe(0);
    expect(termScheduleFactor(s, 50, 100)).toBeCloseTo(2 / (1 + Math.exp(-5)) - 1, 12);
    expect(termScheduleFactor(s, 100, 100)).toBeCloseTo(0.9999092, 6);
    expect(termScheduleFactor(s, 500, 100)).toBe(termScheduleFactor(s, 100, 100));
  });

  it('describes itself', () => {
    expect(describeTermSchedule({ type: 'step', at: 0.5, before: 0, after: 1, unit: 'progress' })).toBe('×0 until 50% of training, then ×1');
    expect(describeTermSchedule({ type: 'linear', from: 0, to: 1, start: 10, end: 20, unit: 'steps' })).toBe('×0 → ×1 from step 10 to step 20');
  });
});

describe('term schedules in training', () => {
  const history = async (schedule: TermSchedule, weight = 2) => {
    const plan = planOf(tinyGan({ g: { terms: [{ loss: 'L_G', weight, schedule }] } }), { size: 'tiny', steps: 10 });
    const engine = await engineOf(plan, 'cpu');
    engines.push(engine);
    return { plan, engine, rows: await lossHistory(engine, 5) };
  };

  it('the phase total is weight × factor(step) × the term, step by step', async () => {
    const { plan, rows } = await history({ type: 'linear', from: 0, to: 1, start: 1, end: 3, unit: 'steps' });
    expect(plan.phases[1].terms[0].schedule).toEqual({ type: 'linear', from: 0, to: 1, start: 1, end: 3, unit: 'steps' });
    const factors = [0, 0, 0.5, 1, 1];
    rows.forEach((row, i) => expect(row.g, `step ${i}`).toBeCloseTo(2 * factors[i] * row.L_G, 6));
  });

  it('DANN ramp over progress, without a new plan per step', async () => {
    const { rows } = await history({ type: 'dann', gamma: 10 }, 1);
    rows.forEach((row, i) => expect(row.g, `step ${i}`).toBeCloseTo((2 / (1 + Math.exp(-10 * (i / 10))) - 1) * row.L_G, 6));
  });

  it('switched off, the term gives no gradient: G keeps its weights until the switch', async () => {
    const plan = planOf(tinyGan({ g: { terms: [{ loss: 'L_G', weight: 1, schedule: { type: 'step', at: 2, before: 0, after: 1, unit: 'steps' } }] } }), { size: 'tiny', steps: 10 });
    const engine = await engineOf(plan, 'cpu');
    engines.push(engine);
    const kernel = () => engine.group('G').variables.find((v) => v.name === 'G/0/kernel')!.variable.data();
    const before = await kernel();
    engine.iterate();
    engine.iterate();
    expect(Array.from(await kernel())).toEqual(Array.from(before));
    engine.iterate();
    expect(Array.from(await kernel())).not.toEqual(Array.from(before));
  });

  it('the checker names the term and field of a bad schedule', () => {
    const doc = tinyGan({
      d: { terms: [{ loss: 'L_real', weight: 1, schedule: { type: 'linear', from: 0, to: 1, start: 5, end: 5, unit: 'steps' } }, { loss: 'L_fake', weight: 1, schedule: { type: 'step', at: 2, before: 0, after: 1, unit: 'progress' } }] },
    });
    expect(checkDocument(doc).diagnostics.filter((d) => d.code === 'term-schedule').map((d) => [d.field, d.message])).toEqual([
      ['phases[0].terms[0].schedule.end', 'Phase ‹D step›, Adversarial loss ‹L_real›: the ramp must end after it starts (start 5, end 5)'],
      ['phases[0].terms[1].schedule.at', 'Phase ‹D step›, Adversarial loss ‹L_fake›: schedule at 2 is a share of training and must be at most 1'],
    ]);
  });
});
