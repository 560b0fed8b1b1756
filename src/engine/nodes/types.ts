/** What each node kind's evaluator provides: optional per-node set-up and draws, and its tensor code. */
import type { Plan, PlanNode } from '../../compiler/plan';
import type { KindParams, NodeKindId } from '../../graph/catalog';
import type { DataSource } from '../../data/types';
import type { TensorKind } from '../../graph/types';
import type { Rng } from '../../util/rng';
import type { VariableSource } from '../network';
import { tf, type Tensor } from '../tf';

/** One node's random or data draw for one evaluation, as plain arrays (row-major, batch first). */
export type Drawn = Record<string, Float32Array>;

/** A plan node of one kind: its params typed by the kind's declaration (a misspelt param does not compile). */
export type PlanNodeOf<Id extends NodeKindId> = Omit<PlanNode, 'kind' | 'params'> & { kind: Id; params: KindParams<Id> };

export interface SetupContext<Id extends NodeKindId = NodeKindId> {
  plan: Plan;
  node: PlanNodeOf<Id>;
  /** A named random stream for this node (its state is saved with checkpoints). */
  stream(name: string): Rng;
  /** A data set opened once per engine. */
  dataset(name: string): Promise<DataSource>;
}

/** A node's per-engine state: its data streams and random draws. */
export interface NodeRuntime {
  /** Draws what one evaluation of `batch` examples needs; `training` is false for samples. */
  draw(batch: number, training: boolean): Drawn;
  getState?(): unknown;
  setState?(state: unknown): void;
}

export interface EvalContext<Id extends NodeKindId = NodeKindId> {
  node: PlanNodeOf<Id>;
  /** Training phase (BatchNorm batch statistics, dropout) or inference (samples). */
  training: boolean;
  /** Training-mode statistics, BatchNorm moving averages left alone. */
  frozenStats: boolean;
  /** BatchNorm uses its moving statistics (left alone) although training (a phase's "moving" mode). */
  movingStats?: boolean;
  /**
   * This evaluation is differentiated twice (a penalty's re-run, R1): layers use ops that TF.js can
   * differentiate again rather than fused kernels whose gradients have no gradient.
   */
  twiceDifferentiable?: boolean;
  /** Training progress in [0, 1] (for schedules such as gradient reversal's λ). */
  progress: number;
  batch: number;
  /** This node's draw for this evaluation. */
  drawn: Drawn;
  /** A parameter group's variables (their moving averages when evaluating with them). */
  group(id: string): VariableSource;
  /** The kind of the tensor arriving at an input port. */
  inputKind(port: string): TensorKind | undefined;
  /**
   * The node feeding `port` as a function of its (one) input: that input as computed in this
   * evaluation, and the node's output on another value of it, BatchNorm averages left alone. For
   * penalties on a network's input gradient (R1).
   */
  rerun?(port: string): UpstreamFunction;
}

export interface UpstreamFunction {
  input: Tensor;
  output(x: Tensor): Tensor;
}

/** The tensor code of one node kind, typed against its declaration. */
export interface NodeEvaluator<Id extends NodeKindId> {
  setup?(ctx: SetupContext<Id>): NodeRuntime | Promise<NodeRuntime>;
  evaluate(inputs: Record<string, Tensor>, ctx: EvalContext<Id>): Record<string, Tensor>;
  /** Its loss differentiates a network inside the loss, so a phase's gradient is a second derivative. */
  secondOrder?: boolean;
}

/** Any kind's evaluator, as the graph runner calls it (the plan node's kind picks it). */
export interface PlanNodeEvaluator {
  setup?(ctx: Omit<SetupContext, 'node'> & { node: PlanNode }): NodeRuntime | Promise<NodeRuntime>;
  evaluate(inputs: Record<string, Tensor>, ctx: Omit<EvalContext, 'node'> & { node: PlanNode }): Record<string, Tensor>;
  secondOrder?: boolean;
}

/** A drawn array as a tensor of [batch, ...dims], checking its size. */
/** What reading a node's draws needs of its context (any kind's). */
export type DrawnContext = Pick<EvalContext, 'drawn' | 'batch'> & { node: Pick<PlanNode, 'label' | 'outputs'> };

export function drawnTensor(ctx: DrawnContext, key: string, dims: number[]): Tensor {
  const values = ctx.drawn[key];
  if (!values) throw new Error(`${ctx.node.label}: nothing drawn for "${key}"`);
  const size = ctx.batch * dims.reduce((p, d) => p * d, 1);
  if (values.length !== size) throw new Error(`${ctx.node.label}: "${key}" has ${values.length} values, expected ${size}`);
  return tf.tensor(values, [ctx.batch, ...dims]);
}
