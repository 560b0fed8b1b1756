/**
 * Held-out examples for the lessons, in the form a Dataset node emits them (its channels and
 * range), so they can replace the node's draw in `engine.sample(..., {draws})`. The lessons judge
 * networks on the test split (or train split, to fit probes), never on the training stream.
 */
import { openDataset } from '../../data/open';
import type { Batch, Split } from '../../data/types';
import { convertImage } from '../../data/convert';
import { nodeOf } from '../roles';
import type { LessonContext } from '../types';

export interface HeldOut {
  count: number;
  /** The node's outputs for these examples: pass as `draws: {[nodeId]: draw}`. */
  draw: Record<string, Float32Array>;
  /** The data set's own batch (images in [0, 1], labels one-hot, attributes 0/1). */
  raw: Batch;
  /** Class index per example, where the set has labels. */
  labels?: Int32Array;
}

/**
 * `count` examples of `split` (evenly spread over it, deterministic) from the data set `name`
 * (default: the node's own), converted to what Dataset node `nodeId` emits.
 */
export async function heldOut(ctx: LessonContext, nodeId: string, opts: { split: Split; count: number; name?: string; offset?: number }): Promise<HeldOut> {
  const node = nodeOf(ctx.plan, { node: nodeId });
  const name = opts.name ?? (node.params.name as string);
  const source = await openDataset(name, ctx.dataEnv);
  const available = source.count(opts.split);
  const count = Math.min(opts.count, available);
  const stride = Math.max(1, Math.floor(available / count));
  const indices = Array.from({ length: count }, (_, i) => (i * stride + (opts.offset ?? 0)) % available);
  const raw = source.get(opts.split, indices);
  const draw: Record<string, Float32Array> = {};
  for (const [port, shape] of Object.entries(node.outputs)) {
    if (port === 'domain') {
      draw.domain = new Float32Array(count).fill(Number(node.params.domain ?? 0));
      continue;
    }
    const values = raw[port];
    if (!values) continue;
    const from = source.info.outputs[port]?.dims ?? shape.dims;
    draw[port] = shape.kind === 'image' ? convertImage(values, from, shape.dims, node.params.range) : values;
  }
  const all = source.labels?.(opts.split);
  const labels = all ? Int32Array.from(indices, (i) => all[i]) : undefined;
  return { count, draw, raw, labels };
}

/** Per-row argmax of one-hot rows [n, k]. */
export function classesOf(oneHot: Float32Array, k: number): Int32Array {
  const n = oneHot.length / k;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (oneHot[i * k + j] > oneHot[i * k + best]) best = j;
    out[i] = best;
  }
  return out;
}

/** Product of the dims after the first: the width of one row. */
export function rowWidth(shape: number[]): number {
  return shape.slice(1).reduce((a, b) => a * b, 1);
}
