/** `ganvas eval` on tiny checkpoints of the feature templates prints the lessons' figures as JSON. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evalCommand } from '../../../src/cli/commands/eval';
import { trainCommand } from '../../../src/cli/commands/train';
import { TEMPLATE_DIR } from '../helpers';

function captured() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { log: (s: string) => void out.push(s), error: (s: string) => void err.push(s) }, out, err };
}

async function trainAndEvaluate(name: string, count: number): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), `ganvas-eval-${name}-`));
  const file = join(TEMPLATE_DIR, `${name}.json`);
  const train = captured();
  expect(await trainCommand([file, '--size', 'tiny', '--steps', '2', '--out', dir], train.io), train.err.join('\n')).toBe(0);
  const evaluated = captured();
  // A 3-step attribute judge: the keys are what is checked here, not the judge.
  expect(await evalCommand([file, '--checkpoint', join(dir, 'checkpoint'), '--count', String(count), '--judge-steps', '3'], evaluated.io), evaluated.err.join('\n')).toBe(0);
  const report = JSON.parse(evaluated.out.join('\n'));
  expect(report.step).toBe(2);
  expect(report.size).toBe('tiny');
  return report;
}

describe('ganvas eval on feature templates', () => {
  it.each([
    ['dann', 'dann', ['targetAccuracy', 'sourceAccuracy', 'domainProbe', 'pca']],
    ['super-resolution', 'super-resolution', ['bicubic', 'network', 'original']],
    ['inpainting', 'inpainting', ['holePsnr', 'holeShare']],
    ['feature-disentangle', 'feature-disentangle', ['speakerAccuracy', 'contentAccuracy', 'conversion', 'embeddings']],
    ['photo-editing', 'photo-editing', ['reconstructionError', 'attributes', 'flipShare', 'identityChange', 'flipShareLogistic', 'directions']],
  ])('%s: JSON with the lesson’s keys', async (name, view, keys) => {
    const report = await trainAndEvaluate(name, name === 'feature-disentangle' ? 48 : name === 'photo-editing' ? 4 : 6);
    expect(report.view).toBe(view);
    const metrics = report.metrics as Record<string, unknown>;
    for (const key of keys) expect(metrics).toHaveProperty(key);
  });
});
