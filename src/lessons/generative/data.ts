/**
 * Held-out examples for the lesson figures, converted to what a graph's Dataset node emits (its
 * channels and value range), so they can replace the node's draws or a network's output.
 */
import type { PlanNode } from '../../compiler/plan';
import { convertChannels } from '../../data/convert';
import { openDataset } from '../../data/open';
import type { DataEnv } from '../../data/types';

export interface HeldOut {
  /** [n, h, w, c] in the node's range (what the graph sees). */
  images: Float32Array;
  /** The same images in [0, 1] (what the metrics compare). */
  unit: Float32Array;
  /** Class index per example (empty when the set has no labels). */
  labels: Int32Array;
  /** [h, w, c] */
  dims: number[];
  count: number;
}


/** [0, 1] → the node's range ('-1..1' or '0..1'). */
export function toNodeRange(unit: Float32Array, range: unknown): Float32Array {
  return range === '-1..1' ? unit.map((v) => v * 2 - 1) : unit.slice();
}

/** The node's range → [0, 1], clamped (a generator's tanh may overshoot nothing, a linear one may). */
export function toUnit(values: Float32Array, range: unknown): Float32Array {
  return values.map((v) => Math.min(1, Math.max(0, range === '-1..1' ? (v + 1) / 2 : v)));
}

/**
 * The first `count` test examples of a data set (deterministic, the same on every run), shaped for
 * `node`: `name` defaults to the node's data set, `port` is the image output it feeds.
 */
export async function heldOutImages(dataEnv: DataEnv, node: PlanNode, count: number, opts: { name?: string; port?: string } = {}): Promise<HeldOut> {
  const name = opts.name ?? ((node.params.name ?? node.params.dataset) as string);
  const source = await openDataset(name, dataEnv);
  const n = Math.min(count, source.count('test'));
  const indices = Array.from({ length: n }, (_, i) => i);
  const batch = source.get('test', indices);
  const port = opts.port ?? (node.outputs.x ? 'x' : Object.keys(node.outputs).find((p) => node.outputs[p].kind === 'image')!);
  const dims = node.outputs[port].dims;
  const from = source.info.outputs.x?.dims ?? dims;
  const unit = convertChannels(batch.x, batch.x.length / from[from.length - 1], from[from.length - 1], dims[dims.length - 1]);
  const labels = source.labels ? source.labels('test').slice(0, n) : new Int32Array(0);
  return { images: toNodeRange(unit, node.params.range), unit, labels, dims, count: n };
}
