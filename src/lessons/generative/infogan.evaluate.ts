/**
 * InfoGAN: does c1 mean "which digit"? Q reads the held-out real digits (given in place of G's
 * output, so Q sees them through D's shared trunk exactly as it sees generated ones), argmax
 * Q_c1 is a category, and categories are mapped one-to-one to digits for the best accuracy.
 */
import { argmaxRows, bestMappingAccuracy } from '../../analysis/assignment';
import type { LessonContext, LessonEvaluation } from '../types';
import { datasetNode, heldOutImages } from './data';

export interface InfoganNodes {
  /** The generator whose output Q reads (replaced by real digits). */
  generator: string;
  /** Node and port of the c1 logits. */
  logits: { node: string; port: string };
  /** The categorical code node and its k. */
  code: string;
  k: number;
}

/** Finds G, Q_c1 and c1 by the wiring: the CrossEntropy whose labels come from a CategoricalCode. */
export function infoganNodes(ctx: LessonContext): InfoganNodes {
  const { nodes } = ctx.plan;
  for (const ce of nodes.filter((n) => n.kind === 'CrossEntropy')) {
    const labels = ce.inputs.labels;
    const code = labels && nodes.find((n) => n.id === labels.node && n.kind === 'CategoricalCode');
    if (!code || !ce.inputs.logits) continue;
    const generator = nodes.find((n) => n.kind === 'Generator');
    if (!generator) break;
    return { generator: generator.id, logits: { node: ce.inputs.logits.node, port: ce.inputs.logits.port }, code: code.id, k: code.params.k as number };
  }
  throw new Error('the graph has no categorical code recovered by a cross-entropy (Q_c1)');
}

/** Q_c1's logits [n, k] for the given images (in G's output range). */
export async function qLogits(ctx: LessonContext, images: Float32Array, n: number): Promise<Float32Array> {
  const nodes = infoganNodes(ctx);
  return (await ctx.engine.sample(nodes.logits.node, nodes.logits.port, n, { given: { [nodes.generator]: { out: images } } })).data;
}

export const evaluateInfogan: LessonEvaluation = async (ctx, opts = {}) => {
  const nodes = infoganNodes(ctx);
  const held = await heldOutImages(ctx.dataEnv, datasetNode(ctx.plan), opts.count ?? 1000);
  const logits = await qLogits(ctx, held.images, held.count);
  const predicted = argmaxRows(logits, nodes.k);
  const r = bestMappingAccuracy(predicted, held.labels, nodes.k);
  return {
    examples: held.count,
    accuracy: r.accuracy,
    categoriesUsed: r.categoriesUsed,
    mapping: r.mapping,
    confusion: r.confusion,
  };
};
