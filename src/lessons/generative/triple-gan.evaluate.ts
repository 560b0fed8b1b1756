/**
 * Triple-GAN (and its classifier-only variant, which shares this lesson): the classifier's
 * accuracy and confusion matrix on the held-out digits. The baseline is the variant's own run.
 */
import { accuracy, argmaxRows } from '../../analysis/assignment';
import type { LessonContext, LessonEvaluation } from '../types';
import { heldOutImages } from './data';

export interface ClassifierNodes {
  /** The data node whose labelled images feed C, and that port. */
  data: string;
  port: string;
  classifier: string;
  k: number;
}

export function classifierNodes(ctx: LessonContext): ClassifierNodes {
  const { nodes } = ctx.plan;
  for (const c of nodes.filter((n) => n.kind === 'Classifier')) {
    const src = c.inputs.x;
    const data = src && nodes.find((n) => n.id === src.node && (n.kind === 'LabelledSubset' || n.kind === 'Dataset'));
    if (data) return { data: data.id, port: src.port, classifier: c.id, k: c.outputs.out.dims[0] };
  }
  throw new Error('the graph has no classifier reading a data set');
}

/** C's classes for images in the data node's range. */
export async function classify(ctx: LessonContext, images: Float32Array, n: number): Promise<Int32Array> {
  const c = classifierNodes(ctx);
  const logits = await ctx.engine.sample(c.classifier, 'out', n, { draws: { [c.data]: { [c.port]: images } } });
  return argmaxRows(logits.data, c.k);
}

export const evaluateTripleGan: LessonEvaluation = async (ctx, opts = {}) => {
  const c = classifierNodes(ctx);
  const node = ctx.plan.nodes.find((n) => n.id === c.data)!;
  const held = await heldOutImages(ctx.dataEnv, node, opts.count ?? 1000, { port: c.port });
  const r = accuracy(await classify(ctx, held.images, held.count), held.labels, c.k);
  return {
    examples: held.count,
    accuracy: r.accuracy,
    confusion: r.confusion,
    // Which graph this is: the classifier-only baseline has no generator.
    adversarial: ctx.plan.nodes.some((n) => n.kind === 'Generator'),
  };
};
