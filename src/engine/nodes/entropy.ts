/** Entropy of a classifier's softmax predictions, from log-softmax so confident rows stay finite. */
import { tf } from '../tf';
import type { NodeEvaluator } from './types';

/** Batch mean of H(p) = −Σ p·log p, p = softmax(logits), in nats. */
export const Entropy: NodeEvaluator<'Entropy'> = {
  evaluate({ logits }) {
    const logp = tf.logSoftmax(logits);
    return { loss: tf.mean(tf.neg(tf.sum(tf.mul(tf.exp(logp), logp), -1))) };
  },
};
