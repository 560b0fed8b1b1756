/**
 * The generative lessons' figures on 2-step tiny runs: right keys, shapes and ranges, and the
 * plumbing (Q on real digits via `given`, reconstructions, the judge) against hand computations.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { argmaxRows, bestMappingAccuracy, classAgreement } from '../../../src/analysis/assignment';
import { mse, sharpness } from '../../../src/analysis/image-metrics';
import { main } from '../../../src/cli/main';
import { nodeDataEnv } from '../../../src/data/env-node';
import { writeCheckpoint } from '../../../src/engine/checkpoint-node';
import type { Engine } from '../../../src/engine/engine';
import { applyVariant } from '../../../src/graph/variants';
import { generatedAsIntended } from '../../../src/lessons/generative/triple-gan.evaluate';
import { evaluationFor } from '../../../src/lessons/evaluators';
import type { LessonContext } from '../../../src/lessons/types';
import { judgedAgreement, reconstructThroughCode } from '../../../src/lessons/generative/bigan.evaluate';
import { heldOutImages, toUnit } from '../../../src/lessons/generative/data';
import { categoryCount } from '../../../src/lessons/generative/infogan.evaluate';
import { nodeOf } from '../../../src/lessons/roles';
import { configureReference, referenceClassifier } from '../../../src/lessons/generative/reference-classifier';
import { reconstruct } from '../../../src/lessons/generative/vae-gan.evaluate';
import { engineOf, planOf } from '../engine/helpers';
import { loadTemplate } from '../helpers';

const dataEnv = nodeDataEnv();
const engines: Engine[] = [];

async function trained(name: string, variant?: string): Promise<LessonContext> {
  const doc = variant ? applyVariant(loadTemplate(name), variant) : name;
  const plan = planOf(doc, { size: 'tiny' });
  const engine = await engineOf(plan, 'wasm');
  engines.push(engine);
  await engine.run({ steps: 2 });
  return { plan, engine, dataEnv };
}

const isShare = (v: unknown) => typeof v === 'number' && v >= 0 && v <= 1;
const rowSums = (m: number[][]) => m.map((r) => r.reduce((a, b) => a + b, 0));

beforeAll(() => configureReference({ store: undefined, steps: 3 }));
afterAll(() => engines.forEach((e) => e.dispose()));

describe('classAgreement', () => {
  it('counts equal positions', () => {
    expect(classAgreement([1, 2, 3, 4], [1, 2, 0, 4])).toBe(0.75);
    expect(classAgreement([], [])).toBe(0);
    expect(() => classAgreement([1], [1, 2])).toThrow(/cannot compare/);
  });
});

describe('2-D GAN lesson', () => {
  it('mode coverage of G’s points', async () => {
    const ctx = await trained('gan-2d');
    const m = await evaluationFor('gan-2d')!(ctx, { count: 500 });
    expect(m.points).toBe(500);
    expect(m.modes).toBe(8);
    expect(m.modeShares).toHaveLength(8);
    expect(isShare(m.withinShare)).toBe(true);
    const shares = m.modeShares as number[];
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(m.withinShare as number, 10);
    expect(m.modesCovered).toBe(shares.filter((s) => s >= 0.01).length);
  });
});

describe('InfoGAN lesson', () => {
  it('argmax Q_c1 on the held-out digits, mapped one-to-one: matches a computation by hand', async () => {
    const ctx = await trained('infogan');
    const n = 200;
    const m = await evaluationFor('infogan')!(ctx, { count: n });
    expect(m.examples).toBe(n);
    const confusion = m.confusion as number[][];
    expect(confusion).toHaveLength(10);
    expect(rowSums(confusion).reduce((a, b) => a + b, 0)).toBe(n);
    expect(m.accuracy).toBeCloseTo(confusion.reduce((s, row, i) => s + row[i], 0) / n, 12);
    expect(new Set(m.mapping as number[]).size).toBe(10);

    // By hand: MNIST test digits as G's output ([−1, 1]), Q's c1 logits read through D's trunk.
    const held = await heldOutImages(dataEnv, nodeOf(ctx.plan, { node: 'x' }), n);
    expect(held.images.reduce((a, b) => Math.min(a, b), 0)).toBe(-1);
    expect(held.labels).toHaveLength(n);
    // The template names what the lesson reads.
    expect(ctx.plan.roles).toMatchObject({ data: { node: 'x', port: 'x' }, generator: { node: 'G', port: 'out' }, recognizer: { node: 'q', port: 'out0' }, category: { node: 'c1', port: 'c' } });
    expect(categoryCount(ctx)).toBe(10);
    const logits = await ctx.engine.sample('q', 'out0', n, { given: { G: { out: held.images } } });
    const byHand = bestMappingAccuracy(argmaxRows(logits.data, 10), held.labels, 10);
    expect(m.accuracy).toBe(byHand.accuracy);
    expect(m.categoriesUsed).toBe(byHand.categoriesUsed);
    // Q's verdict depends on the given digits, not on G's own samples.
    const onG = await ctx.engine.sample('q', 'out0', n);
    expect(Array.from(onG.data)).not.toEqual(Array.from(logits.data));
  });
});

describe('VAE-GAN lesson', () => {
  for (const variant of [undefined, 'plain-vae']) {
    it(`reconstruction error and sharpness ratio (${variant ?? 'VAE-GAN'})`, async () => {
      const ctx = await trained('vae-gan', variant);
      const n = 16;
      const m = await evaluationFor('vae-gan')!(ctx, { count: n });
      expect(m.examples).toBe(n);
      expect(m.adversarial).toBe(variant === undefined);
      expect(ctx.plan.roles).toMatchObject({ data: { node: 'x', port: 'x' }, posterior: { node: 'rep', port: 'z' }, decoder: { node: 'G', port: 'out' } });
      expect(ctx.plan.roles.judge).toEqual(variant === undefined ? { node: 'D', port: 'out' } : undefined);
      const node = nodeOf(ctx.plan, { node: 'x' });
      const held = await heldOutImages(dataEnv, node, n);
      const recon = toUnit(await reconstruct(ctx, held.images, n), node.params.range);
      const [h, w, c] = held.dims;
      expect([h, w, c]).toEqual([32, 32, 3]);
      expect(m.reconstructionMse).toBeCloseTo(mse(recon, held.unit), 10);
      expect(m.sharpnessReal).toBeCloseTo(sharpness(held.unit, n, h, w, c), 10);
      expect(m.sharpnessRatio).toBeCloseTo(sharpness(recon, n, h, w, c) / sharpness(held.unit, n, h, w, c), 10);
      expect(m.sharpnessRatio as number).toBeGreaterThan(0);
      // Reconstructions use ε = 0: deterministic.
      expect(Array.from(await reconstruct(ctx, held.images, n))).toEqual(Array.from(await reconstruct(ctx, held.images, n)));
    });
  }
});

describe('BiGAN lesson', () => {
  it('a perfect judge: agreement 1 on exact copies, the label share on shuffled ones', async () => {
    const labels = new Int32Array([0, 1, 2, 3, 4, 5]);
    const images = Float32Array.from(labels, (l) => l / 10); // one-pixel images whose value says the class
    const judge = async (unit: Float32Array) => Int32Array.from(unit, (v) => Math.round(v * 10));
    expect(await judgedAgreement(judge, images, images, 6, labels)).toEqual({ agreement: 1, reconstructionsCorrect: 1 });
    const shuffled = Float32Array.from([0, 1, 2, 5, 4, 3], (l) => l / 10);
    expect(await judgedAgreement(judge, images, shuffled, 6, labels)).toEqual({ agreement: 4 / 6, reconstructionsCorrect: 4 / 6 });
  });

  it('agreement, reference accuracy and 1-NN accuracies (trained and untrained encoder)', async () => {
    const ctx = await trained('bigan');
    const m = await evaluationFor('bigan')!(ctx, { count: 100 });
    expect(m.examples).toBe(100);
    expect(m.referenceSteps).toBe(3);
    for (const k of ['agreement', 'reconstructionsCorrect', 'referenceAccuracy', 'nnAccuracy', 'nnAccuracyUntrained']) expect(isShare(m[k]), k).toBe(true);
    // Raw pixels already give 1-NN well above chance on MNIST; so do random conv features.
    expect(m.nnAccuracyUntrained as number).toBeGreaterThan(0.3);
    expect(ctx.plan.roles.code).toEqual({ node: 'z', port: 'z' });
    const recon = await reconstructThroughCode(ctx, (await heldOutImages(dataEnv, nodeOf(ctx.plan, { node: 'x' }), 4)).images, 4);
    expect(recon).toHaveLength(4 * 28 * 28);
    // The judge agrees with itself on the same images.
    const reference = await referenceClassifier(dataEnv);
    const held = await heldOutImages(dataEnv, nodeOf(ctx.plan, { node: 'x' }), 50);
    expect((await judgedAgreement(reference.classify, held.unit, held.unit, 50, held.labels)).agreement).toBe(1);
  });
});

describe('Triple-GAN lesson', () => {
  for (const variant of [undefined, 'classifier-only']) {
    it(`classifier accuracy and confusion (${variant ?? 'Triple-GAN'})`, async () => {
      const ctx = await trained('triple-gan', variant);
      const m = await evaluationFor('triple-gan')!(ctx, { count: 300 });
      expect(m.adversarial).toBe(variant === undefined);
      const confusion = m.confusion as number[][];
      expect(confusion).toHaveLength(10);
      const held = await heldOutImages(dataEnv, ctx.plan.nodes.find((x) => x.id === 'sub')!, 300, { port: 'x_labelled' });
      // Rows are true classes: their sums are the class counts of the held-out digits.
      const counts = new Array(10).fill(0);
      for (const l of held.labels) counts[l]++;
      expect(rowSums(confusion)).toEqual(counts);
      expect(m.accuracy).toBeCloseTo(confusion.reduce((s, row, i) => s + row[i], 0) / 300, 12);
      // Only a graph with a generator says how often G's samples are the class asked for.
      expect('generatedAsIntended' in m).toBe(variant === undefined);
    });
  }

  it('G’s samples as intended: each class asked for in turn, judged by the reference classifier', async () => {
    const ctx = await trained('triple-gan');
    const got = await generatedAsIntended(ctx, 7);
    // By hand: 7 samples of each class y, the reference classifier's verdict against y.
    const onehots = new Float32Array(70 * 10);
    for (let i = 0; i < 70; i++) onehots[i * 10 + Math.floor(i / 7)] = 1;
    const made = await ctx.engine.sample('G', 'out', 70, { draws: { y: { c: onehots } } });
    const judged = await (await referenceClassifier(dataEnv)).classify(made.data.map((v) => Math.min(1, Math.max(0, (v + 1) / 2))), 70);
    const perClass = Array.from({ length: 10 }, (_, y) => judged.slice(y * 7, y * 7 + 7).filter((c) => c === y).length / 7);
    expect(got.perClass).toEqual(perClass);
    expect(got.share).toBeCloseTo(perClass.reduce((a, b) => a + b, 0) / 10, 12);
  });
});

describe('ganvas eval', () => {
  async function run(args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(args, { log: (l) => out.push(l), error: (l) => err.push(l) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('prints the lesson’s figures as JSON for a tiny checkpoint, and exits 2 for another graph’s', async () => {
    const ctx = await trained('infogan');
    const dir = mkdtempSync(join(tmpdir(), 'ganvas-eval-'));
    writeCheckpoint(join(dir, 'checkpoint'), await ctx.engine.saveState());
    const r = await run(['eval', 'infogan', '--checkpoint', dir, '--count', '100']);
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({ template: 'infogan', view: 'infogan', step: 2, size: 'tiny', backend: 'wasm' });
    expect(Object.keys(json.metrics).sort()).toEqual(['accuracy', 'categoriesUsed', 'confusion', 'examples', 'mapping']);
    // The same numbers as the lesson run in process.
    const direct = await evaluationFor('infogan')!(ctx, { count: 100 });
    expect(json.metrics.accuracy).toBe(direct.accuracy);

    const other = await run(['eval', 'gan-2d', '--checkpoint', dir]);
    expect(other.code).toBe(2);
    expect(other.err).toMatch(/not saved from this graph/);
  });

  const KEYS: Record<string, string[]> = {
    'gan-2d': ['dataset', 'minModeShare', 'modeShares', 'modes', 'modesCovered', 'points', 'withinShare'],
    'vae-gan': ['adversarial', 'examples', 'reconstructionMse', 'sharpnessRatio', 'sharpnessReal', 'sharpnessReconstruction'],
    bigan: ['agreement', 'examples', 'nnAccuracy', 'nnAccuracyUntrained', 'reconstructionsCorrect', 'referenceAccuracy', 'referenceSteps'],
    'triple-gan': ['accuracy', 'adversarial', 'confusion', 'examples', 'generatedAsIntended', 'generatedAsIntendedPerClass'],
  };
  for (const [template, keys] of Object.entries(KEYS)) {
    it(`${template}: the figures' keys`, async () => {
      const ctx = await trained(template);
      const dir = mkdtempSync(join(tmpdir(), 'ganvas-eval-'));
      writeCheckpoint(join(dir, 'checkpoint'), await ctx.engine.saveState());
      const r = await run(['eval', template, '--checkpoint', dir, '--count', '40']);
      expect(r.code, r.err).toBe(0);
      expect(Object.keys(JSON.parse(r.out).metrics).sort()).toEqual(keys);
    });
  }
});
