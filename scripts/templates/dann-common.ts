/** The networks both DANN templates use: the paper's MNIST model, with strided convs for pooling. */
import type { Layer } from '../../src/graph/layers';
import { mlp, relu } from './layers';

export const featureExtractor: Layer[] = [
  { type: 'conv2d', filters: 32, kernel: 5, stride: 2, padding: 'same' }, relu,
  { type: 'conv2d', filters: 48, kernel: 5, stride: 2, padding: 'same' }, relu,
  { type: 'flatten', fixed: true },
];
export const labelPredictor = mlp([100, 100], 10, relu);
export const domainClassifier = mlp([100], 1, relu);

export const DANN_PRESETS = {
  tiny: { width: 0.125, batchSize: 8, steps: 3 },
  small: { width: 0.5, batchSize: 64, steps: 6000 },
  full: { width: 1, batchSize: 64, steps: 20000 },
};
