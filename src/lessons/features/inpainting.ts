/**
 * Inpainting's figures on test faces with the Mask node's holes: PSNR inside the hole of the
 * composite (generator's pixels in the hole, the original elsewhere) vs mean-fill (each hole
 * pixel set to the mean colour of the visible pixels). The L2-only comparison comes from
 * evaluating that variant's checkpoint with this same lesson.
 */
import { meanFill, meanPsnr, toUnitRange } from '../../analysis/index';
import type { Lesson, LessonContext, LessonMetrics } from '../types';
import { heldOut, planNode, round } from './held-out';

export async function evaluateInpainting(ctx: LessonContext, opts: { count?: number } = {}): Promise<LessonMetrics> {
  const test = await heldOut(ctx, 'x', { split: 'test', count: opts.count ?? 200 });
  const n = test.count;
  const [h, w, c] = planNode(ctx, 'm').outputs.x.dims;
  const draws = { x: { x: test.draw.x } };
  const masks = (await ctx.engine.sample('m', 'mask', n, { draws })).data;
  const composite = toUnitRange((await ctx.engine.sample('comp', 'out', n, { draws })).data);
  const original = toUnitRange(test.draw.x);
  const filled = meanFill(original, masks, n, h, w, c);
  let holeShare = 0;
  for (let i = 0; i < masks.length; i++) holeShare += masks[i] / masks.length;
  return {
    holePsnr: { generator: round(meanPsnr(composite, original, n, 1, masks), 3), meanFill: round(meanPsnr(filled, original, n, 1, masks), 3) },
    holeShare: round(holeShare),
    count: n,
  };
}

export const INPAINTING_LESSON: Lesson = {
  view: 'inpainting',
  title: 'Inpainting: the hole filled by the generator vs mean-fill',
  evaluate: evaluateInpainting,
  results: {
    template: 'inpainting',
    variants: ['l2-only'],
    reference: [
      { metric: 'holePsnr.meanFill', target: 'baseline: the hole filled with the mean colour (dB)' },
      { metric: 'holePsnr.generator', target: '> mean-fill (dB)', met: (v, f) => v > (f('holePsnr.meanFill') ?? Infinity) },
      { metric: 'holePsnr.generator', variant: 'l2-only', target: 'baseline: the L2 term alone (dB)' },
    ],
  },
};
