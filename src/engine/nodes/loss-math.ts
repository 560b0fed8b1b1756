/** The loss formulas, as plain functions of tensors (batch mean unless said). */
import { stopGradient } from '../ops';
import { tf, type Tensor } from '../tf';

/**
 * The batch mean of per-example values ([n] or [n, …]: each example's values averaged first);
 * with `weights` ([n, 1] or [n]) each example counts its weight: mean_i(w_i · l_i). Weights are
 * constants to the loss: no gradient flows into them.
 */
export function batchMean(values: Tensor, weights?: Tensor): Tensor {
  if (!weights) return tf.mean(values);
  const n = values.shape[0]!;
  const perExample = values.rank > 1 ? tf.mean(values, values.shape.slice(1).map((_, i) => i + 1)) : values;
  return tf.mean(tf.mul(perExample, tf.reshape(stopGradient(weights), [n])));
}

/** Sigmoid cross-entropy of logits l against targets t: max(l, 0) − l·t + log(1 + e^−|l|), mean. */
export function sigmoidCrossEntropy(logits: Tensor, target: Tensor | number, weights?: Tensor): Tensor {
  const t = typeof target === 'number' ? tf.scalar(target) : target;
  return batchMean(tf.add(tf.sub(tf.relu(logits), tf.mul(logits, t)), tf.log1p(tf.exp(tf.neg(tf.abs(logits))))), weights);
}

/** Softmax cross-entropy against one-hot or soft targets: batch mean of −Σ t·log softmax(l). */
export function softmaxCrossEntropy(logits: Tensor, target: Tensor, weights?: Tensor): Tensor {
  return batchMean(tf.neg(tf.sum(tf.mul(target, tf.logSoftmax(logits)), -1)), weights);
}

export function meanSquaredError(a: Tensor, b: Tensor): Tensor {
  return tf.mean(tf.squaredDifference(a, b));
}

/** KL(N(μ, σ²) ‖ N(0, 1)) summed over the code, averaged over the batch. */
export function klNormal(mu: Tensor, logvar: Tensor): Tensor {
  const terms = tf.sub(tf.add(1, logvar), tf.add(tf.square(mu), tf.exp(logvar)));
  return tf.mean(tf.mul(tf.sum(terms, -1), -0.5));
}
