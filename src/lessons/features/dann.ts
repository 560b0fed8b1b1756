/** DANN: digit accuracy on both domains, and how well the domains mix in F's feature space. */
import { nearestCentroidAccuracy } from '../../analysis/index';
import { defineLesson } from '../types';

/** Domain probe accuracy: centroids from the even rows, judged on the odd rows. */
export function domainProbeAccuracy(features: ArrayLike<number>, domains: ArrayLike<number>, d: number): number {
  const n = domains.length;
  const pick = (parity: number) => {
    const rows = Array.from({ length: n }, (_, i) => i).filter((i) => i % 2 === parity);
    const x = new Float32Array(rows.length * d);
    rows.forEach((r, k) => x.set(Array.prototype.slice.call(features, r * d, (r + 1) * d) as number[], k * d));
    return { x, y: Int32Array.from(rows, (r) => domains[r]) };
  };
  const train = pick(0);
  const test = pick(1);
  return nearestCentroidAccuracy(train.x, train.y, test.x, test.y, d, 2);
}

export const DANN_LESSON = defineLesson({
  view: 'dann',
  title: 'DANN: accuracy on both domains and mixing of the features',
  roles: {
    source: { description: 'the data node the test digits of both domains go through', category: ['data'], outputs: ['image'] },
    features: { description: 'the feature extractor F', category: ['network'] },
    classifier: { description: 'the digit classifier Cy on F', category: ['network'], outputs: ['logits'] },
  },
  results: {
    template: 'dann',
    variants: ['source-only', 'train-on-target'],
    templates: ['dann-alternating'],
    reference: [
      { metric: 'targetAccuracy', variant: 'source-only', paper: '0.5225', target: 'baseline' },
      {
        metric: 'targetAccuracy',
        paper: '0.7666',
        target: '≥ source only + 10 points',
        met: (v, f) => v >= (f('targetAccuracy', 'source-only') ?? Infinity) + 0.1,
      },
      { metric: 'targetAccuracy', variant: 'train-on-target', paper: '0.9596', target: 'upper bound' },
      { metric: 'sourceAccuracy', target: 'stays high while the domains merge' },
      { metric: 'domainProbe.onFeatures', variant: 'source-only', target: 'baseline: domains apart (1 = fully separable)' },
      {
        metric: 'domainProbe.onFeatures',
        target: 'lower than source only (0.5 = fully mixed)',
        met: (v, f) => v < (f('domainProbe.onFeatures', 'source-only') ?? -Infinity),
      },
      {
        metric: 'targetAccuracy',
        template: 'dann-alternating',
        target: 'the alternating version: ≥ source only + 10 points',
        met: (v, f) => v >= (f('targetAccuracy', 'source-only') ?? Infinity) + 0.1,
      },
      { metric: 'sourceAccuracy', template: 'dann-alternating', target: 'stays high' },
    ],
  },
});
