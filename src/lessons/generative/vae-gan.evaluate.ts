/**
 * VAE-GAN (and its plain-VAE variant, which shares this lesson): reconstruction error and how
 * sharp the reconstructions are next to the real images, for the graph as loaded. The plain VAE's
 * figures come from evaluating the variant's own checkpoint, so the two are compared as trained.
 */
import { mse, sharpness } from '../../analysis/image-metrics';
import { nodeOf, rolesIn } from '../roles';
import type { LessonContext, LessonEvaluation } from '../types';
import { heldOutImages, toUnit } from './data';
import { vaeGanLesson } from './vae-gan';

/** Reconstructions G(μ(x)) of `images` (in the data node's range), in that range: the posterior's ε drawn as 0. */
export async function reconstruct(ctx: LessonContext, images: Float32Array, n: number): Promise<Float32Array> {
  const { data, posterior, decoder } = rolesIn(ctx.plan, vaeGanLesson);
  const zDims = nodeOf(ctx.plan, posterior).outputs[posterior.port].dims;
  const eps = new Float32Array(n * zDims.reduce((a, b) => a * b, 1));
  const out = await ctx.engine.sample(decoder.node, decoder.port, n, { draws: { [data.node]: { [data.port]: images }, [posterior.node]: { eps } } });
  return out.data;
}

export const evaluateVaeGan: LessonEvaluation = async (ctx, opts = {}) => {
  const roles = rolesIn(ctx.plan, vaeGanLesson);
  const node = nodeOf(ctx.plan, roles.data);
  const held = await heldOutImages(ctx.dataEnv, node, opts.count ?? 256, { port: roles.data.port });
  const [h, w, c] = held.dims;
  const recon = toUnit(await reconstruct(ctx, held.images, held.count), node.params.range);
  const sharpReal = sharpness(held.unit, held.count, h, w, c);
  const sharpRecon = sharpness(recon, held.count, h, w, c);
  return {
    examples: held.count,
    reconstructionMse: mse(recon, held.unit),
    sharpnessReal: sharpReal,
    sharpnessReconstruction: sharpRecon,
    sharpnessRatio: sharpReal > 0 ? sharpRecon / sharpReal : 0,
    // Which graph this is: the plain-VAE variant has no judge.
    adversarial: roles.judge !== undefined,
  };
};
