/** Ops with hand-written gradients. */
import { tf, type Tensor } from './tf';

type Input = Tensor | tf.GradSaveFunc;

/** Identity forward; the gradient flowing back is multiplied by −λ. */
export function gradientReversal(x: Tensor, lambda: number): Tensor {
  const op = tf.customGrad((...args: Input[]) => ({
    value: tf.clone(args[0] as Tensor),
    gradFunc: (dy: Tensor) => tf.mul(dy, -lambda),
  }));
  return op(x);
}

/** Identity forward; no gradient flows back. */
export function stopGradient(x: Tensor): Tensor {
  const op = tf.customGrad((...args: Input[]) => ({
    value: tf.clone(args[0] as Tensor),
    gradFunc: (dy: Tensor) => tf.zerosLike(dy),
  }));
  return op(x);
}
