/**
 * What a node kind declares about itself. One file per kind under `nodes/` exports one
 * `defineKind(...)` (or `defineNetwork(...)`); the canvas, inspector, checker, compiler and engine
 * read them and never switch over kind ids. The declaration's id and params are kept as literal
 * types, so the engine's evaluator for a kind is typed against them (see `NodeKindId`,
 * `KindParams`).
 */
import type { ParamProblem, ParamSpec, ParamValues, ParamsOf } from './params';
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
  /** The node treats this input as a constant: no gradient flows back through it. */
  constant?: boolean;
  /** Must come straight from a network's output (the node re-applies that network, e.g. to differentiate it). */
  fromNetwork?: boolean;
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

export interface InferContext<Params = ParamValues> {
  node: { id: string; label?: string };
  /** Params with defaults filled in and validated. */
  params: Params;
  /** Shapes arriving at connected input ports (absent when unconnected or unknown). */
  inputs: Record<string, Shape | undefined>;
  /** The size preset's width multiplier. */
  width: number;
  /** The size preset's batch size, where known: with it, shape rules can refuse tensors too large for one step. */
  batchSize?: number;
}

/** The params of a declaration as values: typed per name for a declared kind, a plain record otherwise. */
export type DeclaredParams<P extends readonly ParamSpec[]> = string extends P[number]['name'] ? ParamValues : ParamsOf<P>;

/** A node kind as the checker, the compiler and the canvas read it (any kind, params as a record). */
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
  /** The range an output's values lie in, when the kind knows it (a data set's pixels, a tanh's output). */
  outputRange?(params: ParamValues, port: string): readonly [number, number] | undefined;
  /** What owns the outputs, in words, for messages about a missing one ("the MNIST digits data set"). */
  outputsOwner?(params: ParamValues): string | undefined;
  /** How many examples one pass over its data is (for counting epochs), when it draws from a data set. */
  examples?(params: ParamValues): number | undefined;
  /** The size [H, W, C] of the user's own images it reads, when it reads them (they come with the run, not the document). */
  customImages?(params: ParamValues): readonly number[] | undefined;
  /**
   * A network's size for the data it is wired to (see sizing.ts): a fresh one (its layers left at
   * the default) gets a preset whose output imitates the graph's data (`'data'`: a generator) or
   * has these dims (a judge's one score).
   */
  sizing?: { output: 'data' | readonly number[] };
  /**
   * Params that suit the graph's data better than the defaults (see sizing.ts), e.g. a noise
   * vector's length for low-dimensional data; applied to a node whose params named here were
   * never set.
   */
  sizeFor?(data: Shape): ParamValues | undefined;
  /** An adversarial loss: the verdict it asks of the judge whose score it reads (see schedule-suggestion.ts). */
  verdict?(params: ParamValues): 'real' | 'fake';
  /**
   * How the lecture writes output `port` as a formula of its inputs' formulas (`args`, by input
   * port) — `BCE(D(G(z)), 1)`, `z ⊕ c`. Absent: the node's symbol applied to its inputs, or the
   * symbol alone for a node without inputs (see formula.ts).
   */
  formula?(f: FormulaContext): string;
}

export interface FormulaContext {
  /** The formulas of the connected inputs, by port. */
  args: Record<string, string>;
  params: ParamValues;
  port: string;
  /** How the node is written: its id when short, else its label. */
  symbol: string;
}

/** What a kind's file writes: a NodeKind whose id, params and resolved params are typed. */
export interface KindDeclaration<Id extends string, P extends readonly ParamSpec[], Resolved extends object>
  extends Omit<NodeKind, 'id' | 'params' | 'infer' | 'checkParams' | 'resolve'> {
  id: Id;
  params: P;
  infer(ctx: InferContext<DeclaredParams<P>>): Record<string, Shape>;
  checkParams?(params: DeclaredParams<P>): ParamProblem[];
  resolve?(ctx: InferContext<DeclaredParams<P>>): DeclaredParams<P> & Resolved;
}

/** A declared kind: readable as any NodeKind, and still carrying its id and params as types. */
export type DeclaredKind<Id extends string, P extends readonly ParamSpec[], Resolved extends object> = NodeKind & {
  readonly id: Id;
  readonly params: P;
  /** Type only (never set): what `resolve` adds to the params the plan carries. */
  readonly resolved?: Resolved;
};

/** Declares a node kind, keeping its id and params as literal types. */
export function defineKind<const Id extends string, const P extends readonly ParamSpec[], Resolved extends object = object>(
  kind: KindDeclaration<Id, P, Resolved>,
): DeclaredKind<Id, P, Resolved> {
  return kind as unknown as DeclaredKind<Id, P, Resolved>;
}

/** A plan node's params as its kind's evaluator sees them: declared params (defaults filled in) and what `resolve` adds. */
export type PlanParamsOf<K> = K extends { params: infer P extends readonly ParamSpec[]; resolved?: infer Resolved }
  ? DeclaredParams<P> & NonNullable<Resolved>
  : never;

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
