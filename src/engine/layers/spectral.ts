/**
 * Spectral normalisation (Miyato et al.): a kernel divided by an estimate of its largest singular
 * value σ, from one power-iteration step per training application on a persistent vector u.
 * Kernels are stored [..., out]; as a matrix W of out rows (PyTorch's weight.view(out, −1)),
 * Wᵀ is the kernel reshaped to [n, out]. Every application, training or not, takes one step from
 * the stored u (v = normalise(Wᵀu), u' = normalise(Wv), σ = u'ᵀWv); a training application stores
 * u'. (PyTorch's spectral_norm in inference mode instead reuses its stored u and v without a step.)
 */
import { stopGradient } from '../ops';
import { tf, type Tensor, type Variable } from '../tf';
import type { LayerContext, VariableLookup, VariableSpec } from './types';

/** PyTorch's `normalize` epsilon: x / max(‖x‖, ε). */
const EPSILON = 1e-12;

function normalised(x: Tensor): Tensor {
  return tf.div(x, tf.maximum(tf.norm(x), EPSILON));
}

/**
 * kernel / σ with v = normalise(Wᵀu), u' = normalise(Wv), σ = u'ᵀWv; u and v are constants to the
 * gradient (as in PyTorch), σ is not. With `update`, u ← u' (training); otherwise u is only read.
 */
export function spectralNormalised(kernel: Tensor, u: Variable, update: boolean): Tensor {
  const out = kernel.shape[kernel.rank - 1]!;
  const wt = tf.reshape(kernel, [-1, out]);
  const fixed = stopGradient(wt);
  const v = normalised(tf.matMul(fixed, tf.reshape(u, [out, 1])));
  const next = normalised(tf.matMul(fixed, v, true, false));
  const sigma = tf.sum(tf.mul(v, tf.matMul(wt, next)));
  if (update) u.assign(tf.reshape(next, [out]));
  return tf.div(kernel, sigma);
}

/** The persistent u of a layer with `out` outputs: state, like BatchNorm's averages (saved, not trained). */
export function spectralSpecs(out: number): VariableSpec[] {
  return [{ key: 'u', shape: [out], init: 'unit', trainable: false }];
}

/**
 * The layer's kernel divided by its σ. u moves exactly when BatchNorm's averages would: in a
 * training application, not in probes, a phase's frozen or moving mode, or samples.
 */
export function spectralKernel(vars: VariableLookup, ctx: LayerContext): Tensor {
  return spectralNormalised(vars('kernel'), vars('u'), ctx.training && !ctx.frozenStats && !ctx.movingStats);
}
