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

/**
 * Comparisons have no gradient (zero almost everywhere), but TF.js registers none for most of them,
 * so a second derivative through an op whose gradient compares (LeakyReLU's mask, Maximum) fails.
 * Registered once, only where TF.js has none: first derivatives never reach these ops.
 */
const COMPARISONS = ['Greater', 'Less', 'LessEqual', 'Equal', 'NotEqual'] as const;
let comparisonsRegistered = false;
function registerComparisonGradients(): void {
  if (comparisonsRegistered) return;
  comparisonsRegistered = true;
  for (const kernelName of COMPARISONS) {
    if (tf.getGradient(kernelName)) continue;
    tf.registerGradient({
      kernelName,
      inputsToSave: ['a', 'b'],
      gradFunc: (_dy: Tensor | Tensor[], saved: Tensor[]) => ({ a: () => tf.zerosLike(saved[0]), b: () => tf.zerosLike(saved[1]) }),
    });
  }
}

/**
 * ∂(Σ f(x))/∂x, recorded so that an enclosing gradient (a phase's, with respect to the weights in
 * f) differentiates through it: double backprop.
 */
export function inputGradient(f: (x: Tensor) => Tensor, x: Tensor): Tensor {
  registerComparisonGradients();
  return tf.grad((v: Tensor) => tf.sum(f(v)))(x);
}
