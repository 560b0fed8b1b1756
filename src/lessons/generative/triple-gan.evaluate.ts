/**
 * Triple-GAN (and its classifier-only variant, which shares this lesson): the classifier's
 * accuracy and confusion matrix on the held-out digits. The baseline is the variant's own run.
 */
import { accuracy, argmaxRows } from '../../analysis/assignment';
import { nodeOf, rolesIn } from '../roles';
import type { LessonContext, LessonEvaluation } from '../types';
import { heldOutImages } from './data';
import { tripleGanLesson } from './triple-gan';

/** C's classes for images in the data node's range. */
export async function classify(ctx: LessonContext, images: Float32Array, n: number): Promise<Int32Array> {
  const { data, classifier } = rolesIn(ctx.plan, tripleGanLesson);
  const logits = await ctx.engine.sample(classifier.node, classifier.port, n, { draws: { [data.node]: { [data.port]: images } } });
  return argmaxRows(logits.data, nodeOf(ctx.plan, classifier).outputs[classifier.port].dims[0]);
}

export const evaluateTripleGan: LessonEvaluation = async (ctx, opts = {}) => {
  const roles = rolesIn(ctx.plan, tripleGanLesson);
  const k = nodeOf(ctx.plan, roles.classifier).outputs[roles.classifier.port].dims[0];
  const held = await heldOutImages(ctx.dataEnv, nodeOf(ctx.plan, roles.data), opts.count ?? 1000, { port: roles.data.port });
  const r = accuracy(await classify(ctx, held.images, held.count), held.labels, k);
  return {
    examples: held.count,
    accuracy: r.accuracy,
    confusion: r.confusion,
    // Which graph this is: the classifier-only baseline has no generator.
    adversarial: roles.generator !== undefined,
  };
};
