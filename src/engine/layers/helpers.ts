/** Building blocks several layers share: convolutions with bias, batch normalisation, resampling. */
import { axisTaps, type ResampleKernel } from '../../data/transforms';
import { batchNormTraining, fusedBatchNormAvailable } from '../kernels/batch-norm';
import { tf, type Tensor } from '../tf';
import type { LayerContext, VariableLookup, VariableSpec } from './types';

export const BN_EPSILON = 1e-5;

export function convSpecs(prefix: string, kernel: number, cin: number, cout: number): VariableSpec[] {
  return [
    { key: `${prefix}kernel`, shape: [kernel, kernel, cin, cout], init: 'glorot', fanIn: kernel * kernel * cin, fanOut: kernel * kernel * cout, trainable: true },
    { key: `${prefix}bias`, shape: [cout], init: 'zeros', trainable: true },
  ];
}

/** conv2dTranspose's filter is [k, k, out, in]. */
export function convTransposeSpecs(prefix: string, kernel: number, cin: number, cout: number): VariableSpec[] {
  return [
    { key: `${prefix}kernel`, shape: [kernel, kernel, cout, cin], init: 'glorot', fanIn: kernel * kernel * cin, fanOut: kernel * kernel * cout, trainable: true },
    { key: `${prefix}bias`, shape: [cout], init: 'zeros', trainable: true },
  ];
}

export function batchNormSpecs(prefix: string, channels: number): VariableSpec[] {
  return [
    { key: `${prefix}gamma`, shape: [channels], init: 'ones', trainable: true },
    { key: `${prefix}beta`, shape: [channels], init: 'zeros', trainable: true },
    { key: `${prefix}movingMean`, shape: [channels], init: 'zeros', trainable: false },
    { key: `${prefix}movingVariance`, shape: [channels], init: 'ones', trainable: false },
  ];
}

export function conv(x: Tensor, vars: VariableLookup, prefix: string, stride: number, padding: 'same' | 'valid'): Tensor {
  const y = tf.conv2d(x as tf.Tensor4D, vars(`${prefix}kernel`) as tf.Tensor4D, stride, padding);
  return tf.add(y, vars(`${prefix}bias`));
}

export function convTranspose(x: Tensor, vars: VariableLookup, prefix: string, stride: number, padding: 'same' | 'valid', outH: number, outW: number): Tensor {
  const filter = vars(`${prefix}kernel`) as tf.Tensor4D;
  const [n] = x.shape;
  const y = tf.conv2dTranspose(x as tf.Tensor4D, filter, [n, outH, outW, filter.shape[2]], stride, padding);
  return tf.add(y, vars(`${prefix}bias`));
}

/**
 * Batch normalisation over every axis but the last. Training: batch statistics (biased variance),
 * and the moving averages move towards them (moving = momentum·moving + (1 − momentum)·batch).
 * Inference, or `movingStats` (a phase's "moving" mode): the moving averages. `frozenStats`
 * computes with batch statistics but leaves the moving averages alone (gradient probes, a phase's
 * "batch-frozen" mode).
 */
