/**
 * Defaults that learn: the 2-D GAN built from an empty canvas with the palette's defaults (the
 * networks sized for the data they are wired to, the schedule suggested from the losses, the
 * document's own size preset) reaches at least 7 of the 8 modes of the ring in 2,000 iterations on
 * WASM — on two seeds. Bounded by iterations, not by the clock.
 */
import { describe, expect, it } from 'vitest';
import { modeCoverage } from '../../../src/analysis/modes';
import { MIXTURES } from '../../../src/data/points';
import { buildScratchGan } from '../ui/scratch-gan';
import { engineOf, planOf } from './helpers';

const STEPS = 2000;

describe('a GAN built from the palette’s defaults learns', () => {
  for (const seed of [1, 2]) {
    it(`reaches ≥ 7 of 8 modes of the ring in ${STEPS} iterations (seed ${seed})`, async () => {
      const doc = buildScratchGan(seed);
      // Every network is on its sized preset, and the schedule is a D step and a G step.
      expect(doc.phases.map((p) => p.name)).toEqual(['D step', 'G step']);
      const plan = planOf(doc, { steps: STEPS });
      const generator = plan.samples!.node;
      const engine = await engineOf(plan, 'wasm');
      try {
        const run = await engine.run({ steps: STEPS, logEvery: 100 });
        expect(run.status).toBe('done');
        const points = await engine.sample(generator, 'out', 1000);
        const coverage = modeCoverage(points.data, MIXTURES.ring8);
        console.log(`scratch GAN seed ${seed}, ${STEPS} iterations: ${coverage.modesCovered}/8 modes, ${(coverage.withinShare * 100).toFixed(1)}% within 3σ, mode shares ${coverage.modeShares.map((s) => (s * 100).toFixed(1)).join(' ')}%`);
        expect(coverage.modesCovered).toBeGreaterThanOrEqual(7);
      } finally {
        engine.dispose();
      }
    });
  }
});
