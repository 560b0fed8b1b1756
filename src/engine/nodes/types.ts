/** What each node kind's evaluator provides: optional per-node set-up and draws, and its tensor code. */
import type { Plan, PlanNode } from '../../compiler/plan';
import type { DataSource } from '../../data/types';
import type { TensorKind } from '../../graph/types';
import type { Rng } from '../../util/rng';
import type { GroupVariables } from '../network';
import { tf, type Tensor } from '../tf';

/** One node's random or data draw for one evaluation, as plain arrays (row-major, batch first). */
export type Drawn = Record<string, Float32Array>;

export interface SetupContext {
  plan: Plan;
  node: PlanNode;
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

export interface EvalContext {
  node: PlanNode;
  /** Training phase (BatchNorm batch statistics, dropout) or inference (samples). */
  training: boolean;
  /** Training-mode statistics, BatchNorm moving averages left alone. */
  frozenStats: boolean;
  /** BatchNorm uses its moving statistics (left alone) although training (a phase's "moving" mode). */
  movingStats?: boolean;
  /** Training progress in [0, 1] (for schedules such as gradient reversal's λ). */
  progress: number;
  batch: number;
  /** This node's draw for this evaluation. */
  drawn: Drawn;
  group(id: string): GroupVariables;
  /** The kind of the tensor arriving at an input port. */
  inputKind(port: string): TensorKind | undefined;
}

export interface NodeEvaluator {
  setup?(ctx: SetupContext): NodeRuntime | Promise<NodeRuntime>;
  evaluate(inputs: Record<string, Tensor>, ctx: EvalContext): Record<string, Tensor>;
}

/** A drawn array as a tensor of [batch, ...dims], checking its size. */
export function drawnTensor(ctx: EvalContext, key: string, dims: number[]): Tensor {
  const values = ctx.drawn[key];
  if (!values) throw new Error(`${ctx.node.label}: nothing drawn for "${key}"`);
  const size = ctx.batch * dims.reduce((p, d) => p * d, 1);
  if (values.length !== size) throw new Error(`${ctx.node.label}: "${key}" has ${values.length} values, expected ${size}`);
  return tf.tensor(values, [ctx.batch, ...dims]);
}
