/** Every layer type, listed once: the registry of this folder's declarations. */
import { z } from 'zod';
import { batchNorm } from './batch-norm';
import { convTranspose2d } from './conv-transpose2d';
import { conv2d } from './conv2d';
import type { LayerDefinition, LayerValue } from './define';
import { dense } from './dense';
import { dropout } from './dropout';
import { flatten } from './flatten';
import { gaussianNoise } from './gaussian-noise';
import { layerNorm } from './layer-norm';
import { leakyRelu } from './leaky-relu';
import { relu } from './relu';
import { reshape } from './reshape';
import { residualBlock } from './residual-block';
import { sigmoid } from './sigmoid';
import { tanh } from './tanh';
import { unetBlock } from './unet-block';
import { upsample } from './upsample';

/** Every layer type, in the order the layer editor offers them. */
export const LAYERS = [dense, conv2d, convTranspose2d, upsample, batchNorm, layerNorm, relu, leakyRelu, tanh, sigmoid, reshape, flatten, dropout, gaussianNoise, residualBlock, unetBlock] as const;

type Definition = (typeof LAYERS)[number];
type ValueOf<D> = D extends LayerDefinition<infer T, infer P> ? LayerValue<T, P> : never;

export type LayerType = Definition['type'];
/** One parsed layer of a stack (defaults filled in). */
export type Layer = ValueOf<Definition>;
export type LayerOf<T extends LayerType> = Extract<Layer, { type: T }>;

export const LAYER_TYPES: readonly LayerType[] = LAYERS.map((l) => l.type);

const BY_TYPE = new Map<string, LayerDefinition>(LAYERS.map((l) => [l.type, l as unknown as LayerDefinition]));

/** The declaration of a layer type (undefined for a type no declaration has). */
export function layerDefinition(type: string): LayerDefinition | undefined {
  return BY_TYPE.get(type);
}

/** The parser of one layer of any type. */
export const LayerSchema = z.discriminatedUnion(
  'type',
  LAYERS.map((l) => l.schema) as unknown as [Definition['schema'], ...Definition['schema'][]],
);
