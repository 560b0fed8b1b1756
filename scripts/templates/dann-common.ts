/** The networks both DANN templates use: the paper's MNIST model, with strided convs for pooling. */
import type { Layer } from '../../src/graph/layers';
import type { GraphBuilder } from './builder';
import { mlp, relu } from './layers';

/**
 * F's features end in tanh: through the reversal F maximises the domain loss, and unbounded ReLU
 * features grow until units die and the digit loss falls back to chance (a 10,000-iteration run
 * without it ended at 9.7% on the target). The `unbounded-features` variant shows that.
 */
export const featureExtractor: Layer[] = [
  { type: 'conv2d', filters: 32, kernel: 5, stride: 2, padding: 'same' }, relu,
  { type: 'conv2d', filters: 48, kernel: 5, stride: 2, padding: 'same' }, relu,
  { type: 'flatten', fixed: true },
  { type: 'tanh' },
];
export const unboundedFeatureExtractor: Layer[] = featureExtractor.filter((l) => l.type !== 'tanh');
export const labelPredictor = mlp([100, 100], 10, relu);
export const domainClassifier = mlp([100], 1, relu);

export const DANN_PRESETS = {
  tiny: { width: 0.125, batchSize: 8, steps: 3 },
  // The gain over source only takes thousands of iterations (the paper ran ~10⁴ at batch 128).
  small: { width: 0.5, batchSize: 64, steps: 12000 },
  full: { width: 1, batchSize: 64, steps: 20000 },
};

/** Both domains' data, the shared feature extractor F and the digit classifier with its loss. */
export function buildDannTrunk(g: GraphBuilder): void {
  g.node('src', 'Dataset', [0, 0], { name: 'mnist', channels: 'rgb', domain: 0, range: '-1..1' }, 'source: MNIST');
  g.node('tgt', 'Dataset', [0, 3], { name: 'mnist-m', domain: 1, range: '-1..1' }, 'target: MNIST-M');
  g.node('F', 'Encoder', [1, 0], { layers: featureExtractor }, 'F (features)');
  g.node('F_t', 'Encoder', [1, 3], {}, 'F (target)');
  g.share('F', 'F_t');
  g.wire('src.x', 'F.x');
  g.wire('tgt.x', 'F_t.x');
  g.node('Cy', 'Classifier', [2, 0], { layers: labelPredictor }, 'Cy (digit)');
  g.wire('F.out', 'Cy.x');
  g.node('L_y', 'CrossEntropy', [3, 0], {}, 'digit loss (source)');
  g.wire('Cy.out', 'L_y.logits');
  g.wire('src.label', 'L_y.labels');
}

/** The trunk's node labels in Chinese (both DANN templates). */
export const DANN_TRUNK_ZH: Record<string, string> = {
  src: '源域：MNIST',
  tgt: '目标域：MNIST-M',
  F: 'F（特征）',
  F_t: 'F（目标域）',
  Cy: 'Cy（数字）',
  L_y: '数字损失（源域）',
};
