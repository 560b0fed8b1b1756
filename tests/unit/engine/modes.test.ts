import { describe, expect, it } from 'vitest';
import { modeCoverage } from '../../../src/analysis/modes';
import { MIXTURES } from '../../../src/data/points';
import { Rng } from '../../../src/util/rng';

describe('modeCoverage', () => {
  const ring = MIXTURES.ring8;

  it('real samples: ~99.7% within 3σ (per axis → ~98.9% in 2-D), balanced modes', () => {
    const rng = new Rng(3);
    const pts = new Float32Array(8000 * 2);
    for (let i = 0; i < 8000; i++) {
      const [cx, cy] = ring.centres[i % 8];
      pts[2 * i] = cx + ring.sigma * rng.normal();
      pts[2 * i + 1] = cy + ring.sigma * rng.normal();
    }
    const c = modeCoverage(pts, ring);
    // P(χ²₂ ≤ 9) = 1 − e^(−4.5) ≈ 0.9889.
    expect(c.withinShare).toBeGreaterThan(0.98);
    expect(c.withinShare).toBeLessThan(0.995);
    for (const s of c.modeShares) expect(s).toBeCloseTo(c.withinShare / 8, 2);
    expect(c.modesCovered).toBe(8);
  });

  it('a collapsed generator: one mode, the others at zero', () => {
    const pts: [number, number][] = Array.from({ length: 100 }, () => [2, 0.01]);
    const c = modeCoverage(pts, ring);
    expect(c.withinShare).toBe(1);
    expect(c.modeShares[0]).toBe(1);
    expect(c.minModeShare).toBe(0);
    expect(c.modesCovered).toBe(1);
  });

  it('points between the modes are not counted', () => {
    const c = modeCoverage([0, 0, 1, 1, 2 + 3.2 * ring.sigma, 0], ring);
    expect(c.withinShare).toBe(0);
    expect(c.points).toBe(3);
    expect(modeCoverage([2 + 2.5 * ring.sigma, 0], ring).withinShare).toBe(1);
    expect(modeCoverage([2 + 2.5 * ring.sigma, 0], ring, { k: 2 }).withinShare).toBe(0);
  });
});
