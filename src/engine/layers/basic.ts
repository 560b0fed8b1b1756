/** Dense, convolution, normalisation, activation, shape, dropout and noise layers. */
import type { LayerOf } from '../../graph/layers';
import { tf } from '../tf';
import { batchNorm, batchNormSpecs, conv, convSpecs, convTranspose, convTransposeSpecs, resample, upsampleNearest } from './helpers';
import { spectralKernel, spectralSpecs } from './spectral';
import type { LayerImpl } from './types';

/** x·W + b; with spectral normalisation W/σ(W). */
export const dense: LayerImpl<'dense'> = {
  variables: (l, input) => [
    { key: 'kernel', shape: [input[0], l.units], init: 'glorot', fanIn: input[0], fanOut: l.units, trainable: true },
    { key: 'bias', shape: [l.units], init: 'zeros', trainable: true },
    ...(l.spectralNorm ? spectralSpecs(l.units) : []),
  ],
  apply: (x, l, _r, vars, ctx) => tf.add(tf.matMul(x as tf.Tensor2D, (l.spectralNorm ? spectralKernel(vars, ctx) : vars('kernel')) as tf.Tensor2D), vars('bias')),
};

export const conv2d: LayerImpl<'conv2d'> = {
  variables: (l, input) => [...convSpecs('', l.kernel, input[2], l.filters), ...(l.spectralNorm ? spectralSpecs(l.filters) : [])],
  apply: (x, l, _r, vars, ctx) => {
    if (!l.spectralNorm) return conv(x, vars, '', l.stride, l.padding);
    return tf.add(tf.conv2d(x as tf.Tensor4D, spectralKernel(vars, ctx) as tf.Tensor4D, l.stride, l.padding), vars('bias'));
  },
};

export const convTranspose2d: LayerImpl<'convTranspose2d'> = {
  variables: (l, input) => convTransposeSpecs('', l.kernel, input[2], l.filters),
  apply: (x, l, r, vars) => convTranspose(x, vars, '', l.stride, l.padding, r.output[0], r.output[1]),
};

export const upsample: LayerImpl<'upsample'> = {
  variables: () => [],
  apply: (x, l, r) => (l.method === 'nearest' ? upsampleNearest(x, l.factor) : resample(x, r.output[0], r.output[1], 'linear')),
};

export const batchNormLayer: LayerImpl<'batchNorm'> = {
  variables: (_l, input) => batchNormSpecs('', input[input.length - 1]),
  apply: (x, l, _r, vars, ctx) => batchNorm(x, vars, '', l.momentum, ctx),
};

/** Per example over all its values; scale and shift per channel (last axis). */
export const layerNorm: LayerImpl<'layerNorm'> = {
  variables: (_l, input) => [
    { key: 'gamma', shape: [input[input.length - 1]], init: 'ones', trainable: true },
    { key: 'beta', shape: [input[input.length - 1]], init: 'zeros', trainable: true },
  ],
  apply: (x, _l, _r, vars) => {
    const axes = x.shape.slice(1).map((_, i) => i + 1);
    const { mean, variance } = tf.moments(x, axes, true);
    return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, 1e-5))), vars('gamma')), vars('beta'));
  },
};

export const relu: LayerImpl<'relu'> = { variables: () => [], apply: (x) => tf.relu(x) };
export const leakyRelu: LayerImpl<'leakyRelu'> = { variables: () => [], apply: (x, l) => tf.leakyRelu(x, l.alpha) };
/** s·tanh(x); a scale of 1 (or none) is tanh itself. */
export const tanh: LayerImpl<'tanh'> = { variables: () => [], apply: (x, l) => (l.scale === undefined || l.scale === 1 ? tf.tanh(x) : tf.mul(tf.tanh(x), l.scale)) };
export const sigmoid: LayerImpl<'sigmoid'> = { variables: () => [], apply: (x) => tf.sigmoid(x) };

export const reshape: LayerImpl<'reshape'> = {
  variables: () => [],
  apply: (x, _l, r) => tf.reshape(x, [x.shape[0], ...r.output]),
};

export const flatten: LayerImpl<'flatten'> = {
  variables: () => [],
  apply: (x, _l, r) => tf.reshape(x, [x.shape[0], r.output[0]]),
};

/** Inverted dropout with a mask drawn from the node's random stream: kept values are scaled by 1/(1 − rate). */
export const dropout: LayerImpl<'dropout'> = {
  variables: () => [],
  apply: (x, _l, _r, _vars, ctx) => {
    if (!ctx.training || !ctx.random) return x;
    return tf.mul(x, tf.tensor(ctx.random, x.shape));
  },
  draw: (l: LayerOf<'dropout'>, r, batch, rng) => {
    const size = batch * r.output.reduce((p, d) => p * d, 1);
    const keep = 1 / (1 - l.rate);
    const mask = new Float32Array(size);
    for (let i = 0; i < size; i++) mask[i] = rng.next() < l.rate ? 0 : keep;
    return mask;
  },
};

/** x + σ(p)·ε while training, ε ~ N(0, 1) drawn from the network's stream; σ(p) = σ·(1 − p) when annealed. */
export const gaussianNoise: LayerImpl<'gaussianNoise'> = {
  variables: () => [],
  apply: (x, l, _r, _vars, ctx) => {
    if (!ctx.training || !ctx.random) return x;
    const sigma = l.anneal === 'linear' ? l.sigma * (1 - Math.min(1, Math.max(0, ctx.progress ?? 0))) : l.sigma;
    if (sigma === 0) return x;
    return tf.add(x, tf.mul(tf.tensor(ctx.random, x.shape), sigma));
  },
  draw: (_l, r, batch, rng) => {
    const noise = new Float32Array(batch * r.output.reduce((p, d) => p * d, 1));
    for (let i = 0; i < noise.length; i++) noise[i] = rng.normal();
    return noise;
  },
};
