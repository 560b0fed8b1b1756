/**
 * Batch normalisation in training mode as one kernel forward and one backward (wasm, on the
 * engine's kernels): y = (x − μ)/√(var + ε)·γ + β with μ and the biased variance over every axis
 * but the last, which are also outputs (for the moving averages). Written as ops it takes about
 * fifteen kernels forward and thirty backward, each with its intermediate tensors.
 */
import * as tf from '@tensorflow/tfjs';
import { native, type Native } from './native';

export const BATCH_NORM_TRAIN = 'GanvasBatchNormTrain';
const BATCH_NORM_GRAD = 'GanvasBatchNormGrad';

type Info = tf.TensorInfo;
const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

function need(backend: unknown, kernel: string): Native {
  const n = native(backend);
  if (!n) throw new Error(`${kernel} needs the engine's wasm kernels`);
  return n;
}

function checkFloat(t: Info, name: string): void {
  if (t.dtype !== 'float32') throw new Error(`${name} must be float32, not ${t.dtype}`);
}

const forward: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const n = need(backend, BATCH_NORM_TRAIN);
  const { x, gamma, beta } = inputs as { x: Info; gamma: Info; beta: Info };
  [x, gamma, beta].forEach((t, i) => checkFloat(t, ['x', 'gamma', 'beta'][i]));
  const { epsilon } = attrs as unknown as { epsilon: number };
  const channels = x.shape[x.shape.length - 1];
  const rows = size(x.shape) / channels;
  const y = n.output(x.shape);
  const mean = n.output([channels]);
  const variance = n.output([channels]);
  const scale = n.malloc(channels);
  try {
    n.k.bnStats(n.pointer(x), rows, channels, mean.ptr, variance.ptr);
    n.k.bnApply(n.pointer(x), rows, channels, mean.ptr, variance.ptr, n.pointer(gamma), n.pointer(beta), epsilon, scale, y.ptr);
  } finally {
    n.free(scale);
  }
  return [y.info, mean.info, variance.info];
};

const backward: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const n = need(backend, BATCH_NORM_GRAD);
  const { dy, x, mean, variance, gamma, dmean, dvariance } = inputs as Record<string, Info>;
  const { epsilon } = attrs as unknown as { epsilon: number };
  const channels = x.shape[x.shape.length - 1];
  const rows = size(x.shape) / channels;
  const dx = n.output(x.shape);
  const dgamma = n.output([channels]);
  const dbeta = n.output([channels]);
  const inv = n.malloc(channels);
  try {
    n.k.bnGrad(
      n.pointer(dy), n.pointer(x), rows, channels, n.pointer(mean), n.pointer(variance), n.pointer(gamma), epsilon,
      n.pointer(dmean), n.pointer(dvariance), inv, dx.ptr, dgamma.ptr, dbeta.ptr,
    );
  } finally {
    n.free(inv);
  }
  return [dx.info, dgamma.info, dbeta.info];
};

export const batchNormKernels: tf.KernelConfig[] = [
  { kernelName: BATCH_NORM_TRAIN, backendName: 'wasm', kernelFunc: forward },
  { kernelName: BATCH_NORM_GRAD, backendName: 'wasm', kernelFunc: backward },
];

export const batchNormGradient: tf.GradConfig = {
  kernelName: BATCH_NORM_TRAIN,
  inputsToSave: ['x', 'gamma'],
  outputsToSave: [false, true, true],
  gradFunc: (dys, saved, attrs) => {
    const [dy, dmean, dvariance] = dys as tf.Tensor[];
    const [x, gamma, mean, variance] = saved;
    const [dx, dgamma, dbeta] = tf.engine().runKernel(
      BATCH_NORM_GRAD,
      { dy, x, mean, variance, gamma, dmean, dvariance } as unknown as tf.NamedTensorMap,
      attrs,
    ) as tf.Tensor[];
    return { x: () => dx, gamma: () => dgamma, beta: () => dbeta };
  },
};

/** Whether training-mode batch norm runs as one kernel here (wasm with the engine's kernels). */
export function fusedBatchNormAvailable(): boolean {
  return tf.getBackend() === 'wasm' && tf.getKernel(BATCH_NORM_TRAIN, 'wasm') != null && native(tf.backend()) !== undefined;
}

/** y, and the batch mean and variance of x, in one kernel (gradients in one kernel too). */
export function batchNormTraining(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, epsilon: number): { y: tf.Tensor; mean: tf.Tensor; variance: tf.Tensor } {
  const [y, mean, variance] = tf.engine().runKernel(BATCH_NORM_TRAIN, { x, gamma, beta } as unknown as tf.NamedTensorMap, { epsilon }) as tf.Tensor[];
  return { y, mean, variance };
}
