/**
 * The training plan: what the compiler makes of a graph document and what the engine, the
 * exporters and the lesson views read. Plain serialisable data — no functions, no tensors — so
 * tests can assert on it and it can cross to a worker as is.
 */
import type { BatchNormMode, LrSchedule, Optimizer, SizePreset } from '../graph/document';
import type { ParamValues } from '../graph/params';
import type { GroupReach } from '../graph/reach';
import type { Shape } from '../graph/types';
import type { ResolvedNetwork } from '../graph/nodes/network-common';

export const PLAN_FORMAT = 'ganvas-plan';
export const PLAN_VERSION = 1;

export interface PlanPortRef {
  node: string;
  port: string;
}

export interface PlanNode {
  id: string;
  kind: string;
  /** How messages and views name it: the label, or the id. */
  label: string;
  /** Params with defaults filled in; networks carry their resolved, width-scaled stack in `network`. */
  params: ParamValues;
  /** Where each connected input comes from. */
  inputs: Record<string, PlanPortRef>;
  /** Shape of each output (batch dimension left out). */
  outputs: Record<string, Shape>;
  /** For nodes with weights: the parameter group they use (their own id unless shared). */
  group?: string;
}

export interface PlanParamGroup {
  /** The id of the node that owns these weights. */
  id: string;
  kind: string;
  label: string;
  /** Every node that applies these weights (the owner first). */
  appliedBy: string[];
  network: ResolvedNetwork;
  parameterCount: number;
  /**
   * For a head on another network's features: the trunk it sits on. The trunk's weights stay in
   * the trunk's own group, which the head's losses also reach.
   */
  trunk?: { group: string; node: string; layer: string };
}

export interface PlanLoss {
  id: string;
  kind: string;
  label: string;
  /** The loss node's own weight (phases multiply their term weight on top). */
  weight: number;
  /** Parameter groups its gradient reaches, and whether through gradient reversal. */
  reaches: Record<string, GroupReach>;
}

export interface PlanTerm {
  loss: string;
  /** The effective weight: the phase's term weight × the loss node's weight. */
  weight: number;
}

export interface PlanPhase {
  id: string;
  name: string;
  repeats: number;
  terms: PlanTerm[];
  /** Parameter groups whose weights this phase changes — exactly these, nothing else. */
  updates: string[];
  optimizer: Optimizer;
  lrSchedule: LrSchedule;
  /** The nodes to evaluate for this phase's losses, in dependency order. */
  nodes: string[];
  /**
   * BatchNorm mode per parameter group in this phase, where it is not `batch` (absent: every
   * network `batch`). `batch`: batch statistics, moving averages updated (PyTorch: train());
   * `batch-frozen`: batch statistics, averages unchanged (train() with BN momentum 0);
   * `moving`: moving statistics, unchanged (the BatchNorm modules in eval()). Dropout is unaffected.
   */
  batchNorm?: Record<string, BatchNormMode>;
}

export interface Plan {
  format: typeof PLAN_FORMAT;
  version: typeof PLAN_VERSION;
  title: string;
  seed: number;
  size: SizePreset;
  width: number;
  batchSize: number;
  steps: number;
  logEvery: number;
  /** Every node whose shapes are known, in dependency order. */
  nodes: PlanNode[];
  groups: PlanParamGroup[];
  losses: PlanLoss[];
  /** In the order they run within an iteration. */
  phases: PlanPhase[];
}
