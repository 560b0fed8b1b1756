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

/**
 * Forward: the one-hot of each row's largest entry; backward: the gradient passes to the row as
 * if it had been used as it is (straight-through), so a classifier learns from its hard labels.
 */
export function straightThroughOneHot(p: Tensor): Tensor {
  const op = tf.customGrad((...args: Input[]) => {
    const soft = args[0] as Tensor;
    return {
      value: tf.oneHot(tf.argMax(soft, -1), soft.shape[soft.rank - 1]!).toFloat(),
      gradFunc: (dy: Tensor) => dy,
    };
  });
  return op(p);
}
