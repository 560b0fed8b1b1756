/**
 * The node catalog: every kind, looked up by id. Adding a kind is adding a file under `nodes/` and
 * one line here.
 */
import type { NodeKind } from './node-kind';
import { AdversarialLoss } from './nodes/adversarial-loss';
import { CategoricalCode } from './nodes/categorical-code';
import { Classifier } from './nodes/classifier';
import { CodeRegression } from './nodes/code-regression';
import { Composite } from './nodes/composite';
import { Concat } from './nodes/concat';
import { ContinuousCode } from './nodes/continuous-code';
import { ContrastivePair } from './nodes/contrastive-pair';
import { CrossEntropy } from './nodes/cross-entropy';
import { Dataset } from './nodes/dataset';
import { Degrade } from './nodes/degrade';
import { Discriminator } from './nodes/discriminator';
import { Encoder } from './nodes/encoder';
import { FeatureMatching } from './nodes/feature-matching';
import { Generator } from './nodes/generator';
import { GradientReversal } from './nodes/gradient-reversal';
import { Head } from './nodes/head';
import { KLNormal } from './nodes/kl-normal';
import { LabelledSubset } from './nodes/labelled-subset';
import { Mask } from './nodes/mask';
import { Noise } from './nodes/noise';
import { Pair } from './nodes/pair';
import { R1Penalty } from './nodes/r1-penalty';
import { ReconstructionLoss } from './nodes/reconstruction-loss';
import { Reparameterize } from './nodes/reparameterize';
import { Split } from './nodes/split';
import { StopGradient } from './nodes/stop-gradient';

export const NODE_KINDS: readonly NodeKind[] = [
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
];

const BY_ID = new Map(NODE_KINDS.map((k) => [k.id, k]));

export function getKind(id: string): NodeKind | undefined {
  return BY_ID.get(id);
}

export const KIND_IDS = NODE_KINDS.map((k) => k.id);
