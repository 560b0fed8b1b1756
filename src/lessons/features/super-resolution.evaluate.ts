/**
 * Super-resolution's figures on test faces: PSNR, SSIM and sharpness of bicubic upsampling of the
 * LR input vs the network's output, against the original (all in [0, 1]). The pixel-loss vs GAN
 * comparison comes from evaluating each variant's checkpoint with this same lesson.
 */
import { sharpness, toUnitRange } from '../../analysis/index';
import type { LessonContext, LessonMetrics } from '../types';
import { bicubicBaseline, qualityOf } from './super-resolution';
import { round } from '../figures';
import { heldOut, planNode } from './held-out';

export async function evaluateSuperResolution(ctx: LessonContext, opts: { count?: number } = {}): Promise<LessonMetrics> {
  const test = await heldOut(ctx, 'x', { split: 'test', count: opts.count ?? 200 });
  const n = test.count;
  const [h, w, c] = planNode(ctx, 'deg').outputs.hr.dims;
  const [lh, lw] = planNode(ctx, 'deg').outputs.lr.dims;
  const factor = h / lh;
  const draws = { x: { x: test.draw.x } };
  const lr = await ctx.engine.sample('deg', 'lr', n, { draws });
  const hr = toUnitRange((await ctx.engine.sample('deg', 'hr', n, { draws })).data);
  const network = toUnitRange((await ctx.engine.sample('G', 'out', n, { draws })).data);
  const bicubic = bicubicBaseline(lr.data, n, lh, lw, c, factor);
  return {
    bicubic: { ...qualityOf(bicubic, hr, n, h, w, c) },
    network: { ...qualityOf(network, hr, n, h, w, c) },
    original: { sharpness: round(sharpness(hr, n, h, w, c)) },
    factor,
    count: n,
  };
}

