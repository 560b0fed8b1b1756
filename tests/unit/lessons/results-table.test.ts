/** docs/results.md from evaluated runs: figures formatted, baselines read from variants, targets judged. */
import { describe, expect, it } from 'vitest';
import { compactMetrics, figureAt, formatFigure, resultsMarkdown, runSpecs } from '../../../scripts/results';
import { LESSONS } from '../../../src/lessons/index';
import { loadTemplate } from '../helpers';

/** A Triple-GAN run record as `npm run results` keeps it, with the figures given. */
function tripleGanRun(id: string, metrics: Record<string, number>, opts: { variant?: string; seed?: number; trainSeconds?: number } = {}) {
  return {
    id,
    template: 'triple-gan',
    ...(opts.variant ? { variant: opts.variant } : {}),
    view: 'triple-gan',
    seed: opts.seed ?? 1,
    size: 'small',
    steps: 4000,
    backend: 'wasm',
    trainSeconds: opts.trainSeconds ?? 60,
    evalSeconds: 3,
    date: '2026-12-01',
    metrics,
  };
}

describe('results table', () => {
  it('formats shares as percentages and other numbers to 4 digits', () => {
    expect(formatFigure('accuracy', 0.8123)).toBe('81.2%');
    expect(formatFigure('generatedAsIntended', 0.234)).toBe('23.4%');
    expect(formatFigure('modesCovered', 8)).toBe('8');
    expect(formatFigure('reconstructionMse', 0.0123456)).toBe('0.01235');
    expect(formatFigure('accuracy', undefined)).toBe('—');
    expect(figureAt({ network: { psnr: 24.5 } }, 'network.psnr')).toBe(24.5);
    expect(figureAt({ network: { psnr: 24.5 } }, 'network.ssim')).toBeUndefined();
    // docs/results.json keeps figures, not picture data.
    const long = Array.from({ length: 300 }, (_, i) => i);
    expect(compactMetrics({ accuracy: 0.5, pca: { points: long, explained: [0.2, 0.1] }, confusion: [[1, 2], [3, 4]] })).toEqual({
      accuracy: 0.5,
      pca: { points: '(300 values left out)', explained: [0.2, 0.1] },
      confusion: [[1, 2], [3, 4]],
    });
  });

  it('one row per reference figure, baselines from the variant run, the target judged against them', () => {
    const run = (id: string, accuracy: number, variant?: string) => tripleGanRun(id, { accuracy }, { variant, trainSeconds: 600 });
    const md = resultsMarkdown([run('triple-gan', 0.9), run('triple-gan/classifier-only', 0.7, 'classifier-only')]);
    expect(md).toMatch(/^\| triple-gan \| template \| accuracy \| 90\.0% \| 99\.09% [^|]*\| ≥ classifier-only \+ 10 points \| yes \| 4000 \| small \| wasm \| 10\.0 min \|$/m);
    expect(md).toMatch(/^\| triple-gan \| classifier-only \| accuracy \| 70\.0% \|  \| baseline[^|]* \|  \|/m);
    // Templates without a run are named below the table, not given rows.
    expect(md).not.toMatch(/^\| gan-2d/m);
    expect(md).toMatch(/^Not run for this table: gan-2d, infogan, .*\.$/m);
    // 75% is only 5 points above the baseline: reported as missed, not hidden.
    const close = resultsMarkdown([run('triple-gan', 0.75), run('triple-gan/classifier-only', 0.7, 'classifier-only')]);
    expect(close).toMatch(/^\| triple-gan \| template \| accuracy \| 75\.0% .*\| \*\*missed\*\* \|/m);
  });

  it('Triple-GAN is judged against the regularised classifier too, and on what G draws', () => {
    const run = (id: string, metrics: Record<string, number>, variant?: string) => tripleGanRun(id, metrics, { variant });
    // +10 over the plain classifier, but below the classifier with entropy: the second row misses.
    const md = resultsMarkdown([
      run('triple-gan', { accuracy: 0.86, generatedAsIntended: 0.79 }),
      run('triple-gan/classifier-only', { accuracy: 0.75 }, 'classifier-only'),
      run('triple-gan/classifier-entropy', { accuracy: 0.87 }, 'classifier-entropy'),
    ]);
    expect(md).toMatch(/^\| triple-gan \| template \| accuracy \| 86\.0% \|[^|]*\| ≥ classifier-only \+ 10 points \| yes \|/m);
    expect(md).toMatch(/^\| triple-gan \| template \| accuracy \| 86\.0% \|  \| above the classifier \+ entropy \| \*\*missed\*\* \|/m);
    expect(md).toMatch(/^\| triple-gan \| classifier-entropy \| accuracy \| 87\.0% \|  \| baseline[^|]* \|  \|/m);
    expect(md).toMatch(/^\| triple-gan \| template \| generatedAsIntended \| 79\.0% \|  \| ≥ 80%[^|]* \| \*\*missed\*\* \|/m);
    const above = resultsMarkdown([
      run('triple-gan', { accuracy: 0.88, generatedAsIntended: 0.8 }),
      run('triple-gan/classifier-only', { accuracy: 0.75 }, 'classifier-only'),
      run('triple-gan/classifier-entropy', { accuracy: 0.87 }, 'classifier-entropy'),
    ]);
    expect(above).toMatch(/^\| triple-gan \| template \| accuracy \| 88\.0% \|  \| above the classifier \+ entropy \| yes \|/m);
    expect(above).toMatch(/^\| triple-gan \| template \| generatedAsIntended \| 80\.0% \|.*\| yes \|/m);
  });

  it('shows every seed and lets the worse one judge, each against its own seed’s baseline', () => {
    const run = (id: string, accuracy: number, seed: number, variant?: string) => tripleGanRun(id, { accuracy }, { variant, seed });
    const runs = [
      run('triple-gan', 0.9, 1),
      run('triple-gan/classifier-only', 0.7, 1, 'classifier-only'),
      // Seed 2's 0.85 would pass against seed 1's baseline, but not against its own 0.8.
      run('triple-gan', 0.85, 2),
      run('triple-gan/classifier-only', 0.8, 2, 'classifier-only'),
    ];
    const md = resultsMarkdown(runs);
    expect(md).toMatch(/^Seeds: 1, 2\.$/m);
    expect(md).toMatch(/^\| triple-gan \| template \| accuracy \| 90\.0% \/ 85\.0% \|.*\| \*\*missed\*\* \(seed 2\) \| 4000 \| small \| wasm \| 60 s \/ 60 s \|$/m);
    const both = resultsMarkdown([...runs.slice(0, 2), run('triple-gan', 0.95, 2), runs[3]]);
    expect(both).toMatch(/^\| triple-gan \| template \| accuracy \| 90\.0% \/ 95\.0% \|.*\| yes \|/m);
    // A seed of the table that has not run yet is said beside a pass, never passed over.
    const half = resultsMarkdown([...runs.slice(0, 2), run('gan-2d', 0.9, 2)]);
    expect(half).toMatch(/^\| triple-gan \| template \| accuracy \| 90\.0% \|.*\| yes on seed 1; seed 2 not run \|/m);
  });

  it('picks runs by template (with its variants), by run id, or another template of a lesson', () => {
    expect(runSpecs(['dann']).map((r) => r.id)).toEqual(['dann', 'dann/source-only', 'dann/train-on-target']);
    expect(runSpecs(['dann-alternating']).map((r) => r.id)).toEqual(['dann-alternating']);
    expect(runSpecs(['vae-gan/plain-vae']).map((r) => [r.template, r.variant])).toEqual([['vae-gan', 'plain-vae']]);
    expect(runSpecs([]).map((r) => r.id)).toContain('inpainting/l2-only');
    expect(() => runSpecs(['nope'])).toThrow(/no results run named "nope"/);
    // --only: the names are run ids alone, so a template's name is the template without its variants.
    expect(runSpecs(['dann'], true).map((r) => r.id)).toEqual(['dann']);
    expect(runSpecs(['dann', 'dann/source-only'], true).map((r) => r.id)).toEqual(['dann', 'dann/source-only']);
  });

  it('trains every variant a reference row reads, and each of them is a variant of its template', () => {
    for (const lesson of LESSONS) {
      const results = lesson.results;
      if (!results) continue;
      const trained = results.variants ?? [];
      const read = [...new Set(results.reference.flatMap((r) => (r.variant ? [r.variant] : [])))];
      for (const variant of read) expect(trained, `${results.template}: a row reads "${variant}"`).toContain(variant);
      const declared = (loadTemplate(results.template).variants ?? []).map((v) => v.id);
      for (const variant of trained) expect(declared, `${results.template}: trains "${variant}"`).toContain(variant);
    }
  });
});
