/**
 * VAE-GAN (and its plain-VAE variant, which shares this lesson): reconstruction error and how
 * sharp the reconstructions are next to the real images, for the graph as loaded. The plain VAE's
 * figures come from evaluating the variant's own checkpoint, so the two are compared as trained.
 */
import { mse, sharpness } from '../../analysis/image-metrics';
import type { LessonContext, LessonEvaluation } from '../types';
import { heldOutImages, toUnit } from './data';

export interface VaeNodes {
  /** The Dataset node E reads. */
  data: string;
  /** The Reparameterize node (ε set to 0: the reconstruction from μ). */
  reparameterize: string;
  /** The decoder applied to z ~ q(z|x). */
  decoder: string;
}

export function vaeNodes(ctx: LessonContext): VaeNodes {
  const { nodes } = ctx.plan;
  const rep = nodes.find((n) => n.kind === 'Reparameterize');
  const decoder = rep && nodes.find((n) => n.kind === 'Generator' && n.inputs.x?.node === rep.id);
  const data = nodes.find((n) => n.kind === 'Dataset');
  if (!rep || !decoder || !data) throw new Error('the graph has no Dataset → encoder → Reparameterize → generator chain');
  return { data: data.id, reparameterize: rep.id, decoder: decoder.id };
}

/** Reconstructions G(μ(x)) of `images` (in the data node's range), in that range. */
export async function reconstruct(ctx: LessonContext, images: Float32Array, n: number): Promise<Float32Array> {
  const v = vaeNodes(ctx);
  const zDims = ctx.plan.nodes.find((node) => node.id === v.reparameterize)!.outputs.z.dims;
  const eps = new Float32Array(n * zDims.reduce((a, b) => a * b, 1));
  const out = await ctx.engine.sample(v.decoder, 'out', n, { draws: { [v.data]: { x: images }, [v.reparameterize]: { eps } } });
  return out.data;
}

export const evaluateVaeGan: LessonEvaluation = async (ctx, opts = {}) => {
  const v = vaeNodes(ctx);
  const node = ctx.plan.nodes.find((n) => n.id === v.data)!;
  const held = await heldOutImages(ctx.dataEnv, node, opts.count ?? 256);
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
    // Which graph this is: the plain-VAE variant has no discriminator.
    adversarial: ctx.plan.nodes.some((n) => n.kind === 'Discriminator'),
  };
};
