/** Dataset and LabelledSubset: batches from src/data, converted to the node's channels and range. */
import { BatchStream, labelledSubset, type BatchStreamState } from '../../data/batches';
import { convertImage } from '../../data/convert';
import type { Batch } from '../../data/types';
import type { DatasetInfo } from '../../graph/datasets';
import type { PlanNode } from '../../compiler/plan';
import { drawnTensor, type Drawn, type DrawnContext, type NodeEvaluator, type NodeRuntime } from './types';
import type { Tensor } from '../tf';

/** The node's outputs from one batch of its data set. */
function emit(node: PlanNode, info: DatasetInfo, batch: Batch, map: Record<string, string>, n: number): Drawn {
  const out: Drawn = {};
  for (const [port, key] of Object.entries(map)) {
    const shape = node.outputs[port];
    if (!shape) continue;
    const values = batch[key];
    if (!values) throw new Error(`${node.label}: data set ${info.name} gives no "${key}"`);
    const from = info.outputs[key]?.dims ?? shape.dims;
    out[port] = shape.kind === 'image' ? convertImage(values, from, shape.dims, node.params.range) : values;
  }
  if (node.outputs.domain) out.domain = new Float32Array(n).fill(Number(node.params.domain ?? 0));
  return out;
}

function tensorsOf(ctx: DrawnContext): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  for (const [port, shape] of Object.entries(ctx.node.outputs)) out[port] = drawnTensor(ctx, port, shape.dims);
  return out;
}

export const Dataset: NodeEvaluator<'Dataset'> = {
  async setup({ node, stream, dataset }) {
    const name = node.params.name as string;
    const source = await dataset(name);
    const split = (node.params.split as 'train' | 'test') ?? 'train';
    const ports = Object.keys(node.outputs).filter((p) => p !== 'domain');
    const map = Object.fromEntries(ports.map((p) => [p, p]));
    let streamOf: BatchStream | undefined;
    let size = 0;
    const runtime: NodeRuntime = {
      draw(batch) {
        if (!streamOf || size !== batch) {
          streamOf = new BatchStream(source, split, batch, stream('order'));
          size = batch;
        }
        return emit(node, source.info, streamOf.next().data, map, batch);
      },
      getState: () => (streamOf ? { batch: size, stream: streamOf.getState() } : null),
      setState(state) {
        const s = state as { batch: number; stream: BatchStreamState } | null;
        if (!s) return;
        streamOf = new BatchStream(source, split, s.batch, stream('order'));
        size = s.batch;
        streamOf.setState(s.stream);
      },
    };
    return runtime;
  },
  evaluate: (_inputs, ctx) => tensorsOf(ctx),
};

export const LabelledSubset: NodeEvaluator<'LabelledSubset'> = {
  async setup({ node, stream, dataset }) {
    const name = node.params.dataset as string;
    const source = await dataset(name);
    const subset = labelledSubset(source, node.params.perClass as number);
    let labelled: BatchStream | undefined;
    let unlabelled: BatchStream | undefined;
    let size = 0;
    const make = (batch: number) => {
      labelled = new BatchStream(source, 'train', batch, stream('labelled'), subset.labelled);
      unlabelled = new BatchStream(source, 'train', batch, stream('unlabelled'), subset.unlabelled);
      size = batch;
    };
    return {
      draw(batch) {
        if (!labelled || !unlabelled || size !== batch) make(batch);
        const a = emit(node, source.info, labelled!.next().data, { x_labelled: 'x', label: 'label' }, batch);
        const b = emit(node, source.info, unlabelled!.next().data, { x_unlabelled: 'x' }, batch);
        return { ...a, ...b };
      },
      getState: () => (labelled && unlabelled ? { batch: size, labelled: labelled.getState(), unlabelled: unlabelled.getState() } : null),
      setState(state) {
        const s = state as { batch: number; labelled: BatchStreamState; unlabelled: BatchStreamState } | null;
        if (!s) return;
        make(s.batch);
        labelled!.setState(s.labelled);
        unlabelled!.setState(s.unlabelled);
      },
    };
  },
  evaluate: (_inputs, ctx) => tensorsOf(ctx),
};
