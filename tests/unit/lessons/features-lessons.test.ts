/**
 * The feature lessons' figures on 2-step tiny runs: every key is there with the right shape and
 * range. (Their values after so little training mean nothing; the plumbing is checked against
 * known answers in features-metrics.test.ts.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeDataEnv } from '../../../src/data/env-node';
import { applyVariant } from '../../../src/graph/variants';
import { evaluationFor } from '../../../src/lessons/evaluators';
import { configureReference } from '../../../src/lessons/reference-judge';
import type { LessonMetrics } from '../../../src/lessons/types';
import { engineOf, planOf } from '../engine/helpers';
import { loadTemplate } from '../helpers';

async function evaluate(template: string, opts: { variant?: string; count?: number; steps?: number } = {}): Promise<LessonMetrics> {
  let doc = loadTemplate(template);
  if (opts.variant) doc = applyVariant(doc, opts.variant);
  const plan = planOf(doc, { size: 'tiny' });
  const engine = await engineOf(plan, 'wasm');
  try {
    await engine.run({ steps: 2 });
    const evaluateLesson = evaluationFor(doc.meta.view)!;
    return await evaluateLesson({ plan, engine, dataEnv: nodeDataEnv() }, { count: opts.count ?? 24, ...(opts.steps ? { steps: opts.steps } : {}) } as { count: number });
  } finally {
    engine.dispose();
  }
}

// Reference judges (photo editing's attribute judge) trained a few steps: these tests check plumbing.
beforeAll(() => configureReference({ store: undefined, steps: 3 }));

const inUnit = (x: unknown) => typeof x === 'number' && x >= 0 && x <= 1;

describe('feature lessons on tiny runs', () => {
  it('DANN: accuracies in [0, 1], a PCA point per test sample, a domain label per point', async () => {
    for (const variant of [undefined, 'source-only']) {
      const m = await evaluate('dann', { variant, count: 20 });
      expect(inUnit(m.targetAccuracy) && inUnit(m.sourceAccuracy)).toBe(true);
      const pca = m.pca as { points: number[][]; domains: number[] };
      expect(pca.points).toHaveLength(40);
      expect(pca.points[0]).toHaveLength(2);
      expect(pca.domains.filter((d) => d === 1)).toHaveLength(20);
      const probe = m.domainProbe as Record<string, number>;
      expect(inUnit(probe.onFeatures) && inUnit(probe.onPca)).toBe(true);
    }
  });

  it('DANN (alternating): the same figures', async () => {
    const m = await evaluate('dann-alternating', { count: 10 });
    expect(inUnit(m.targetAccuracy)).toBe(true);
  });

  it('feature disentangle: probe accuracies, chance 1/24, conversion shares, embeddings per speaker', async () => {
    const m = await evaluate('feature-disentangle', { count: 48 });
    const speaker = m.speakerAccuracy as Record<string, number>;
    expect(speaker.chance).toBeCloseTo(1 / 24, 4);
    expect(inUnit(speaker.fromEs) && inUnit(speaker.fromEc)).toBe(true);
    const conversion = m.conversion as Record<string, number>;
    expect(inUnit(conversion.judgedAsB) && inUnit(conversion.contentKept)).toBe(true);
    expect(conversion.judgedAsA + conversion.judgedAsB).toBeLessThanOrEqual(1);
    const emb = m.embeddings as { ec: number[][]; speaker: number[] };
    expect(emb.ec).toHaveLength(48);
    expect(new Set(emb.speaker).size).toBe(24);
  });

  it('super-resolution: PSNR/SSIM/sharpness for bicubic and the network', async () => {
    const m = await evaluate('super-resolution', { count: 6 });
    const bicubic = m.bicubic as Record<string, number>;
    const network = m.network as Record<string, number>;
    expect(m.factor).toBe(4);
    expect(bicubic.psnr).toBeGreaterThan(15); // bicubic of a ×4 face is a fair picture
    expect(network.psnr).toBeGreaterThan(0);
    expect(bicubic.ssim).toBeGreaterThan(0);
    expect(bicubic.ssim).toBeLessThanOrEqual(1);
    expect(bicubic.sharpness).toBeLessThan((m.original as Record<string, number>).sharpness);
  });

  it('inpainting: hole PSNR of the generator and of mean-fill', async () => {
    const m = await evaluate('inpainting', { count: 6 });
    const hole = m.holePsnr as Record<string, number>;
    expect(hole.meanFill).toBeGreaterThan(5);
    expect(hole.generator).toBeGreaterThan(0);
    expect(m.holeShare).toBeCloseTo(0.25, 2); // the centre square is half the side
  });

  it('photo editing: three reconstruction errors and edits per attribute', async () => {
    const m = await evaluate('photo-editing', { count: 8, steps: 5 });
    const err = m.reconstructionError as Record<string, number>;
    for (const key of ['descent', 'encoder', 'encoderThenDescent']) expect(inUnit(err[key])).toBe(true);
    // descent from E(x) can only improve on E(x) (a few Adam steps on an untrained G, small lr)
    expect(err.encoderThenDescent).toBeLessThanOrEqual(err.encoder + 1e-4);
    expect(inUnit(m.flipShare)).toBe(true);
    expect(inUnit(m.flipShareLogistic)).toBe(true);
    expect(m.identityChange).toBeGreaterThanOrEqual(0);
    const attributes = m.attributes as Record<string, { judgeAccuracy: number; trusted: boolean }>;
    expect(Object.keys(attributes).length).toBeGreaterThan(3);
    // Only attributes the judge gets right ≥ 80% of the time count towards flipShare.
    const trusted = Object.values(attributes).filter((a) => a.trusted);
    expect(trusted.every((a) => a.judgeAccuracy >= 0.8)).toBe(true);
    expect(m.judgedAttributes).toBe(trusted.length);
  });
});
