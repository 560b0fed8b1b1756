/**
 * Elementwise kernels and reductions on the engine's wasm kernels (SIMD), for the cases training
 * runs: float32, equal shapes or a scalar operand, reductions over one contiguous block of axes.
 * The shipped kernels walk every element with index arithmetic (LeakyRelu, Greater, Select) or
 * call libm per element (Tanh), and Sum/Mean transpose the reduced axes innermost first. Each
 * function returns undefined where it does not apply, and the caller runs the shipped kernel.
 */
import type * as tf from '@tensorflow/tfjs';
import type { Native } from './native';

type Info = tf.TensorInfo;

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

export function leakyRelu(n: Native, x: Info, alpha: number): Info | undefined {
  if (x.dtype !== 'float32') return undefined;
  const out = n.output(x.shape);
  n.k.leakyRelu(n.pointer(x), size(x.shape), alpha, out.ptr);
  return out.info;
}

export function tanh(n: Native, x: Info): Info | undefined {
  if (x.dtype !== 'float32') return undefined;
  const out = n.output(x.shape);
  n.k.tanh(n.pointer(x), size(x.shape), out.ptr);
  return out.info;
}

/** a > b with b of a's size or a single value. */
export function greater(n: Native, a: Info, b: Info): Info | undefined {
  if (a.dtype !== 'float32' || b.dtype !== 'float32') return undefined;
  const count = size(a.shape);
  const bSize = size(b.shape);
  const sameShape = a.shape.length === b.shape.length && a.shape.every((d, i) => d === b.shape[i]);
  if (!sameShape && !(bSize === 1 && b.shape.length <= a.shape.length)) return undefined;
  const out = n.output(a.shape, 'bool');
  if (count > 0) n.k.greater(n.pointer(a), n.pointer(b), count, sameShape ? 0 : 1, out.ptr);
  return out.info;
}

/** condition ? t : e, all of one shape. */
export function select(n: Native, condition: Info, t: Info, e: Info): Info | undefined {
  if (condition.dtype !== 'bool' || t.dtype !== 'float32' || e.dtype !== 'float32') return undefined;
  const same = (x: Info) => x.shape.length === t.shape.length && x.shape.every((d, i) => d === t.shape[i]);
  if (!same(condition) || !same(e)) return undefined;
  const out = n.output(t.shape);
  const count = size(t.shape);
  if (count > 0) n.k.select(n.pointer(condition), n.pointer(t), n.pointer(e), count, out.ptr);
  return out.info;
}

/**
 * Σ (or mean) of x over `axis` when the axes form one contiguous block: x viewed as [O, R, I]
 * with R the reduced extent.
 */
export function reduceSum(n: Native, x: Info, axis: number | number[] | null | undefined, keepDims: boolean, mean: boolean): Info | undefined {
  if (x.dtype !== 'float32') return undefined;
  const rank = x.shape.length;
  const axes = axis == null ? x.shape.map((_, i) => i) : (Array.isArray(axis) ? axis : [axis]).map((a) => (a < 0 ? a + rank : a));
  if (axes.length === 0 || rank === 0) return undefined;
  const sorted = [...new Set(axes)].sort((a, b) => a - b);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (last - first + 1 !== sorted.length || first < 0 || last >= rank) return undefined;
  const O = size(x.shape.slice(0, first));
  const R = size(x.shape.slice(first, last + 1));
  const I = size(x.shape.slice(last + 1));
  const outShape = keepDims ? x.shape.map((d, i) => (i >= first && i <= last ? 1 : d)) : x.shape.filter((_, i) => i < first || i > last);
  if (R === 0) return undefined;
  const out = n.output(outShape);
  if (O * I === 0) return out.info;
  n.k.sumAxis(n.pointer(x), O, R, I, mean ? 1 : 0, out.ptr);
  return out.info;
}

/** Where b's values sit relative to a's: how `binary` walks them, or undefined. */
function broadcastMode(a: number[], b: number[]): { mode: number; C: number; shape: number[] } | undefined {
  const sa = size(a);
  const sb = size(b);
  const same = a.length === b.length && a.every((d, i) => d === b[i]);
  if (same) return { mode: 0, C: 0, shape: a };
  if (sb === 1 && b.length <= a.length) return { mode: 1, C: 0, shape: a };
  if (sa === 1 && a.length <= b.length) return { mode: 2, C: 0, shape: b };
  // A row repeated: the shorter shape (leading 1s aside) is the longer's trailing dims.
  const trailing = (long: number[], short: number[]) => {
    const core = short.slice(short.findIndex((d) => d !== 1));
    return short.length <= long.length && core.length > 0 && core.every((d, i) => d === long[long.length - core.length + i]);
  };
  if (trailing(a, b)) return { mode: 3, C: sb, shape: a };
  if (trailing(b, a)) return { mode: 4, C: sa, shape: b };
  return undefined;
}

export type BinaryOp = 'add' | 'sub' | 'mul' | 'div';

/** a ∘ b for float32 operands of one shape, a scalar, or a row vector repeated over the other's rows. */
export function binary(n: Native, op: BinaryOp, a: Info, b: Info): Info | undefined {
  if (a.dtype !== 'float32' || b.dtype !== 'float32') return undefined;
  const plan = broadcastMode(a.shape, b.shape);
  if (!plan) return undefined;
  const out = n.output(plan.shape);
  const count = size(plan.shape);
  if (count > 0) n.k[op](n.pointer(a), n.pointer(b), count, plan.mode, plan.C, out.ptr);
  return out.info;
}
