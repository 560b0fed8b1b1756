/** Every layer type of the graph's layer stacks, keyed by type: the one map from layer types to tensor code. */
import type { LayerType } from '../../graph/layers';
import * as basic from './basic';
import { residualBlock, unetBlock } from './blocks';
import type { LayerImpl, LayerImpls } from './types';

export const LAYER_IMPLS: LayerImpls = {
  dense: basic.dense,
  conv2d: basic.conv2d,
  convTranspose2d: basic.convTranspose2d,
  upsample: basic.upsample,
  batchNorm: basic.batchNormLayer,
  layerNorm: basic.layerNorm,
  relu: basic.relu,
  leakyRelu: basic.leakyRelu,
  tanh: basic.tanh,
  sigmoid: basic.sigmoid,
  reshape: basic.reshape,
  flatten: basic.flatten,
  dropout: basic.dropout,
  gaussianNoise: basic.gaussianNoise,
  residualBlock,
  unetBlock,
};

export function layerImpl(type: LayerType): LayerImpl {
  const impl = LAYER_IMPLS[type] as LayerImpl | undefined;
  if (!impl) throw new Error(`the engine has no implementation of layer type "${type}"`);
  return impl;
}

export type { LayerContext, LayerImpl, VariableSpec, VariableLookup, InitKind } from './types';
