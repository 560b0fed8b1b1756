/**
 * The training plan: what the compiler makes of a graph document and what the engine, the
 * exporters and the lesson views read. Plain serialisable data — no functions, no tensors — so
 * tests can assert on it and it can cross to a worker as is.
 */
import type { BatchNormMode, LrSchedule, Optimizer, SizePreset, TermSchedule } from '../graph/document';
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
  /**
   * Decay d of an exponential moving average of the trainable weights, when the network keeps one:
   * after every step of a phase that updates the group, average ← d·average + (1 − d)·weight
   * (starting from the initial weights); samples and evaluations run with the averages, BatchNorm
   * statistics as they are. Checkpoints hold them as "ema/<weight name>".
   */
  ema?: number;
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
  /**
   * The weight's schedule, absent when constant: at iteration `step` of `plan.steps` the term
   * counts `weight × termScheduleFactor(schedule, step, plan.steps)` (src/graph/term-schedule.ts):
   * linear from → to between two positions, a switch at a position, or the DANN ramp
   * 2/(1 + e^(−γp)) − 1 with p = step/steps. Positions are iterations (`unit: 'steps'`) or
   * progress p (`unit: 'progress'`).
   */
  schedule?: TermSchedule;
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
   * `moving`: moving statistics, unchanged (PyTorch: the BatchNorm modules in inference mode). Dropout is unaffected.
   */
  batchNorm?: Record<string, BatchNormMode>;
  /**
   * Gradient clipping by global norm over the phase's variables (absent: none): with
   * n = √(Σ‖g‖²) over every gradient of the step, each g becomes g · c / max(n, c) before the
   * optimizer sees it (PyTorch: clip_grad_norm_(params, c), up to its 1e-6 in the denominator).
   */
  clipNorm?: number;
}

/** What the sample grid shows (see compiler/roles.ts). */
export interface PlanSamples {
  /** The output drawn. */
  node: string;
  port: string;
  /** The node's label, for the grid's caption. */
  label: string;
  /** [n, h, w, c] images, 2-D points, or plain vectors. */
  kind: 'images' | 'points' | 'vectors';
  /** The values' range ([−1, 1] or [0, 1]) when the data or the network's last layer says. */
  range?: [number, number];
  /** The real data the samples imitate (same shape), to draw beside them. */
  real?: PlanPortRef;
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
  /** What views read as what (role name → output), from the document's roles. */
  roles: Record<string, PlanPortRef>;
  /** What the sample grid shows, when the graph makes something to show. */
  samples?: PlanSamples;
}
