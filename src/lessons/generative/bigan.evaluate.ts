/**
 * BiGAN: does G(E(x)) keep x's class? A reference classifier judges both (its own test accuracy
 * is reported beside the agreement), and E(x) is scored as a feature by 1-NN accuracy on held-out
 * digits — next to the same plan's encoder at its untrained initialisation, which already scores
 * high on MNIST, so only the difference says what training added.
 */
import { classAgreement } from '../../analysis/assignment';
import { nearestNeighbourAccuracy } from '../../analysis/embeddings';
import { Engine } from '../../engine/engine';
import { nodeOf, rolesIn } from '../roles';
import type { LessonContext, LessonEvaluation, LessonRoles } from '../types';
import { biganLesson } from './bigan';
import { heldOutImages, toUnit, type HeldOut } from './data';
import { referenceClassifier } from './reference-classifier';

type BiganRoles = LessonRoles<typeof biganLesson.roles>;

/** E(x) for images in the data node's range: [n, dim]. */
export async function encode(engine: Engine, roles: BiganRoles, images: Float32Array, n: number): Promise<Float32Array> {
  return (await engine.sample(roles.encoder.node, roles.encoder.port, n, { draws: { [roles.data.node]: { [roles.data.port]: images } } })).data;
}

/** G(E(x)), in G's output range: E(x) given in place of what feeds G. */
export async function reconstructThroughCode(ctx: LessonContext, images: Float32Array, n: number): Promise<Float32Array> {
  const roles = rolesIn(ctx.plan, biganLesson);
  const codes = await encode(ctx.engine, roles, images, n);
  return (await ctx.engine.sample(roles.generator.node, roles.generator.port, n, { given: { [roles.code.node]: { [roles.code.port]: codes } } })).data;
}

/** How a judge's classes for x and for G(E(x)) compare (images in [0, 1]). */
export async function judgedAgreement(judge: (unit: Float32Array, n: number) => Promise<Int32Array>, x: Float32Array, recon: Float32Array, n: number, labels: Int32Array): Promise<{ agreement: number; reconstructionsCorrect: number }> {
  const classesOfX = await judge(x, n);
  const classesOfRecon = await judge(recon, n);
  return { agreement: classAgreement(classesOfX, classesOfRecon), reconstructionsCorrect: classAgreement(labels, classesOfRecon) };
}

/** 1-NN accuracy of features: the first half of the held-out digits labels the second half. */
function oneNearestNeighbour(features: Float32Array, held: HeldOut): number {
  const d = features.length / held.count;
  const half = Math.floor(held.count / 2);
  return nearestNeighbourAccuracy(features.subarray(0, half * d), held.labels.subarray(0, half), features.subarray(half * d), held.labels.subarray(half), d);
}

export const evaluateBigan: LessonEvaluation = async (ctx, opts = {}) => {
  const roles = rolesIn(ctx.plan, biganLesson);
  const dataNode = nodeOf(ctx.plan, roles.data);
  const held = await heldOutImages(ctx.dataEnv, dataNode, opts.count ?? 1000, { port: roles.data.port });
  const reference = await referenceClassifier(ctx.dataEnv);
  const recon = toUnit(await reconstructThroughCode(ctx, held.images, held.count), dataNode.params.range);
  const judged = await judgedAgreement(reference.classify, held.unit, recon, held.count, held.labels);
  const features = await encode(ctx.engine, roles, held.images, held.count);
  // The same plan's seeded initialisation: the untrained encoder the trained one is compared with.
  const untrained = await Engine.create(ctx.plan, { dataEnv: ctx.dataEnv, keepBackend: true });
  let untrainedAccuracy: number;
  try {
    untrainedAccuracy = oneNearestNeighbour(await encode(untrained, roles, held.images, held.count), held);
  } finally {
    untrained.dispose();
  }
  return {
    examples: held.count,
    agreement: judged.agreement,
    reconstructionsCorrect: judged.reconstructionsCorrect,
    referenceAccuracy: reference.testAccuracy,
    referenceSteps: reference.steps,
    nnAccuracy: oneNearestNeighbour(features, held),
    nnAccuracyUntrained: untrainedAccuracy,
  };
};
