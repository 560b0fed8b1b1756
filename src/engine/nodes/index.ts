/** Every node kind's evaluator, keyed by kind id: the single place that maps kinds to tensor code. */
import { CategoricalCode, ContinuousCode, Noise } from './codes';
import { Dataset, LabelledSubset } from './data';
import { GradientReversal, StopGradient } from './gradient';
import { Composite, Degrade, Mask } from './images';
import { AdversarialLoss, CodeRegression, ContrastivePair, CrossEntropy, FeatureMatching, KLNormal, R1Penalty, ReconstructionLoss } from './losses';
import { Classifier, Discriminator, Encoder, Generator, Head } from './networks';
import type { NodeEvaluator } from './types';
import { Concat, Pair, Reparameterize, Split } from './vectors';

export const NODE_EVALUATORS: Record<string, NodeEvaluator> = {
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
  R1Penalty,
};

export function evaluatorOf(kind: string): NodeEvaluator {
  const e = NODE_EVALUATORS[kind];
  if (!e) throw new Error(`the engine cannot run nodes of kind "${kind}"`);
  return e;
}

export type { Drawn, EvalContext, NodeEvaluator, NodeRuntime, SetupContext, UpstreamFunction } from './types';
