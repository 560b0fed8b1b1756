/**
 * Optimising a network's input instead of its weights: "back to z" by gradient descent on
 * ‖G(z) − x‖² (photo editing's projections and stroke edits). The weights stay as they are; only a
 * fresh variable standing in for the input node's output is updated, with Adam.
 *
 * With `realism`, a discriminator's verdict on the optimised output joins the loss, as in Zhu et al.'s
 * brush edits: min_z U(G(z)) + λ1‖z − z0‖² − λ2·D(G(z)) — fit the strokes, stay near the original
 * code, stay on the manifold of images D takes for real.
 */
import type { Plan } from '../compiler/plan';
import { ancestors } from '../compiler/ancestors';
import type { GraphRunner } from './graph';
import { tf, type Scalar, type Tensor } from './tf';

export interface PortRef {
  node: string;
  port: string;
}

export interface OptimiseInputOptions {
  /** The output compared with `target` (e.g. G.out). */
  output: PortRef;
  /** The node output optimised (e.g. z.z); everything between it and `output` is run. */
  input: PortRef;
  count: number;
  /** [count, ...output dims]. */
  target: Float32Array;
  /** [count, ...input dims]: where the descent starts (noise, or E(x)). */
  start: Float32Array;
  /** Per-value weights of the fit, [count, ...output dims] (1 = fit, 0 = ignore): strokes, holes. */
  weights?: Float32Array;
  /** λ1 of `λ1·‖z − start‖²` (mean over the code's values): stay near the starting code. */
  closeness?: number;
  /**
   * λ2 of the realism term: a discriminator's logit output (one value per row) computed from
   * `output`, e.g. {node: 'D_fake', port: 'out', weight: 0.1} in photo editing. Adds
   * `weight · mean(softplus(−logit))`; with weight 0 the logit is only reported.
   */
  realism?: PortRef & { weight: number };
  steps?: number;
  lr?: number;
}

export interface OptimisedInput {
  /** The optimised input, [count, ...input dims]. */
  input: Float32Array;
  /** Each row's weighted mean squared error of the fit at the end. */
  error: Float32Array;
  /** With `realism`: each row's discriminator logit on the final output (sigmoid = "looks real"). */
  realism?: Float32Array;
}

const size = (dims: number[]): number => dims.reduce((a, b) => a * b, 1);

export async function optimiseInput(runner: GraphRunner, plan: Plan, progress: number, o: OptimiseInputOptions): Promise<OptimisedInput> {
  const inDims = runner.node(o.input.node).outputs[o.input.port]?.dims;
  const outDims = runner.node(o.output.node).outputs[o.output.port]?.dims;
  if (!inDims || !outDims) throw new Error(`cannot optimise ${o.input.node}.${o.input.port} for ${o.output.node}.${o.output.port}: no such ports`);
  const stop = new Set([o.input.node]);
  const realism = o.realism;
  if (realism) {
    const node = plan.nodes.find((n) => n.id === realism.node);
    if (!node) throw new Error(`realism term: the plan has no node "${realism.node}"`);
    const dims = node.outputs[realism.port]?.dims;
    if (!dims) throw new Error(`realism term: ${realism.node} has no output "${realism.port}" (outputs: ${Object.keys(node.outputs).join(', ')})`);
    if (size(dims) !== 1) throw new Error(`realism term: ${realism.node}.${realism.port} gives ${dims.join('×')} values per row; a discriminator's logit (1 value) is needed`);
    if (!ancestors(plan, [realism.node], stop).includes(o.output.node)) {
      throw new Error(`realism term: ${realism.node} does not depend on ${o.output.node}, so it cannot judge the optimised output`);
    }
    if (!Number.isFinite(realism.weight)) throw new Error(`realism term: weight of ${realism.node} must be a finite number, not ${realism.weight}`);
  }
  for (const [name, values, expected] of [
    ['start', o.start, o.count * size(inDims)],
    ['target', o.target, o.count * size(outDims)],
    ['weights', o.weights, o.count * size(outDims)],
  ] as const) {
    if (values && values.length !== expected) throw new Error(`optimiseInput: ${name} has ${values.length} values, expected ${expected}`);
  }
  // One evaluation gives both the fitted output and D's verdict on it.
  const order = ancestors(plan, realism ? [o.output.node, realism.node] : [o.output.node], stop);
  const z0 = tf.tensor(o.start, [o.count, ...inDims]);
  // A variable made from a tensor is a second tensor on the same data: the tidy disposes the copy.
  const z = tf.tidy(() => tf.variable(tf.clone(z0)));
  const target = tf.tensor(o.target, [o.count, ...outDims]);
  const weights = o.weights ? tf.tensor(o.weights, [o.count, ...outDims]) : tf.onesLike(target);
  const axes = outDims.map((_, i) => i + 1);
  const optimiser = tf.train.adam(o.lr ?? 0.05);
  /** Each row's weighted squared error, and (with `realism`) each row's logit, [count]. */
  const evaluate = (): { errors: Tensor; logits: Tensor | null } => {
    const given = new Map([[o.input.node, { [o.input.port]: z as Tensor }]]);
    const outputs = runner.evaluate(order, new Map(), { training: false, averaged: true, progress, batch: o.count }, given);
    const out = outputs.get(o.output.node)![o.output.port];
    const sq = tf.mul(tf.square(tf.sub(out, target)), weights);
    const errors = tf.div(tf.sum(sq, axes), tf.maximum(tf.sum(weights, axes), 1e-8));
    const logits = realism ? tf.reshape(outputs.get(realism.node)![realism.port], [o.count]) : null;
    return { errors, logits };
  };
  try {
    for (let s = 0; s < (o.steps ?? 100); s++) {
      tf.tidy(() => {
        optimiser.minimize(
          () => {
            const { errors, logits } = evaluate();
            let loss = tf.mean(errors);
            if (o.closeness) loss = tf.add(loss, tf.mul(o.closeness, tf.mean(tf.square(tf.sub(z, z0)))));
            // "Look real" as in the non-saturating generator loss: −log σ(logit) = softplus(−logit).
            // The paper's −λ2·D(G(z)) on the raw logit is unbounded below (z would run off to
            // wherever D's logit explodes, far from the strokes), and −log(1 − σ) saturates (no
            // gradient) exactly when D is sure the picture is fake — when the push is needed most.
            // softplus(−logit) is bounded below by 0 and steepest for pictures D calls fake.
            if (realism && realism.weight && logits) loss = tf.add(loss, tf.mul(realism.weight, tf.mean(tf.softplus(tf.neg(logits)))));
            return loss as Scalar;
          },
          false,
          [z],
        );
      });
    }
    const { errors, logits } = tf.tidy(() => {
      const r = evaluate();
      return { errors: r.errors, logits: r.logits ?? tf.zeros([0]) };
    });
    try {
      const [input, errorValues, logitValues] = await Promise.all([z.data(), errors.data(), logits.data()]);
      return { input: input as Float32Array, error: errorValues as Float32Array, ...(realism ? { realism: logitValues as Float32Array } : {}) };
    } finally {
      tf.dispose([errors, logits]);
    }
  } finally {
    optimiser.dispose();
    tf.dispose([z, z0, target, weights]);
  }
}
