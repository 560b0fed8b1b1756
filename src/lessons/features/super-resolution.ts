/** Super-resolution ×4: bicubic against the network, by PSNR, SSIM and sharpness. */
import { meanPsnr, meanSsim, sharpness } from '../../analysis/index';
import { upsampleBicubic } from '../../data/transforms';
import { defineLesson } from '../types';
import { round } from '../figures';

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

export const SUPER_RESOLUTION_LESSON = defineLesson({
  view: 'super-resolution',
  title: 'Super-resolution ×4: bicubic vs the network',
  roles: {
    data: { description: 'the high-resolution faces', category: ['data'], outputs: ['image'] },
    lowRes: { description: 'the low-resolution input', outputs: ['image'] },
    highRes: { description: 'the original high-resolution image', outputs: ['image'] },
    upscaler: { description: 'the super-resolution network', category: ['network'], outputs: ['image'] },
    judge: { description: 'the discriminator (absent with the pixel loss alone)', category: ['network'], optional: true },
  },
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
});
