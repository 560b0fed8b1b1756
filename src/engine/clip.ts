/** Gradient clipping by global norm: one norm over all of a step's gradients, kept on the device. */
import { tf, type Tensor } from './tf';

/**
 * Each gradient times c / max(n, c), n = √(Σ‖g‖²) over all of them: unchanged when n ≤ c, else
 * scaled so the global norm is c, every direction kept. Call inside tidy.
 */
export function clipByGlobalNorm(grads: Record<string, Tensor>, maxNorm: number): Record<string, Tensor> {
  const names = Object.keys(grads);
  if (names.length === 0) return grads;
  const squares = names.map((n) => tf.sum(tf.square(grads[n])));
  const norm = tf.sqrt(squares.length === 1 ? squares[0] : tf.addN(squares));
  const scale = tf.div(maxNorm, tf.maximum(norm, maxNorm));
  return Object.fromEntries(names.map((n) => [n, tf.mul(grads[n], scale)]));
}
