/** The loss formulas, as plain functions of tensors (batch mean unless said). */
import { tf, type Tensor } from '../tf';

/** Sigmoid cross-entropy of logits l against targets t: max(l, 0) − l·t + log(1 + e^−|l|), mean. */
export function sigmoidCrossEntropy(logits: Tensor, target: Tensor | number): Tensor {
  const t = typeof target === 'number' ? tf.scalar(target) : target;
  return tf.mean(tf.add(tf.sub(tf.relu(logits), tf.mul(logits, t)), tf.log1p(tf.exp(tf.neg(tf.abs(logits))))));
}

/** Softmax cross-entropy against one-hot or soft targets: batch mean of −Σ t·log softmax(l). */
export function softmaxCrossEntropy(logits: Tensor, target: Tensor): Tensor {
  return tf.mean(tf.neg(tf.sum(tf.mul(target, tf.logSoftmax(logits)), -1)));
}

export function meanSquaredError(a: Tensor, b: Tensor): Tensor {
  return tf.mean(tf.squaredDifference(a, b));
}

/** KL(N(μ, σ²) ‖ N(0, 1)) summed over the code, averaged over the batch. */
export function klNormal(mu: Tensor, logvar: Tensor): Tensor {
  const terms = tf.sub(tf.add(1, logvar), tf.add(tf.square(mu), tf.exp(logvar)));
  return tf.mean(tf.mul(tf.sum(terms, -1), -0.5));
}
