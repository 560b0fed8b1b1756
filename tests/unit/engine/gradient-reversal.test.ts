/**
 * Gradient reversal: the feature extractor's gradient from the domain loss is exactly −λ times the
 * gradient the same loss gives without reversal; what sits after the reversal is unaffected; a
 * stop-gradient lets nothing through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../../src/compiler/plan';
import type { Engine } from '../../../src/engine/index';
import { reversalLambda } from '../../../src/graph/nodes/gradient-reversal';
import { engineOf, planOf } from './helpers';

const base = planOf('dann', { size: 'tiny', steps: 100 });

/** The DANN plan with both reversal nodes changed. */
function withReversal(change: (node: Plan['nodes'][number]) => void): Plan {
  const plan = structuredClone(base);
  for (const n of plan.nodes) if (n.kind === 'GradientReversal') change(n);
  return plan;
}

const engines: Engine[] = [];
async function gradientsOf(plan: Plan, progress: number, groups = ['F', 'Cd']) {
  const engine = await engineOf(plan, 'cpu');
  engines.push(engine);
  return engine.gradients('L_d_s', groups, { progress });
}

let identity: Record<string, Float32Array>;
const progress = 0.3;

beforeAll(async () => {
  // λ = −1 makes the reversal an identity: dy·(−λ) = dy.
  identity = await gradientsOf(withReversal((n) => Object.assign(n.params, { schedule: 'constant', lambda: -1 })), progress);
});
afterAll(() => engines.forEach((e) => e.dispose()));

function relativeError(a: Float32Array, b: Float32Array): number {
  let worst = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]));
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst / scale;
}

describe('gradient reversal', () => {
  it('reaches the feature extractor with a non-zero gradient', () => {
    const names = Object.keys(identity).filter((n) => n.startsWith('F/'));
    expect(names).toEqual(['F/0/kernel', 'F/0/bias', 'F/2/kernel', 'F/2/bias']);
    expect(Math.max(...identity['F/2/kernel'].map(Math.abs))).toBeGreaterThan(1e-6);
  });

  it('constant λ = 1: F gets exactly the negated gradient, Cd the same gradient', async () => {
    const reversed = await gradientsOf(withReversal((n) => Object.assign(n.params, { schedule: 'constant', lambda: 1 })), progress);
    for (const name of Object.keys(identity)) {
      // Negation is exact in floating point (+0 folds the sign of zero).
      const expected = Array.from(identity[name], (v) => (name.startsWith('F/') ? -v : v) + 0);
      expect(Array.from(reversed[name], (v) => v + 0), name).toEqual(expected);
    }
  });

  it('DANN schedule: F gets −λ(p)·gradient with λ(p) = 2/(1+e^(−10p)) − 1', async () => {
    const lambda = reversalLambda(base.nodes.find((n) => n.id === 'grl_s')!.params, progress);
    expect(lambda).toBeCloseTo(2 / (1 + Math.exp(-3)) - 1, 12);
    const reversed = await gradientsOf(base, progress);
    for (const name of Object.keys(identity)) {
      const factor = name.startsWith('F/') ? -lambda : 1;
      const expected = identity[name].map((v) => v * factor);
      expect(relativeError(reversed[name], expected), name).toBeLessThan(1e-6);
    }
    // And it is not the unreversed gradient.
    expect(relativeError(reversed['F/2/kernel'], identity['F/2/kernel'])).toBeGreaterThan(1);
  });

  it('at p = 0 the DANN ramp gives λ = 0: no gradient reaches F', async () => {
    const reversed = await gradientsOf(base, 0);
    expect(Math.max(...reversed['F/2/kernel'].map(Math.abs))).toBe(0);
  });

  it('a stop-gradient in its place lets nothing reach F', async () => {
    const stopped = await gradientsOf(withReversal((n) => (n.kind = 'StopGradient')), progress);
    for (const name of Object.keys(stopped).filter((n) => n.startsWith('F/'))) {
      expect(Math.max(...stopped[name].map(Math.abs)), name).toBe(0);
    }
    expect(Array.from(stopped['Cd/0/kernel'])).toEqual(Array.from(identity['Cd/0/kernel']));
  });
});
