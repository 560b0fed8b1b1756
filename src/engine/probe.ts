/**
 * A look inside a wire: the tensor on one output port for a fixed probe batch, as the training
 * phases see it (training mode, but nothing changes: BatchNorm uses batch statistics and leaves its
 * averages, no weight moves), summarised to a few kilobytes; and, per phase that reads it, the
 * norm of the gradient of that phase's loss with respect to it — what flows back along the wire.
 */
import type { Plan } from '../compiler/plan';
import { ancestors } from '../compiler/ancestors';
import { isOneHot, labelsOf, summariseWire, type WireKind, type WireSummary } from '../analysis/wire-summary';
import { getKind } from '../graph/catalog';
import type { GraphRunner } from './graph';
import type { Drawn } from './nodes/index';
import { tf, type Scalar, type Tensor } from './tf';

export interface WireGradient {
  phase: string;
  name: string;
  /** ‖∂L/∂x‖ over the whole batch, L the phase's weighted loss sum. */
  norm: number;
  /** The mean over examples of each example's ‖∂L/∂xᵢ‖. */
  perExample: number;
  /** Why the gradient could not be taken (e.g. a penalty that differentiates the network itself). */
  error?: string;
}

export interface WireProbe {
  node: string;
  port: string;
  /** Iterations completed when it was read. */
  step: number;
  summary: WireSummary;
  /** One per phase whose losses depend on the wire, in phase order. */
  gradients: WireGradient[];
  /** Where the labels colouring the scatter come from ("x.y"), if any. */
  labelsFrom?: string;
  /** Time the probe took in the engine. */
  ms: number;
}

export interface ProbeOptions {
  /** Also the gradient norms (a backward pass per phase that reads the wire; default true). */
  gradients?: boolean;
}

export interface ProbeContext {
  plan: Plan;
  runner: GraphRunner;
  step: number;
  progress: number;
  /** The probe batch's size. */
  batch: number;
  /** Fixed draws of these nodes (the same every time: only the model changes between probes). */
  draws(nodes: string[]): Promise<Map<string, Drawn>>;
  /** The weights a phase gives its terms now (schedules and overrides applied). */
  termWeights(phaseIndex: number): number[];
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

function weighted(losses: Tensor[], weights: number[]): Tensor {
  let total = weights[0] === 1 ? losses[0] : tf.mul(losses[0], weights[0]);
  for (let i = 1; i < losses.length; i++) total = tf.add(total, weights[i] === 1 ? losses[i] : tf.mul(losses[i], weights[i]));
  return total;
}

export async function probeWire(ctx: ProbeContext, nodeId: string, port: string, opts: ProbeOptions = {}): Promise<WireProbe> {
  const started = now();
  const { plan, runner } = ctx;
  const node = runner.node(nodeId);
  const shape = node.outputs[port];
  if (!shape) throw new Error(`${node.label} has no output "${port}" (outputs: ${Object.keys(node.outputs).join(', ')})`);
  if (shape.kind === 'weights') throw new Error(`${node.label}.${port} carries shared weights, not values`);
  const order = ancestors(plan, [nodeId]);
  const readers = plan.phases.map((phase, index) => ({ phase, index })).filter(({ phase }) => phase.nodes.includes(nodeId));
  const wanted = opts.gradients ?? true;
  const draws = await ctx.draws([...new Set([...order, ...(wanted ? readers.flatMap((r) => r.phase.nodes) : [])])]);
  const evalOpts = { training: true, frozenStats: true, progress: ctx.progress, batch: ctx.batch };

  // The value, and the label-like outputs upstream of it (dataset labels first, else a one-hot code).
  const read = tf.tidy(() => {
    const outputs = runner.evaluate(order, draws, evalOpts);
    const value = outputs.get(nodeId)![port];
    let labels: { tensor: Tensor; from: string } | undefined;
    let code: { tensor: Tensor; from: string } | undefined;
    for (const id of [...order].reverse()) {
      if (id === nodeId) continue;
      for (const [p, s] of Object.entries(runner.node(id).outputs)) {
        const t = outputs.get(id)?.[p];
        if (!t || s.dims.length !== 1) continue;
        if (s.kind === 'label' && !labels) labels = { tensor: tf.keep(t.clone()), from: `${id}.${p}` };
        if (s.kind === 'code' && !code) code = { tensor: tf.keep(t.clone()), from: `${id}.${p}` };
      }
    }
    return { value: tf.keep(value.clone()), labels, code };
  });
  let values: Float32Array;
  let labelValues: { values: Int32Array; classes: number } | undefined;
  let labelsFrom: string | undefined;
  try {
    values = (await read.value.data()) as Float32Array;
    for (const candidate of [read.labels, read.code]) {
      if (!candidate || labelValues) continue;
      const width = candidate.tensor.shape[1] ?? 1;
      const data = (await candidate.tensor.data()) as Float32Array;
      if (candidate === read.code && !isOneHot(data, ctx.batch, width)) continue;
      const labels = labelsOf(data, ctx.batch, width);
      labelValues = { values: labels, classes: width === 1 ? Math.max(2, ...labels) + 1 : width };
      labelsFrom = candidate.from;
    }
  } finally {
    read.value.dispose();
    read.labels?.tensor.dispose();
    read.code?.tensor.dispose();
  }

  const gradients: WireGradient[] = [];
  if (wanted) {
    for (const { phase, index } of readers) {
      const weights = ctx.termWeights(index);
      try {
        const norms = tf.tidy(() => {
          const base = runner.evaluate(phase.nodes, draws, evalOpts);
          // What the wire depends on is a constant here: the gradient flows back only as far as x.
          const fixed = new Map(order.filter((id) => id !== nodeId && base.has(id)).map((id) => [id, base.get(id)!]));
          const own = base.get(nodeId)!;
          const loss = (x: Tensor) => {
            const outputs = runner.evaluate(phase.nodes, draws, evalOpts, new Map([...fixed, [nodeId, { ...own, [port]: x }]]));
            return weighted(phase.terms.map((t) => outputs.get(t.loss)!.loss), weights) as Scalar;
          };
          const g = tf.grad(loss)(own[port]);
          // A scalar (a loss) has no examples: its one norm is the per-example one too.
          const perExample = g.rank === 0 || g.shape[0] !== ctx.batch ? tf.norm(g) : tf.mean(tf.sqrt(tf.sum(tf.square(tf.reshape(g, [ctx.batch, -1])), 1)));
          return tf.stack([tf.norm(g), perExample]);
        });
        const [norm, perExample] = Array.from((await norms.data()) as Float32Array);
        norms.dispose();
        gradients.push({ phase: phase.id, name: phase.name, norm, perExample });
      } catch (e) {
        gradients.push({ phase: phase.id, name: phase.name, norm: NaN, perExample: NaN, error: e instanceof Error ? e.message : String(e) });
      }
    }
  }

  const range = getKind(node.kind)?.outputRange?.(node.params, port);
  const kind: WireKind = shape.kind;
  const summary = summariseWire(values, ctx.batch, shape.dims, kind, labelValues, range ? { range: [range[0], range[1]] } : {});
  return { node: nodeId, port, step: ctx.step, summary, gradients, ...(labelsFrom ? { labelsFrom } : {}), ms: now() - started };
}
