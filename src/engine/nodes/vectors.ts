/** Joining, cutting and sampling codes: Concat, Split, Pair, Reparameterize. */
import { tf, type Tensor } from '../tf';
import { straightThroughOneHot } from '../ops';
import { drawnTensor, type NodeEvaluator } from './types';
import { klNormal } from './loss-math';

export const Concat: NodeEvaluator<'Concat'> = {
  evaluate(inputs) {
    const parts = ['a', 'b', 'c', 'd'].map((p) => inputs[p]).filter((t): t is Tensor => !!t);
    return { out: tf.concat(parts, parts[0].rank - 1) };
  },
};

export const Split: NodeEvaluator<'Split'> = {
  evaluate(inputs, ctx) {
    const sizes = ctx.node.params.sizes as number[];
    const parts = tf.split(inputs.x, sizes, 1);
    return Object.fromEntries(parts.map((t, i) => [`out${i}`, t]));
  },
};

/**
 * x with y appended (flattened, or tiled over the image as channels); logits at y go through
 * softmax. Hard labels: y's argmax as a one-hot, the gradient passing straight through to the
 * soft values; `confidence` is each row's largest soft value.
 */
export const Pair: NodeEvaluator<'Pair'> = {
  evaluate({ x, y }, ctx) {
    const soft = ctx.inputKind('y') === 'logits' ? tf.softmax(y) : y;
    const hard = ctx.node.params.labels === 'hard';
    const code = hard ? straightThroughOneHot(soft) : soft;
    let pair: Tensor;
    if (ctx.node.params.mode === 'channels') {
      const [n, h, w] = x.shape;
      const k = code.shape[1]!;
      const tiled = tf.broadcastTo(tf.reshape(code, [n, 1, 1, k]), [n, h!, w!, k]);
      pair = tf.concat([x, tiled], 3);
    } else pair = tf.concat([tf.reshape(x, [x.shape[0], -1]), code], 1);
    const out: Record<string, Tensor> = { pair };
    if (hard) out.confidence = tf.max(soft, 1, true);
    return out;
  },
};

/** z = μ + exp(½·log σ²)·ε with ε drawn from the node's stream; kl = KL(q ‖ N(0, 1)), batch mean. */
export const Reparameterize: NodeEvaluator<'Reparameterize'> = {
  setup({ node, stream }) {
    const rng = stream('eps');
    const dim = node.outputs.z.dims[0];
    return {
      draw(batch) {
        const eps = new Float32Array(batch * dim);
        for (let i = 0; i < eps.length; i++) eps[i] = rng.normal();
        return { eps };
      },
    };
  },
  evaluate({ mu, logvar }, ctx) {
    const eps = drawnTensor(ctx, 'eps', ctx.node.outputs.z.dims);
    return { z: tf.add(mu, tf.mul(tf.exp(tf.mul(logvar, 0.5)), eps)), kl: klNormal(mu, logvar) };
  },
};
