/**
 * Super-resolution's figures on test faces: PSNR, SSIM and sharpness of bicubic upsampling of the
 * LR input vs the network's output, against the original (all in [0, 1]). The pixel-loss vs GAN
 * comparison comes from evaluating each variant's checkpoint with this same lesson.
 */
import { sharpness, toUnitRange } from '../../analysis/index';
import type { LessonContext, LessonMetrics } from '../types';
import { bicubicBaseline, qualityOf, SUPER_RESOLUTION_LESSON } from './super-resolution';
import { round } from '../figures';
import { heldOut } from './held-out';
import { nodeOf, rolesIn } from '../roles';

export async function evaluateSuperResolution(ctx: LessonContext, opts: { count?: number } = {}): Promise<LessonMetrics> {
  const { data, lowRes, highRes, upscaler } = rolesIn(ctx.plan, SUPER_RESOLUTION_LESSON);
  const test = await heldOut(ctx, data.node, { split: 'test', count: opts.count ?? 200 });
  const n = test.count;
  const [h, w, c] = nodeOf(ctx.plan, highRes).outputs[highRes.port].dims;
  const [lh, lw] = nodeOf(ctx.plan, lowRes).outputs[lowRes.port].dims;
  const factor = h / lh;
  const draws = { [data.node]: { [data.port]: test.draw[data.port] } };
  const lr = await ctx.engine.sample(lowRes.node, lowRes.port, n, { draws });
  const hr = toUnitRange((await ctx.engine.sample(highRes.node, highRes.port, n, { draws })).data);
  const network = toUnitRange((await ctx.engine.sample(upscaler.node, upscaler.port, n, { draws })).data);
  const bicubic = bicubicBaseline(lr.data, n, lh, lw, c, factor);
  return {
    bicubic: { ...qualityOf(bicubic, hr, n, h, w, c) },
    network: { ...qualityOf(network, hr, n, h, w, c) },
    original: { sharpness: round(sharpness(hr, n, h, w, c)) },
    factor,
    count: n,
  };
}

