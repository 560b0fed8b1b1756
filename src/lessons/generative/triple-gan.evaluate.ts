/**
 * Triple-GAN (and its baseline variants, which share this lesson): the classifier's accuracy and
 * confusion matrix on the held-out digits, and — where there is a generator — how often G's
 * samples are the class they were made for, judged by the reference MNIST classifier (not by C,
 * which would be judging its own teacher). The baselines are the variants' own runs.
 */
import { accuracy, argmaxRows } from '../../analysis/assignment';
import { nodeOf, rolesIn } from '../roles';
import type { LessonContext, LessonEvaluation } from '../types';
import { heldOutImages, toUnit } from './data';
import { referenceClassifier } from './reference-classifier';
import { tripleGanLesson } from './triple-gan';

/** C's classes for images in the data node's range. */
export async function classify(ctx: LessonContext, images: Float32Array, n: number): Promise<Int32Array> {
  const { data, classifier } = rolesIn(ctx.plan, tripleGanLesson);
  const logits = await ctx.engine.sample(classifier.node, classifier.port, n, { draws: { [data.node]: { [data.port]: images } } });
  return argmaxRows(logits.data, nodeOf(ctx.plan, classifier).outputs[classifier.port].dims[0]);
}

/** Samples of G for each class in turn (`perClass` each), judged by the reference classifier. */
export async function generatedAsIntended(ctx: LessonContext, perClass = 50): Promise<{ share: number; perClass: number[] }> {
  const roles = rolesIn(ctx.plan, tripleGanLesson);
  if (!roles.generator || !roles.label) throw new Error('this graph has no class-conditional generator');
  const k = nodeOf(ctx.plan, roles.label).outputs[roles.label.port].dims[0];
  const n = k * perClass;
  const intended = Int32Array.from({ length: n }, (_, i) => Math.floor(i / perClass));
  const onehots = new Float32Array(n * k);
  intended.forEach((y, i) => (onehots[i * k + y] = 1));
  const made = await ctx.engine.sample(roles.generator.node, roles.generator.port, n, { draws: { [roles.label.node]: { [roles.label.port]: onehots } } });
  const reference = await referenceClassifier(ctx.dataEnv);
  // G makes images like the data it is judged against, in the data's range.
  const judged = await reference.classify(toUnit(made.data, nodeOf(ctx.plan, roles.data).params.range), n);
  const right = Array.from({ length: k }, () => 0);
  judged.forEach((c, i) => void (c === intended[i] && right[intended[i]]++));
  return { share: right.reduce((a, b) => a + b, 0) / n, perClass: right.map((r) => r / perClass) };
}

export const evaluateTripleGan: LessonEvaluation = async (ctx, opts = {}) => {
  const roles = rolesIn(ctx.plan, tripleGanLesson);
  const k = nodeOf(ctx.plan, roles.classifier).outputs[roles.classifier.port].dims[0];
  const held = await heldOutImages(ctx.dataEnv, nodeOf(ctx.plan, roles.data), opts.count ?? 1000, { port: roles.data.port });
  const r = accuracy(await classify(ctx, held.images, held.count), held.labels, k);
  const generated = roles.generator && roles.label ? await generatedAsIntended(ctx) : undefined;
  return {
    examples: held.count,
    accuracy: r.accuracy,
    confusion: r.confusion,
    ...(generated ? { generatedAsIntended: generated.share, generatedAsIntendedPerClass: generated.perClass } : {}),
    // Which graph this is: the baselines have no generator.
    adversarial: roles.generator !== undefined,
  };
};
