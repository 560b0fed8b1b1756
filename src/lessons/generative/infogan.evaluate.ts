/**
 * InfoGAN: does c1 mean "which digit"? Q reads the held-out real digits (given in place of G's
 * output, so Q sees them through D's shared trunk exactly as it sees generated ones), argmax
 * Q_c1 is a category, and categories are mapped one-to-one to digits for the best accuracy.
 */
import { argmaxRows, bestMappingAccuracy } from '../../analysis/assignment';
import { nodeOf, rolesIn } from '../roles';
import type { LessonContext, LessonEvaluation } from '../types';
import { heldOutImages } from './data';
import { infoganLesson } from './infogan';

/** Q_c1's logits [n, k] for the given images (in G's output range), given in place of G's output. */
export async function qLogits(ctx: LessonContext, images: Float32Array, n: number): Promise<Float32Array> {
  const { generator, recognizer } = rolesIn(ctx.plan, infoganLesson);
  return (await ctx.engine.sample(recognizer.node, recognizer.port, n, { given: { [generator.node]: { [generator.port]: images } } })).data;
}

/** The number of categories of c1. */
export function categoryCount(ctx: LessonContext): number {
  const { category } = rolesIn(ctx.plan, infoganLesson);
  return nodeOf(ctx.plan, category).outputs[category.port].dims[0];
}

export const evaluateInfogan: LessonEvaluation = async (ctx, opts = {}) => {
  const roles = rolesIn(ctx.plan, infoganLesson);
  const k = categoryCount(ctx);
  const held = await heldOutImages(ctx.dataEnv, nodeOf(ctx.plan, roles.data), opts.count ?? 1000, { port: roles.data.port });
  const logits = await qLogits(ctx, held.images, held.count);
  const predicted = argmaxRows(logits, k);
  const r = bestMappingAccuracy(predicted, held.labels, k);
  return {
    examples: held.count,
    accuracy: r.accuracy,
    categoriesUsed: r.categoriesUsed,
    mapping: r.mapping,
    confusion: r.confusion,
  };
};
