/**
 * The exported PyTorch project against the engine (CPU backend, float32): the same initial weights
 * (the exporter writes the engine's seeded ones), the same batches and noise (--rng ganvas replays
 * the engine's streams), the same per-term losses within 1e-4. A project with one loss weight
 * changed, or without its gradient reversal, must fail the same comparison.
 *
 * All three are compared over 20 steps from the same start (InfoGAN's asserted over the first
 * ten, see its test). InfoGAN's are also compared one at a time, each from the engine's whole
 * state before it (weights, optimizer slots, random streams): an earlier InfoGAN recipe was
 * chaotic at the scale of float32 rounding (a one-ulp change of its initial weights moved
 * PyTorch's own losses by ~1e-2 within 20 steps), and the step-by-step comparison holds the
 * implementations to 1e-4 whatever the recipe's conditioning. The template's recipe now (category
 * term weighed 2) is chaotic at tiny size again, so InfoGAN's 20-step comparison runs on it with
 * that weight at 1, and the template itself is compared step by step.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphDocument } from '../../../src/graph/document';
import { engineOf, planOf } from '../engine/helpers';
import { loadTemplate } from '../helpers';
import { engineLosses, exportProject, relativeDifferences, TMP, torchLosses, torchLossesFrom, type Losses } from './helpers';

const STEPS = 20;
const TOLERANCE = 1e-4;
/** InfoGAN's steps from the same start that are asserted (see the test). */
const TRAJECTORY_STEPS = 10;
const report: string[] = [];

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => console.log(`PyTorch export against the engine (largest relative difference of a loss term):\n  ${report.join('\n  ')}`));

const worst = (d: number[]) => Math.max(...d);
const perStep = (d: number[]) => d.map((x) => x.toExponential(1)).join(' ');

/** Writes a copy of train.py with one edit as `<name>.py`; returns the file name. */
function edit(dir: string, name: string, from: RegExp, to: (match: string, ...groups: string[]) => string): string {
  const text = readFileSync(join(dir, 'train.py'), 'utf8');
  const next = text.replace(from, to);
  expect(next, `the edit ${from} must change train.py`).not.toBe(text);
  writeFileSync(join(dir, `${name}.py`), next);
  return `${name}.py`;
}

/** The first term weight of the first phase, ×1.1. */
const changeWeight = (dir: string) => edit(dir, 'train_weight', /terms=\{"([^"]+)": ([0-9.e-]+)/, (_, loss, w) => `terms={"${loss}": ${Number(w) * 1.1}`);

async function setUp(name: string | GraphDocument, checkpoints?: string): Promise<{ dir: string; engine: Losses[] }> {
  const plan = planOf(name, { size: 'tiny', steps: STEPS });
  const dir = await exportProject(plan);
  const e = await engineOf(plan, 'cpu');
  try {
    return { dir, engine: await engineLosses(e, STEPS, checkpoints) };
  } finally {
    e.dispose();
  }
}

describe.each(['gan-2d', 'dann'])('%s, 20 steps from the same start', (name) => {
  let p: { dir: string; engine: Losses[] };
  beforeAll(async () => {
    p = await setUp(name);
  });

  it('gives the engine’s losses, term by term, at every step', () => {
    const d = relativeDifferences(torchLosses(p.dir), p.engine);
    report.push(`${name}: ${worst(d).toExponential(2)} (per step: ${perStep(d)})`);
    expect(worst(d)).toBeLessThan(TOLERANCE);
  });

  it('does not with one loss weight changed', () => {
    const d = relativeDifferences(torchLosses(p.dir, { script: changeWeight(p.dir) }), p.engine);
    report.push(`${name} with a loss weight ×1.1: ${worst(d).toExponential(2)}`);
    expect(worst(d)).toBeGreaterThan(TOLERANCE);
  });

  it.runIf(name === 'dann')('does not without its gradient reversal', () => {
    const script = edit(p.dir, 'train_no_reversal', /ops\.grad_reverse\((\w+), [^\n]*\)$/gm, (_, x) => x);
    const d = relativeDifferences(torchLosses(p.dir, { script }), p.engine);
    report.push(`${name} without the reversal: ${worst(d).toExponential(2)}`);
    expect(worst(d)).toBeGreaterThan(TOLERANCE);
  });
});

/**
 * InfoGAN with its category term weighed 1 instead of the template's 2: at 2 the tiny plan is
 * chaotic again (20 steps from the same start drift apart by ~5e-2 while every step from the
 * engine's state agrees to 1e-6), at 1 it is not (4e-6 over 20 steps) — the same code paths.
 */
function infoganCategoryWeightOne(): GraphDocument {
  const doc = loadTemplate('infogan');
  for (const phase of doc.phases) for (const term of phase.terms) if (term.loss === 'L_c1') term.weight = 1;
  return doc;
}

describe('infogan, 20 steps from the same start and each step from the engine’s state', () => {
  const checkpoints = join(TMP, 'infogan-steps');
  let p: { dir: string; engine: Losses[] };
  let conditioned: { dir: string; engine: Losses[] };
  beforeAll(async () => {
    p = await setUp('infogan', checkpoints);
    conditioned = await setUp(infoganCategoryWeightOne());
  });

  it('gives the engine’s losses, term by term, at every step: over 20 steps, and each step from its state', () => {
    const trajectory = relativeDifferences(torchLosses(conditioned.dir), conditioned.engine);
    report.push(`infogan (category weight 1), 20 steps from the same start: ${worst(trajectory).toExponential(2)} (per step: ${perStep(trajectory)})`);
    const chaotic = relativeDifferences(torchLosses(p.dir), p.engine);
    report.push(`infogan (the template, category weight 2), 20 steps from the same start, not asserted: ${worst(chaotic).toExponential(2)} (per step: ${perStep(chaotic)})`);
    const d = relativeDifferences(torchLossesFrom(p.dir, checkpoints, STEPS), p.engine);
    report.push(`infogan, each step from the engine's state: ${worst(d).toExponential(2)} (per step: ${perStep(d)})`);
    // Even at category weight 1 the recipe amplifies float32 rounding after ~15 steps on some
    // CPUs (OpenBLAS picks its kernels per CPU: 4.7e-5 at step 16 → 7.3e-4 at step 20 on a Zen
    // host, under 1e-4 throughout on an Intel one), so the trajectory is held to 1e-4 over its
    // first ten steps (updates carried across iterations); the step-by-step comparison holds all
    // 20 iterations' losses to 1e-4, the phases' updates within an iteration included.
    expect(worst(trajectory.slice(0, TRAJECTORY_STEPS))).toBeLessThan(TOLERANCE);
    expect(worst(d)).toBeLessThan(TOLERANCE);
  });

  it('does not with one loss weight changed', () => {
    const script = changeWeight(p.dir);
    const d = relativeDifferences(torchLossesFrom(p.dir, checkpoints, STEPS, script.replace(/\.py$/, '')), p.engine);
    report.push(`infogan with a loss weight ×1.1, each step: ${worst(d).toExponential(2)}`);
    expect(worst(d)).toBeGreaterThan(TOLERANCE);
  });
});
