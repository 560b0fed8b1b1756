/**
 * What a node kind declares about itself. One file per kind under `nodes/` exports one of these;
 * the canvas, inspector, checker, compiler and engine read them and never switch over kind ids.
 */
import type { ParamProblem, ParamSpec, ParamValues } from './params';
import { shown } from './text';
import type { Shape, TensorKind } from './types';

export const CATEGORIES = ['data', 'latent', 'network', 'gradient', 'loss'] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_TITLES: Record<Category, string> = {
  data: 'Data',
  latent: 'Latent codes',
  network: 'Networks',
  gradient: 'Gradient control',
  loss: 'Losses',
};

export interface InputPort {
  name: string;
  label?: string;
  accepts: readonly TensorKind[];
  optional?: boolean;
  description: string;
}

export interface OutputPort {
  name: string;
  label?: string;
  kind: TensorKind;
  description: string;
}

/** How gradient flows from a node's outputs back to its inputs. */
export type GradientRule =
  | 'pass' // ordinary differentiable op
  | 'stop' // StopGradient: nothing flows back
  | 'reverse' // GradientReversal: flows back multiplied by −λ
  | 'source'; // data and codes: nothing upstream to reach

export interface InferContext {
  node: { id: string; label?: string };
  /** Params with defaults filled in and validated. */
  params: ParamValues;
  /** Shapes arriving at connected input ports (absent when unconnected or unknown). */
  inputs: Record<string, Shape | undefined>;
  /** The size preset's width multiplier. */
  width: number;
  /** The size preset's batch size, where known: with it, shape rules can refuse tensors too large for one step. */
  batchSize?: number;
}

export interface NodeKind {
  id: string;
  category: Category;
  title: string;
  /** One sentence a learner understands. */
  description: string;
  params: readonly ParamSpec[];
  inputs: readonly InputPort[] | ((params: ParamValues) => InputPort[]);
  outputs: readonly OutputPort[] | ((params: ParamValues) => OutputPort[]);
  /** Output shapes from input shapes and params; throws ShapeError naming the port or field. */
  infer(ctx: InferContext): Record<string, Shape>;
  gradient: GradientRule;
  /** Has trainable weights of its own (a parameter group), unless it shares another node's. */
  trainable?: boolean;
  /**
   * Params a node takes from the node whose weights it shares (through its `shares` port), so two
   * applications of one network cannot disagree about its layers.
   */
  sharedParams?: readonly string[];
  /** A loss: its `loss` output is a scalar a phase can minimise; its `weight` param scales it. */
  loss?: boolean;
  /** Checks across params that a single param's range cannot express. */
  checkParams?(params: ParamValues): ParamProblem[];
  /**
   * Params as the plan carries them, resolved for the engine (e.g. a network's scaled layer stack
   * with shapes). Defaults to the params themselves.
   */
  resolve?(ctx: InferContext): ParamValues;
}

export function inputPorts(kind: NodeKind, params: ParamValues): InputPort[] {
  return typeof kind.inputs === 'function' ? kind.inputs(params) : [...kind.inputs];
}

export function outputPorts(kind: NodeKind, params: ParamValues): OutputPort[] {
  return typeof kind.outputs === 'function' ? kind.outputs(params) : [...kind.outputs];
}

/** "Discriminator ‹D›" — how messages name a node. */
export function nodeName(kind: NodeKind | undefined, node: { id: string; label?: string }): string {
  return `${kind?.title ?? 'Node'} ‹${shown(node.label || node.id, 60)}›`;
}
