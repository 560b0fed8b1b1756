/** The loss nodes: each evaluates to `loss`, a scalar (unweighted: phases apply the weights). */
import { tf, type Tensor } from '../tf';
import { klNormal, meanSquaredError, sigmoidCrossEntropy, softmaxCrossEntropy } from './loss-math';
import type { NodeEvaluator } from './types';

export const AdversarialLoss: NodeEvaluator<'AdversarialLoss'> = {
  evaluate({ logits }, ctx) {
    const real = ctx.node.params.target !== 'fake';
    const type = ctx.node.params.type ?? 'bce';
    let loss: Tensor;
    if (type === 'least-squares') loss = tf.mean(tf.square(tf.sub(logits, real ? 1 : 0)));
    else if (type === 'hinge') {
      if (ctx.node.params.role === 'generator') loss = real ? tf.neg(tf.mean(logits)) : tf.mean(logits);
      else loss = tf.mean(tf.relu(real ? tf.sub(1, logits) : tf.add(1, logits)));
    } else loss = sigmoidCrossEntropy(logits, real ? 1 : 0);
    return { loss };
  },
};

/** Mean error per counted value; with a mask, only values where it is 1 count (broadcast over channels). */
export const ReconstructionLoss: NodeEvaluator<'ReconstructionLoss'> = {
  evaluate({ prediction, target, mask }, ctx) {
    const metric = ctx.node.params.metric ?? 'l2';
    let err: Tensor;
    if (metric === 'l1') err = tf.abs(tf.sub(prediction, target));
    else if (metric === 'bce') {
      const p = tf.clipByValue(prediction, 1e-7, 1 - 1e-7);
      err = tf.neg(tf.add(tf.mul(target, tf.log(p)), tf.mul(tf.sub(1, target), tf.log(tf.sub(1, p)))));
    } else err = tf.squaredDifference(prediction, target);
    if (!mask) return { loss: tf.mean(err) };
    const weights = tf.broadcastTo(mask, err.shape);
    return { loss: tf.div(tf.sum(tf.mul(err, weights)), tf.maximum(tf.sum(weights), 1)) };
  },
};

export const KLNormal: NodeEvaluator<'KLNormal'> = {
  evaluate: ({ mu, logvar }) => ({ loss: klNormal(mu, logvar) }),
};

/** k classes: softmax cross-entropy; one class: sigmoid cross-entropy. Logits as targets go through softmax/sigmoid. */
export const CrossEntropy: NodeEvaluator<'CrossEntropy'> = {
  evaluate({ logits, labels }, ctx) {
    const k = logits.shape[logits.rank - 1];
    const soft = ctx.inputKind('labels') === 'logits';
    if (k === 1) return { loss: sigmoidCrossEntropy(logits, soft ? tf.sigmoid(labels) : labels) };
    return { loss: softmaxCrossEntropy(logits, soft ? tf.softmax(labels) : labels) };
  },
};

export const CodeRegression: NodeEvaluator<'CodeRegression'> = {
  evaluate: ({ prediction, code }) => ({ loss: meanSquaredError(prediction, code) }),
};

export const FeatureMatching: NodeEvaluator<'FeatureMatching'> = {
  evaluate: ({ a, b }) => ({ loss: meanSquaredError(a, b) }),
};

/**
 * Contrastive hinge: mean over rows of ‖a_i − b_i‖² (partners of the same class), plus the mean over
 * pairs (i, j) of different classes of max(0, margin − ‖a_i − b_j‖)².
 */
export const ContrastivePair: NodeEvaluator<'ContrastivePair'> = {
  evaluate({ a, b, label }, ctx) {
    const margin = ctx.node.params.margin as number;
    const positive = tf.mean(tf.sum(tf.squaredDifference(a, b), 1));
    // Squared distances between every a_i and b_j: |a|² − 2a·b + |b|².
    const aa = tf.sum(tf.square(a), 1, true);
    const bb = tf.reshape(tf.sum(tf.square(b), 1), [1, -1]);
    const d2 = tf.relu(tf.add(tf.sub(aa, tf.mul(tf.matMul(a, b, false, true), 2)), bb));
    const d = tf.sqrt(tf.add(d2, 1e-12));
    const different = tf.sub(1, tf.matMul(label, label, false, true));
    const hinge = tf.square(tf.relu(tf.sub(margin, d)));
    const negative = tf.div(tf.sum(tf.mul(hinge, different)), tf.maximum(tf.sum(different), 1));
    return { loss: tf.add(positive, negative) };
  },
};
