/** Every node kind's PyTorch entry, keyed by kind id: the one map from kinds to exported Python. */
import { CategoricalCode, ContinuousCode, Noise } from './codes';
import { Dataset, LabelledSubset } from './data';
import { GradientReversal, StopGradient } from './gradient';
import { Composite, Degrade, Mask } from './images';
import { AdversarialLoss, CodeRegression, ContrastivePair, CrossEntropy, FeatureMatching, KLNormal, ReconstructionLoss } from './losses';
import { Classifier, Discriminator, Encoder, Generator, Head } from './networks';
import type { TorchNode } from './types';
import { Concat, Pair, Reparameterize, Split } from './vectors';

export const TORCH_NODES: Record<string, TorchNode> = {
  Dataset,
  LabelledSubset,
  Degrade,
  Mask,
  Composite,
  Noise,
  CategoricalCode,
  ContinuousCode,
  Concat,
  Split,
  Reparameterize,
  Generator,
  Discriminator,
  Classifier,
  Encoder,
  Head,
  Pair,
  GradientReversal,
  StopGradient,
  AdversarialLoss,
  ReconstructionLoss,
  KLNormal,
  CrossEntropy,
  CodeRegression,
  FeatureMatching,
  ContrastivePair,
};

export function torchNode(kind: string): TorchNode | undefined {
  return Object.prototype.hasOwnProperty.call(TORCH_NODES, kind) ? TORCH_NODES[kind] : undefined;
}

export type { FeedSource, Forward, ForwardContext, TorchNode } from './types';
