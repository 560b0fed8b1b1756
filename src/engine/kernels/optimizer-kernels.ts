/**
 * One kernel call updates every variable of an optimizer: Adam and SGD (with or without momentum)
 * on the engine's wasm kernels, in a single pass over each variable's values instead of the dozen
 * elementwise kernels (and their intermediate tensors) the update takes written as ops.
 *
 * Inputs are named by position: w0, g0, m0, v0, w1, … for Adam; w0, g0, b0, … for SGD with
 * momentum; w0, g0, … for plain SGD. Outputs follow the same order: the new w, m, v (or w, b) of
 * each variable.
 */
import * as tf from '@tensorflow/tfjs';
import { native } from './native';

export const FUSED_ADAM = 'GanvasFusedAdam';
export const FUSED_SGD = 'GanvasFusedSgd';

type Info = tf.TensorInfo;

export interface FusedAdamAttrs {
  count: number;
  lr: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** Adam's t after this update (1 for the first). */
  iterations: number;
}

export interface FusedSgdAttrs {
  count: number;
  lr: number;
  momentum: number;
}

const elements = (t: Info) => t.shape.reduce((a, b) => a * b, 1);

function checkFloat(t: Info | undefined, name: string, like: Info): Info {
  if (!t) throw new Error(`${name} is missing`);
  if (t.dtype !== 'float32' || elements(t) !== elements(like)) throw new Error(`${name} must be float32 of ${like.shape}`);
  return t;
}

const fusedAdam: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const n = native(backend);
  if (!n) throw new Error(`${FUSED_ADAM} needs the engine's wasm kernels`);
  const a = attrs as unknown as FusedAdamAttrs;
  const named = inputs as Record<string, Info>;
  const c1 = 1 - Math.pow(a.beta1, a.iterations);
  const c2 = 1 - Math.pow(a.beta2, a.iterations);
  const out: Info[] = [];
  for (let i = 0; i < a.count; i++) {
    const w = named[`w${i}`];
    const g = checkFloat(named[`g${i}`], `g${i}`, w);
    const m = checkFloat(named[`m${i}`], `m${i}`, w);
    const v = checkFloat(named[`v${i}`], `v${i}`, w);
    const wOut = n.output(w.shape);
    const mOut = n.output(w.shape);
    const vOut = n.output(w.shape);
    n.k.adam(n.pointer(w), n.pointer(g), n.pointer(m), n.pointer(v), elements(w), a.lr, a.beta1, 1 - a.beta1, a.beta2, 1 - a.beta2, a.epsilon, c1, c2, wOut.ptr, mOut.ptr, vOut.ptr);
    out.push(wOut.info, mOut.info, vOut.info);
  }
  return out;
};

const fusedSgd: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const n = native(backend);
  if (!n) throw new Error(`${FUSED_SGD} needs the engine's wasm kernels`);
  const a = attrs as unknown as FusedSgdAttrs;
  const named = inputs as Record<string, Info>;
  const out: Info[] = [];
  for (let i = 0; i < a.count; i++) {
    const w = named[`w${i}`];
    const g = checkFloat(named[`g${i}`], `g${i}`, w);
    const wOut = n.output(w.shape);
    if (a.momentum > 0) {
      const b = checkFloat(named[`b${i}`], `b${i}`, w);
      const bOut = n.output(w.shape);
      n.k.sgd(n.pointer(w), n.pointer(g), n.pointer(b), elements(w), a.lr, a.momentum, wOut.ptr, bOut.ptr);
      out.push(wOut.info, bOut.info);
    } else {
      n.k.sgd(n.pointer(w), n.pointer(g), 0, elements(w), a.lr, 0, wOut.ptr, 0);
      out.push(wOut.info);
    }
  }
  return out;
};

export const fusedOptimizerKernels: tf.KernelConfig[] = [
  { kernelName: FUSED_ADAM, backendName: 'wasm', kernelFunc: fusedAdam },
  { kernelName: FUSED_SGD, backendName: 'wasm', kernelFunc: fusedSgd },
];

/** Whether the active backend runs the fused updates (wasm with the engine's kernels loaded). */
export function fusedOptimizersAvailable(): boolean {
  return tf.getBackend() === 'wasm' && tf.getKernel(FUSED_ADAM, 'wasm') != null && native(tf.backend()) !== undefined;
}
