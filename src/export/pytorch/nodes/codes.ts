/** Noise and codes: fresh draws from each node's own stream. */
import { pyFloat, pyString } from '../python';
import { drawnOutputs, type TorchNode } from './types';

export const Noise: TorchNode = {
  params: ['dim', 'distribution'],
  source: (node) => ({
    expression: node.params.distribution === 'uniform' ? `feed.Noise(${node.params.dim}, ${pyString('uniform')})` : `feed.Noise(${node.params.dim})`,
    comment: node.params.distribution === 'uniform' ? `z ~ U(−1, 1)^${node.params.dim}` : `z ~ N(0, 1)^${node.params.dim}`,
  }),
  forward: (ctx) => drawnOutputs(ctx, ['z']),
};

export const CategoricalCode: TorchNode = {
  params: ['k'],
  source: (node) => ({ expression: `feed.CategoricalCode(${node.params.k})`, comment: `one-hot c ~ Cat(${node.params.k})` }),
  forward: (ctx) => drawnOutputs(ctx, ['c']),
};

export const ContinuousCode: TorchNode = {
  params: ['dim', 'min', 'max'],
  source: (node) => ({
    expression: `feed.ContinuousCode(${node.params.dim}, ${pyFloat(node.params.min as number)}, ${pyFloat(node.params.max as number)})`,
    comment: `c ~ U(${node.params.min}, ${node.params.max})^${node.params.dim}`,
  }),
  forward: (ctx) => drawnOutputs(ctx, ['c']),
};
