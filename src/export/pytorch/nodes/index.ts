/**
 * Every node kind's PyTorch entry, keyed by kind id: the one map from kinds to exported Python.
 * Partial on purpose: a kind added to the catalog before its entry here is refused by the export
 * with a message naming the node, not silently left out.
 */
import type { NodeKindId } from '../../../graph/catalog';
import { CategoricalCode, ContinuousCode, Noise } from './codes';
import { Dataset, LabelledSubset } from './data';
import { GradientReversal, StopGradient } from './gradient';
import { Composite, Degrade, Mask } from './images';
import { AdversarialLoss, CodeRegression, ContrastivePair, CrossEntropy, Entropy, FeatureMatching, KLNormal, R1Penalty, ReconstructionLoss } from './losses';
import { Classifier, Discriminator, Encoder, Generator, Head } from './networks';
import type { TorchNode } from './types';
import { Concat, Pair, Reparameterize, Split } from './vectors';

export const TORCH_NODES: { readonly [Id in NodeKindId]?: TorchNode } = {
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
  Entropy,
  R1Penalty,
};

export function torchNode(kind: string): TorchNode | undefined {
  return Object.prototype.hasOwnProperty.call(TORCH_NODES, kind) ? TORCH_NODES[kind as NodeKindId] : undefined;
}

export type { FeedSource, Forward, ForwardContext, Rerun, TorchNode } from './types';
