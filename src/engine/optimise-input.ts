/**
 * Optimising a network's input instead of its weights: "back to z" by gradient descent on
 * ‖G(z) − x‖² (photo editing's projections and stroke edits). The weights stay as they are; only a
 * fresh variable standing in for the input node's output is updated, with Adam.
 */
import type { Plan } from '../compiler/plan';
import { ancestors, type GraphRunner } from './graph';
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
  /** λ1 of `λ1·‖z − start‖²`: stay near the starting code. */
  closeness?: number;
  steps?: number;
  lr?: number;
}

export interface OptimisedInput {
  /** The optimised input, [count, ...input dims]. */
  input: Float32Array;
  /** Each row's weighted mean squared error of the fit at the end. */
  error: Float32Array;
}

export async function optimiseInput(runner: GraphRunner, plan: Plan, progress: number, o: OptimiseInputOptions): Promise<OptimisedInput> {
  const inDims = runner.node(o.input.node).outputs[o.input.port]?.dims;
  const outDims = runner.node(o.output.node).outputs[o.output.port]?.dims;
  if (!inDims || !outDims) throw new Error(`cannot optimise ${o.input.node}.${o.input.port} for ${o.output.node}.${o.output.port}: no such ports`);
  const order = ancestors(plan, [o.output.node], new Set([o.input.node]));
  const z = tf.variable(tf.tensor(o.start, [o.count, ...inDims]));
  const z0 = tf.tensor(o.start, [o.count, ...inDims]);
  const target = tf.tensor(o.target, [o.count, ...outDims]);
  const weights = o.weights ? tf.tensor(o.weights, [o.count, ...outDims]) : tf.onesLike(target);
  const axes = outDims.map((_, i) => i + 1);
  const optimiser = tf.train.adam(o.lr ?? 0.05);
  const rowErrors = (): Tensor => {
    const given = new Map([[o.input.node, { [o.input.port]: z as Tensor }]]);
    const out = runner.evaluate(order, new Map(), { training: false, progress, batch: o.count }, given).get(o.output.node)![o.output.port];
    const sq = tf.mul(tf.square(tf.sub(out, target)), weights);
    return tf.div(tf.sum(sq, axes), tf.maximum(tf.sum(weights, axes), 1e-8));
  };
  try {
    for (let s = 0; s < (o.steps ?? 100); s++) {
      tf.tidy(() => {
        optimiser.minimize(
          () => {
            let loss = tf.mean(rowErrors());
            if (o.closeness) loss = tf.add(loss, tf.mul(o.closeness, tf.mean(tf.square(tf.sub(z, z0)))));
            return loss as Scalar;
          },
          false,
          [z],
        );
      });
    }
    const error = tf.tidy(rowErrors);
    const [input, errors] = await Promise.all([z.data(), error.data()]);
    error.dispose();
    return { input: input as Float32Array, error: errors as Float32Array };
  } finally {
    optimiser.dispose();
    tf.dispose([z, z0, target, weights]);
  }
}