export function batchNorm(x: Tensor, vars: VariableLookup, prefix: string, momentum: number, ctx: LayerContext): Tensor {
  const gamma = vars(`${prefix}gamma`);
  const beta = vars(`${prefix}beta`);
  const movingMean = vars(`${prefix}movingMean`);
  const movingVariance = vars(`${prefix}movingVariance`);
  let mean: Tensor;
  let variance: Tensor;
  const batchStatistics = ctx.training && !ctx.movingStats;
  if (batchStatistics && !ctx.twiceDifferentiable && fusedBatchNormAvailable()) {
    // One kernel forward and one backward on wasm; the same arithmetic. Its backward kernel has no
    // gradient, so an evaluation differentiated twice takes the composite ops below.
    const fused = batchNormTraining(x, gamma, beta, BN_EPSILON);
    if (!ctx.frozenStats) {
      movingMean.assign(tf.add(tf.mul(movingMean, momentum), tf.mul(fused.mean, 1 - momentum)));
      movingVariance.assign(tf.add(tf.mul(movingVariance, momentum), tf.mul(fused.variance, 1 - momentum)));
    }
    return fused.y;
  }
  if (batchStatistics) {
    const axes = x.shape.slice(0, -1).map((_, i) => i);
    const moments = tf.moments(x, axes);
    mean = moments.mean;
    variance = moments.variance;
    if (!ctx.frozenStats) {
      movingMean.assign(tf.add(tf.mul(movingMean, momentum), tf.mul(mean, 1 - momentum)));
      movingVariance.assign(tf.add(tf.mul(movingVariance, momentum), tf.mul(variance, 1 - momentum)));
    }
  } else {
    mean = movingMean;
    variance = movingVariance;
  }
  const inv = tf.mul(tf.rsqrt(tf.add(variance, BN_EPSILON)), gamma);
  return tf.add(tf.mul(tf.sub(x, mean), inv), beta);
}

/** Row-major [outSize, inSize] resampling matrix (pixel centres aligned, edges repeated). */
export function resampleMatrix(inSize: number, outSize: number, kernel: ResampleKernel): Float32Array {
  const taps = axisTaps(inSize, outSize, 0, inSize / outSize, kernel);
  const m = new Float32Array(outSize * inSize);
  for (let i = 0; i < outSize; i++) {
    for (let k = 0; k < taps.count[i]; k++) {
      const j = taps.index[taps.start[i] + k];
      m[i * inSize + j] += taps.weight[taps.start[i] + k];
    }
  }
  return m;
}

/**
 * Separable linear resampling of [n, h, w, c] images to [n, outH, outW, c] as two matrix products:
 * differentiable on every backend, no resize kernels needed.
 */
export function resample(x: Tensor, outH: number, outW: number, kernel: ResampleKernel): Tensor {
  const [n, h, w, c] = x.shape;
  const ry = tf.tensor2d(resampleMatrix(h, outH, kernel), [outH, h]);
  const rx = tf.tensor2d(resampleMatrix(w, outW, kernel), [outW, w]);
  // Rows: [h, n·w·c] → [outH, n·w·c].
  let t = tf.reshape(tf.transpose(x, [1, 0, 2, 3]), [h, n * w * c]);
  t = tf.matMul(ry, t);
  // Columns: [w, n·outH·c] → [outW, n·outH·c].
  t = tf.reshape(tf.transpose(tf.reshape(t, [outH, n, w, c]), [2, 1, 0, 3]), [w, n * outH * c]);
  t = tf.matMul(rx, t);
  return tf.transpose(tf.reshape(t, [outW, n, outH, c]), [1, 2, 0, 3]);
}

/**
 * Nearest-neighbour upsampling by an integer factor: two rank-4 broadcasts. TF.js runs a broadcast
 * as Tile, whose gradient is one slice and one add per copy; here the gradient is a sum over each
 * copied axis instead (the same additions in the same order, as two reductions over one axis).
 */
export function upsampleNearest(x: Tensor, factor: number): Tensor {
  const [n, h, w, c] = x.shape;
  const op = tf.customGrad((...args: (Tensor | tf.GradSaveFunc)[]) => {
    const input = args[0] as Tensor;
    let t = tf.broadcastTo(tf.reshape(input, [n, h, 1, w * c]), [n, h, factor, w * c]);
    t = tf.broadcastTo(tf.reshape(t, [n * h * factor, w, 1, c]), [n * h * factor, w, factor, c]);
    return {
      value: tf.reshape(t, [n, h * factor, w * factor, c]),
      gradFunc: (dy: Tensor) => {
        const columns = tf.sum(tf.reshape(dy, [n * h * factor * w, factor, c]), 1);
        return tf.reshape(tf.sum(tf.reshape(columns, [n, h, factor, w * c]), 2), [n, h, w, c]);
      },
    };
  });
  return op(x);
}
