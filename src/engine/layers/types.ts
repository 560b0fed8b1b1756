/** What every layer implementation provides: its variables, how to apply it, and any randomness it needs. */
import type { LayerOf, LayerType, ResolvedLayer } from '../../graph/layers';
import type { Rng } from '../../util/rng';
import type { Tensor, Variable } from '../tf';

/** `unit`: a random direction (normal values scaled to length 1), e.g. spectral normalisation's u. */
export type InitKind = 'glorot' | 'zeros' | 'ones' | 'unit';

/** One variable of a layer: `key` is unique within the layer ("kernel", "bn1/gamma", …). */
export interface VariableSpec {
  key: string;
  shape: number[];
  init: InitKind;
  /** For Glorot: fan-in and fan-out. */
  fanIn?: number;
  fanOut?: number;
  /** BatchNorm's moving statistics are state, not trained. */
  trainable: boolean;
}

export interface LayerContext {
  /** Training phase: batch statistics, moving averages updated, dropout on. Otherwise inference. */
  training: boolean;
  /** Training-mode statistics without updating BatchNorm's moving averages. */
  frozenStats?: boolean;
  /** BatchNorm normalises with its moving statistics (left unchanged) even while training. */
  movingStats?: boolean;
  /** The output will be differentiated twice (R1): no fused kernels whose gradients lack gradients. */
  twiceDifferentiable?: boolean;
  /** This application's random draw for the layer (dropout masks, noise), when it has one. */
  random?: Float32Array;
  /** Training progress in [0, 1] (annealed noise). */
  progress?: number;
}

export type VariableLookup = (key: string) => Variable;

export interface LayerImpl<T extends LayerType = LayerType> {
  variables(layer: LayerOf<T>, input: number[], output: number[]): VariableSpec[];
  apply(x: Tensor, layer: LayerOf<T>, resolved: ResolvedLayer, vars: VariableLookup, ctx: LayerContext): Tensor;
  /** Random values one training application needs (a dropout mask for a batch of `batch`). */
  draw?(layer: LayerOf<T>, resolved: ResolvedLayer, batch: number, rng: Rng): Float32Array;
}

export type LayerImpls = { [T in LayerType]: LayerImpl<T> };
