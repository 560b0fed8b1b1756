/** The loss nodes: each evaluates to `loss`, a scalar (unweighted: phases apply the weights). */
import { inputGradient } from '../ops';
import { tf, type Tensor } from '../tf';
import { batchMean, klNormal, meanSquaredError, sigmoidCrossEntropy, softmaxCrossEntropy } from './loss-math';
import type { NodeEvaluator } from './types';

/** With `weights` (one per example), each example's loss counts its weight: mean_i(w_i · l_i). */
export const AdversarialLoss: NodeEvaluator<'AdversarialLoss'> = {
  evaluate({ logits, weights }, ctx) {
    const real = ctx.node.params.target !== 'fake';
    const type = ctx.node.params.type ?? 'bce';
    // One-sided label smoothing: only the real target is softened (1 → 1 − s).
    const smoothing = real ? ((ctx.node.params.smoothing as number | undefined) ?? 0) : 0;
    const target = real ? 1 - smoothing : 0;
    let loss: Tensor;
    if (type === 'least-squares') loss = batchMean(tf.square(tf.sub(logits, target)), weights);
    else if (type === 'hinge') {
      if (ctx.node.params.role === 'generator') loss = real ? tf.neg(batchMean(logits, weights)) : batchMean(logits, weights);
      else loss = batchMean(tf.relu(real ? tf.sub(1, logits) : tf.add(1, logits)), weights);
    } else loss = sigmoidCrossEntropy(logits, target, weights);
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

/**
 * k classes: softmax cross-entropy; one class: sigmoid cross-entropy. Logits as targets go through
 * softmax/sigmoid. With `weights` (one per example): mean_i(w_i · l_i).
 */
export const CrossEntropy: NodeEvaluator<'CrossEntropy'> = {
  evaluate({ logits, labels, weights }, ctx) {
    const k = logits.shape[logits.rank - 1];
    const soft = ctx.inputKind('labels') === 'logits';
    if (k === 1) return { loss: sigmoidCrossEntropy(logits, soft ? tf.sigmoid(labels) : labels, weights) };
    return { loss: softmaxCrossEntropy(logits, soft ? tf.softmax(labels) : labels, weights) };
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

/**
 * R1: γ/2 · mean over examples of ‖∂D(x)/∂x‖², D the network whose output feeds `logits`, x its
 * input. The input gradient stays on the tape, so the phase's gradient with respect to D's weights
 * is a second derivative (double backprop).
 */
export const R1Penalty: NodeEvaluator<'R1Penalty'> = {
  secondOrder: true,
  evaluate(_inputs, ctx) {
    if (!ctx.rerun) throw new Error(`${ctx.node.label}: the R1 penalty needs the discriminator it judges`);
    const judge = ctx.rerun('logits');
    const grad = inputGradient((x) => judge.output(x), judge.input);
    const axes = grad.shape.slice(1).map((_, i) => i + 1);
    const squared = axes.length ? tf.sum(tf.square(grad), axes) : tf.square(grad);
    return { loss: tf.mul(tf.mean(squared), (ctx.node.params.gamma as number) / 2) };
  },
};
