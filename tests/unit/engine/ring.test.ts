/**
 * The 2-D GAN learns the ring through the CLI (wasm), in the 2,000 steps its lesson promises: points
 * on every mode, none starved (the results table holds the same figures for two other seeds).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { modeCoverage } from '../../../src/analysis/modes';
import { trainCommand } from '../../../src/cli/commands/train';
import { MIXTURES } from '../../../src/data/points';
import { readCheckpoint } from '../../../src/engine/checkpoint-node';
import { TEMPLATE_DIR } from '../helpers';
import { engineOf, planOf } from './helpers';

const STEPS = 2000;

describe('gan-2d learns the ring of 8 Gaussians', () => {
  it(`after ${STEPS} steps through \`ganvas train\`: points near the modes, every mode reached`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ganvas-ring-'));
    const lines: string[] = [];
    const code = await trainCommand([join(TEMPLATE_DIR, 'gan-2d.json'), '--steps', String(STEPS), '--every', '100', '--out', dir], {
      log: (s) => void lines.push(s),
      error: (s) => void lines.push(s),
    });
    expect(code, lines.join('\n')).toBe(0);
    const engine = await engineOf(planOf('gan-2d', { steps: STEPS }), 'wasm');
    engine.loadState(readCheckpoint(dir));
    const points = await engine.sample('G', 'out', 1000);
    engine.dispose();
    const coverage = modeCoverage(points.data, MIXTURES.ring8);
    console.log(`ring after ${STEPS} steps: ${(coverage.withinShare * 100).toFixed(1)}% within 3σ, mode shares ${coverage.modeShares.map((s) => (s * 100).toFixed(1)).join(' ')}%`);
    expect(coverage.points).toBe(1000);
    expect(coverage.withinShare).toBeGreaterThanOrEqual(0.7);
    expect(coverage.modesCovered).toBe(8);
    expect(coverage.minModeShare).toBeGreaterThanOrEqual(0.02);
  });
});
