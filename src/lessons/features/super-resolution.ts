/**
 * Super-resolution's figures on test faces: PSNR, SSIM and sharpness of bicubic upsampling of the
 * LR input vs the network's output, against the original (all in [0, 1]). The pixel-loss vs GAN
 * comparison comes from evaluating each variant's checkpoint with this same lesson.
 */
import { meanPsnr, meanSsim, sharpness, toUnitRange } from '../../analysis/index';
import { upsampleBicubic } from '../../data/transforms';
import type { Lesson, LessonContext, LessonMetrics } from '../types';
import { heldOut, planNode, round } from './held-out';

export interface Quality {
  psnr: number;
  ssim: number;
  sharpness: number;
}

export function qualityOf(images: Float32Array, original: Float32Array, n: number, h: number, w: number, c: number): Quality {
  return { psnr: round(meanPsnr(images, original, n), 3), ssim: round(meanSsim(images, original, n, h, w, c)), sharpness: round(sharpness(images, n, h, w, c)) };
}

/** Bicubic ×factor of LR images given in [−1, 1], in [0, 1] (mapped first: the resize clips to [0, 1]). */
export function bicubicBaseline(lr: Float32Array, n: number, h: number, w: number, c: number, factor: number): Float32Array {
  const unit = Float32Array.from(lr, (v) => (v + 1) / 2);
  return upsampleBicubic(unit, n, h, w, c, factor).map((v) => Math.min(1, Math.max(0, v)));
}

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

export const SUPER_RESOLUTION_LESSON: Lesson = {
  view: 'super-resolution',
  title: 'Super-resolution ×4: bicubic vs the network',
  evaluate: evaluateSuperResolution,
  results: {
    template: 'super-resolution',
    variants: ['pixel-loss'],
    reference: [
      { metric: 'bicubic.psnr', paper: '28.43 dB (Set5)', target: 'baseline (dB)' },
      {
        metric: 'network.psnr',
        variant: 'pixel-loss',
        paper: 'SRResNet 32.05 dB (Set5)',
        target: '> bicubic (dB)',
        met: (v, f) => v > (f('bicubic.psnr', 'pixel-loss') ?? Infinity),
      },
      {
        metric: 'network.psnr',
        paper: 'SRGAN 29.40 dB (Set5)',
        target: '< the pixel-loss network (dB)',
        met: (v, f) => v < (f('network.psnr', 'pixel-loss') ?? -Infinity),
      },
      { metric: 'network.sharpness', variant: 'pixel-loss', target: 'baseline' },
      {
        metric: 'network.sharpness',
        target: '> the pixel-loss network',
        met: (v, f) => v > (f('network.sharpness', 'pixel-loss') ?? Infinity),
      },
      { metric: 'original.sharpness', target: 'the real faces' },
    ],
  },
};
