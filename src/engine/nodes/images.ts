/** Image transforms in the graph: Mask (holes drawn per batch), Composite, Degrade. */
import { makeMasks, type MaskKind, type MaskParams } from '../../data/transforms';
import { resample } from '../layers/helpers';
import { tf } from '../tf';
import { drawnTensor, type NodeEvaluator } from './types';

/** Mask params from the node's `shape` and `size` (hole side as a share of the image side). */
export function maskParams(shape: MaskKind, size: number, h: number): MaskParams {
  if (shape === 'centre') return { size: Math.max(1, Math.round(size * h)) };
  const area = size * size;
  return { minCoverage: Math.min(0.5, area * 0.5), maxCoverage: Math.min(0.95, Math.max(area * 1.5, 0.1)) };
}

export const Mask: NodeEvaluator<'Mask'> = {
  setup({ node, stream }) {
    const rng = stream('mask');
    const [h, w] = node.outputs.mask.dims;
    const shape = node.params.shape as MaskKind;
    const params = maskParams(shape, node.params.size as number, h);
    return { draw: (batch) => ({ mask: makeMasks(batch, h, w, shape, rng, params) }) };
  },
  evaluate(inputs, ctx) {
    const m = drawnTensor(ctx, 'mask', ctx.node.outputs.mask.dims);
    return { masked: tf.mul(inputs.x, tf.sub(1, m)), mask: m, x: inputs.x };
  },
};

export const Composite: NodeEvaluator<'Composite'> = {
  evaluate: ({ x, y, mask }) => ({ out: tf.add(tf.mul(x, tf.sub(1, mask)), tf.mul(y, mask)) }),
};

/** Antialiased area or bicubic shrinking as two matrix products (differentiable, no clipping). */
export const Degrade: NodeEvaluator<'Degrade'> = {
  evaluate(inputs, ctx) {
    const [h, w] = ctx.node.outputs.lr.dims;
    const kernel = ctx.node.params.method === 'area' ? 'box' : 'cubic';
    return { lr: resample(inputs.x, h, w, kernel), hr: inputs.x };
  },
};
